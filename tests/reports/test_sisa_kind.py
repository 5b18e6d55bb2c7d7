"""The SiSa export as a scheduled report: per municipality, the same rows as the download, made once."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from areas.models import Municipality
from reports import services
from reports.models import ReportRun, RunStatus

pytestmark = pytest.mark.django_db


def test_scheduled_sisa_export_per_municipality_matches_the_download(client, accounting_demo, national):
    """January 2025: one run per municipality for 2024; Amsterdam's file equals the SiSa page's CSV."""
    runs = services.report_runs_schedule(kind="sisa_export", day=date(2025, 1, 10))
    assert len(runs) == Municipality.objects.count() and {run.period for run in runs} == {"2024"}
    assert services.report_runs_schedule(kind="sisa_export", day=date(2025, 1, 11)) == []  # once per period
    amsterdam = Municipality.objects.get(name="Amsterdam")
    run = ReportRun.objects.get(kind="sisa_export", municipality=amsterdam)
    if run.status != RunStatus.DONE:  # eager Celery has built it already; otherwise build it here
        run = services.report_run_execute(run_id=run.pk)
    assert run.status == RunStatus.DONE, run.error
    stored = run.files.get(format="csv", name__contains="spuk-kw-2023-2025").file.open("rb").read()
    client.force_login(national)
    response = client.get(reverse("funding:sisa"), {"regeling": "spuk-kw-2023-2025", "jaar": "2024", "export": "csv"})
    page_rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    amsterdam_row = next(row for row in page_rows if f";{amsterdam.cbs_code};" in row)
    stored_rows = stored.decode("utf-8-sig").splitlines()
    assert stored_rows[0] == page_rows[0] and stored_rows[1:] == [amsterdam_row]
    assert run.files.filter(format="xlsx").exists()


def test_sisa_files_are_for_the_municipality_and_the_national_team(client, accounting_demo, national):
    services.report_runs_schedule(kind="sisa_export", day=date(2025, 1, 10))
    rotterdam_run = ReportRun.objects.get(kind="sisa_export", municipality__name="Rotterdam")
    if rotterdam_run.status != RunStatus.DONE:
        services.report_run_execute(run_id=rotterdam_run.pk)
    file = rotterdam_run.files.first()
    url = reverse("reports:file-download", args=[file.pk])
    from accounts.models import User

    client.force_login(User.objects.get(username="bureau.nieuwwest"))  # Amsterdam: another municipality
    assert client.get(url).status_code == 404
    client.force_login(User.objects.get(username="bureau.rotterdamzuid"))
    assert client.get(url).status_code == 200
