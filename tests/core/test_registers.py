"""Reading an Excel register: a workbook, the template's header, blank rows skipped, a row limit."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from core.registers import register_rows


def workbook(*rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def read(upload, max_rows=10):
    return list(register_rows(upload, names=["title", "year"], titles=["Titel", "Jaar"], max_rows=max_rows))


def test_rows_under_the_header_with_their_line_numbers_and_blank_rows_skipped():
    rows = read(workbook(["Titel", "Jaar"], ["A", 2026], [None, None], ["B"]))
    assert rows == [(2, {"title": "A", "year": 2026}), (4, {"title": "B", "year": None})]


def test_another_header_is_refused_naming_the_expected_columns():
    with pytest.raises(ValidationError, match="Verwacht: Titel, Jaar"):
        read(workbook(["Naam", "Jaar"], ["A", 2026]))


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ValidationError, match="geen Excel-bestand"):
        read(io.BytesIO(b"=cmd|' /C calc'!A0"))


def test_more_rows_than_allowed_are_refused():
    with pytest.raises(ValidationError, match="Hoogstens 2 rijen"):
        read(workbook(["Titel", "Jaar"], ["A", 1], ["B", 2], ["C", 3]), max_rows=2)
