"""A yearly spending report in real Chromium: the bureau files it with the alliance's endorsement, the
national team accepts it, and the municipality's SiSa export holds the accepted totals."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum

from funding.models import SpendingLine, SpendingReport, SpendingReportStatus
from nplv import demo

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_bureau_files_team_accepts_municipality_downloads_sisa(page, accounting_demo):
    report = SpendingReport.objects.get(
        application__area__slug="amsterdam-nieuw-west", application__scheme__code="spuk-kw-2026-2028", year=2026
    )
    assert report.status == SpendingReportStatus.DRAFT

    # The bureau opens its draft 2026 report and submits it with the alliance's endorsement.
    sign_in(page, "bureau.nieuwwest", demo.DEMO_PASSWORD)
    page.goto("/middelen/verantwoordingen/")
    page.get_by_role("link", name=report.application.reference).click()
    page.get_by_role("link", name="Indienen").click()
    page.get_by_label("Besluit van de alliantie dat instemt met deze verantwoording").select_option(index=1)
    page.get_by_role("button", name="Indienen").click()
    assert page.get_by_text("De verantwoording is ingediend bij het nationaal programmateam.").is_visible()
    report.refresh_from_db()
    assert report.status == SpendingReportStatus.SUBMITTED and report.endorsement is not None

    # The national team accepts it.
    page.context.clear_cookies()
    sign_in(page, "programmateam", demo.DEMO_PASSWORD)
    page.goto(report.get_absolute_url())
    page.get_by_role("link", name="Accepteren of terugsturen").click()
    page.get_by_label("Accepteren").check()
    page.get_by_role("button", name="Vastleggen").click()
    assert page.get_by_text("De verantwoording is geaccepteerd.").is_visible()
    report.refresh_from_db()
    assert report.status == SpendingReportStatus.ACCEPTED

    # The municipality's SiSa export (Amsterdam: both areas in one row) holds the accepted total.
    page.context.clear_cookies()
    sign_in(page, "bureau.nieuwwest", demo.DEMO_PASSWORD)
    page.goto("/middelen/sisa/?regeling=spuk-kw-2026-2028&jaar=2026")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    expected = SpendingLine.objects.filter(
        report__status=SpendingReportStatus.ACCEPTED,
        report__year=2026,
        report__application__area__municipality__name="Amsterdam",
        report__application__scheme__code="spuk-kw-2026-2028",
    ).aggregate(total=Sum("amount"))["total"]
    assert row["Ontvanger"] == "GM0363" and Decimal(row["Indicator 1: waarde"]) == Decimal(str(expected)).quantize(
        Decimal("0.01")
    )
