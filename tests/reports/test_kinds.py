"""The reports' contents: the figures in the PDF and the spreadsheet are the database's."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from openpyxl import load_workbook
from pypdf import PdfReader

from alliances.models import Alliance, Bottleneck, Decision, DecisionOutcome, DecisionSubject, Meeting
from areas.models import ActionLine
from core.money import euro
from funding.models import Ceiling
from reports import services
from reports.models import ReportRun, RunStatus, Scope

from .conftest import granted_application
from .factories import PaymentFactory

pytestmark = pytest.mark.django_db


def pdf_text(run, fmt="pdf") -> str:
    report_file = run.files.get(format=fmt)
    with report_file.file.open("rb") as handle:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    return " ".join(text.split())


def execute(kind, **fields) -> ReportRun:
    run = ReportRun.objects.create(kind=kind, **fields)
    run = services.report_run_execute(run_id=run.pk)
    assert run.status == RunStatus.DONE, run.error
    return run


@pytest.fixture
def quarter_data(area_a, scheme, themes):
    application, decision = granted_application(
        area_a,
        scheme,
        {themes[0]: "123456.78", themes[1]: "1000.00"},
        granted={themes[0]: "100000.00", themes[1]: "1000.00"},
    )
    PaymentFactory(grant_decision=decision, amount=Decimal("50500.00"))
    alliance = Alliance.objects.create(area=area_a, name="Alliantie Nieuw-West")
    meeting = Meeting.objects.create(alliance=alliance, date=date(2026, 2, 12))
    Decision.objects.create(
        meeting=meeting,
        subject=DecisionSubject.ENDORSE_APPLICATION,
        outcome=DecisionOutcome.ADOPTED,
        text="Instemming aanvraag",
    )
    Meeting.objects.create(alliance=alliance, date=date(2026, 5, 1))  # next quarter: not counted
    Bottleneck.objects.create(
        area=area_a,
        title="Kostendelersnorm",
        description="-",
        regulation="Participatiewet",
        action_line=ActionLine.objects.first(),
        signalled_on=date(2026, 1, 20),
    )
    return application


def test_area_pdf_figures_match_the_database(quarter_data, area_a, scheme, themes):
    run = execute("area_quarterly", scope=Scope.AREA, area=area_a, parameters={"year": 2026, "quarter": 1})
    text = pdf_text(run)
    assert "Kwartaalrapportage Amsterdam Nieuw-West, 1e kwartaal 2026" in text
    ceilings = Ceiling.objects.filter(area=area_a, theme__scheme=scheme).aggregate(s=Sum("amount"))["s"]
    # Scheme totals: ceiling, requested, granted, paid (split over themes, adding up), spent.
    assert (
        f"Totaal {euro(ceilings)} {euro(Decimal('124456.78'))} {euro(Decimal('101000.00'))} {euro(Decimal('50500.00'))} {euro(0)}"
        in text
    )
    assert euro(Decimal("123456.78")) in text
    assert "Alliantieoverleggen dit kwartaal: 1; besluiten: 1." in text
    assert "Open knelpunten: 1; gesignaleerd dit kwartaal: 1." in text
    assert "Kostendelersnorm" in text
    csv_rows = run.files.get(format="csv").file.open("rb").read().decode("utf-8-sig").splitlines()
    assert csv_rows[0].startswith("Regeling;Thema;Plafond")
    assert any(row.endswith(";123456.78;100000.00;50000.00;0.00") for row in csv_rows)


def test_national_report_has_the_monitor_money_and_every_area(quarter_data, area_a):
    run = execute("national_yearly", scope=Scope.NATIONAL, parameters={"year": 2026})
    text = pdf_text(run)
    assert "Voortgangsrapportage NPLV 2026" in text
    assert "Landelijke monitor" in text
    for name in ("Amsterdam Nieuw-West", "Zaandam-Oost", "Rotterdam-Zuid"):
        assert name in text
    book = load_workbook(io.BytesIO(run.files.get(format="xlsx").file.open("rb").read()), read_only=True)
    per_area = {row[0]: row for row in book["Per gebied"].iter_rows(min_row=2, values_only=True)}
    assert len(per_area) == 20
    assert Decimal(str(per_area["Amsterdam Nieuw-West"][4])) == Decimal("101000.00")
    assert Decimal(str(per_area["Amsterdam Nieuw-West"][5])) == Decimal("50500.00")
    total_ceiling = sum(Decimal(str(row[2])) for row in per_area.values())
    assert total_ceiling == Ceiling.objects.filter(area__is_synthetic=False).aggregate(s=Sum("amount"))["s"]
    assert run.result == {"year": 2026, "areas": 20}


def test_cleanup_removes_expired_files_only(area_a, quarter_data):
    from django.utils import timezone

    run = execute("area_quarterly", scope=Scope.AREA, area=area_a, parameters={"year": 2026, "quarter": 1})
    expired = run.files.get(format="csv")
    expired.expires_at = timezone.now() - timezone.timedelta(days=1)
    expired.save()
    path = expired.file.path
    cleanup = execute("files_cleanup", scope=Scope.NATIONAL, parameters={"day": "2026-11-30"})
    assert cleanup.result == {"removed": 1}
    assert list(run.files.values_list("format", flat=True)) == ["pdf"]
    import os

    assert not os.path.exists(path)
