"""`make bench` compares each download with the bare SQL of the same rows and columns: check that the
SQL in `nplv.bench.EXPORTS` really reads as many rows and columns as the download writes."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from openpyxl import load_workbook

from nplv import bench

pytestmark = pytest.mark.django_db


def downloaded(client, url) -> list[list]:
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content)
    if url.endswith(".xlsx"):
        return [list(row) for row in load_workbook(io.BytesIO(content)).active.values]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_bare_sql_reads_the_rows_and_columns_of_each_download(client, demo_data):
    from accounts.models import User

    client.force_login(User.objects.get(username=bench.NATIONAL))
    for url, sql in bench.EXPORTS:
        rows = downloaded(client, url)
        with connection.cursor() as cursor:
            cursor.execute(sql)
            bare = cursor.fetchall()
            width = len(cursor.description)
        assert len(bare) == len(rows) - 1 > 1, url  # the download has a header row
        assert width == len(rows[0]), url
        if "interventies" in url:
            assert bare[-1][0] == "Totaal" and str(rows[-1][0]).startswith("Totaal")
        assert bench._bare_export_ms(sql) > 0
        if url.endswith(".xlsx"):
            assert bench._excel_floor_ms(sql) > 0


def test_the_bench_p95_is_the_nearest_rank_so_one_stray_pause_of_twenty_is_not_it():
    from nplv.bench import percentile

    timings = [10.0] * 19 + [500.0]
    assert percentile(timings, 95) == 10.0
    assert percentile([*timings, 500.0], 95) == 500.0  # two of 21 above: the 20th is one of them
    assert percentile([3.0, 1.0, 2.0], 95) == 3.0 and percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([7.0], 95) == 7.0
