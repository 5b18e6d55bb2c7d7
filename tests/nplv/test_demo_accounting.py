"""The accounting demo tells the whole story, with figures the services' own arithmetic accepts."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.models import User
from areas.models import Area
from funding.accounting_selectors import application_ledger, sisa_rows
from funding.models import Application, GrantDecision, Payment, Scheme, SpendingLine, SpendingReport
from nplv import demo_accounting

pytestmark = pytest.mark.django_db


def test_the_2023_round_is_granted_paid_reported_and_settled(accounting_demo):
    old = Scheme.objects.get(code="spuk-kw-2023-2025")
    granted = GrantDecision.objects.filter(application__scheme=old).aggregate(total=Sum("total_granted"))["total"]
    assert Decimal(str(granted)) == Decimal("256000000.00")
    assert Decimal(
        str(Payment.objects.filter(grant_decision__application__scheme=old).aggregate(t=Sum("amount"))["t"])
    ) == Decimal("256000000.00")
    finals = SpendingReport.objects.filter(application__scheme=old, is_final=True)
    assert finals.filter(status="submitted").count() == 2
    reclaimed = finals.filter(reclaim_amount__gt=0)
    assert set(reclaimed.values_list("application__area__name", flat=True)) == demo_accounting.UNDERSPENT
    for report in finals.filter(status="accepted"):
        assert report.paid_amount - report.reclaim_amount + report.still_to_pay_amount == report.fixed_amount
    for application in Application.objects.filter(scheme=old):
        assert not application_ledger(application=application).excesses()


def test_sisa_reconciles_with_the_accepted_demo_reports(accounting_demo):
    old = Scheme.objects.get(code="spuk-kw-2023-2025")
    rows = list(sisa_rows(scheme=old, year=2024))
    assert len(rows) == 19  # Amsterdam's two areas in one row
    total = sum(v for r in rows for i, v in r["values"] if i.measure == "spending_year" and i.theme_id is None)
    accepted = SpendingLine.objects.filter(
        report__status="accepted", report__year=2024, report__application__scheme=old
    )
    assert total == Decimal(str(accepted.aggregate(t=Sum("amount"))["t"])).quantize(Decimal("0.01"))


def test_the_2026_round_is_paid_for_2026_with_reports_in_draft(accounting_demo):
    new = Scheme.objects.get(code="spuk-kw-2026-2028")
    assert set(Payment.objects.filter(grant_decision__application__scheme=new).values_list("year", flat=True)) == {2026}
    reports = SpendingReport.objects.filter(application__scheme=new)
    assert reports.exists() and set(reports.values_list("status", "year")) == {("draft", 2026)}


def test_running_the_demo_twice_adds_nothing(accounting_demo):
    areas = list(Area.objects.order_by("name"))
    again = demo_accounting.demo_accounting(areas, decided_by=User.objects.get(username="programmateam"))
    assert set(again.values()) == {0}
