"""The money per scheme × area × theme, the snapshot of it, and the split of advances over themes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from funding.models import ApplicationStatus, Ceiling, PaymentInstalment, Scheme, SpendingReportStatus
from reports.models import BudgetSnapshot
from reports.selectors import budget_figures, split_by_weights
from reports.snapshots import budget_snapshot_take

from .conftest import granted_application
from .factories import ApplicationFactory, LineFactory, PaymentFactory, SpendingLineFactory, SpendingReportFactory


def test_split_adds_up_in_cents_with_largest_remainder():
    """€ 100 over three equal themes: 33,34 + 33,33 + 33,33, never a cent more or less."""
    shares = split_by_weights(Decimal("100.00"), {1: Decimal(1), 2: Decimal(1), 3: Decimal(1)})
    assert shares == {1: Decimal("33.34"), 2: Decimal("33.33"), 3: Decimal("33.33")}


def test_split_without_weights_gives_nothing():
    assert split_by_weights(Decimal("10.00"), {1: Decimal(0)}) == {1: Decimal("0.00")}


@given(
    total=st.decimals(min_value=0, max_value=10**9, places=2),
    weights=st.lists(st.decimals(min_value=0, max_value=10**7, places=2), min_size=1, max_size=8),
)
def test_split_always_adds_up_to_the_total(total, weights):
    """Whatever the amounts, the shares add up to the payment exactly and none is negative."""
    shares = split_by_weights(total, dict(enumerate(weights)))
    if sum(weights) > 0:
        assert sum(shares.values()) == total
    assert all(share >= 0 for share in shares.values())


def _row(rows, area, theme):
    return next(r for r in rows if r.area_id == area.pk and r.theme_id == theme.pk)


@pytest.mark.django_db
def test_budget_figures_per_area_and_theme(area_a, area_b, scheme, themes):
    """Requested counts every application that left the draft (not withdrawn); granted only decided
    grants; paid is split over the themes by what each was granted; spent counts reported spending."""
    t1, t2 = themes[0], themes[1]
    application, decision = granted_application(
        area_a, scheme, {t1: "3000.00", t2: "1000.00"}, granted={t1: "2000.00", t2: "1000.00"}
    )
    # Not counted: a draft, a withdrawn application; requested only: one in review.
    other_scheme = Scheme.objects.exclude(pk=scheme.pk).first()  # one open application per area and scheme
    LineFactory(
        application=ApplicationFactory(area=area_a, scheme=other_scheme, status=ApplicationStatus.DRAFT),
        theme=t1,
        amount=Decimal("500.00"),
    )
    LineFactory(
        application=ApplicationFactory(area=area_a, scheme=scheme, status=ApplicationStatus.WITHDRAWN),
        theme=t1,
        amount=Decimal("700.00"),
    )
    LineFactory(
        application=ApplicationFactory(area=area_a, scheme=scheme, status=ApplicationStatus.IN_REVIEW),
        theme=t2,
        amount=Decimal("250.00"),
    )
    PaymentFactory(grant_decision=decision, amount=Decimal("1000.00"))
    PaymentInstalment.objects.create(  # planned in the schedule, not paid yet
        grant_decision=decision, year=2026, amount=Decimal("999.99"), due_on=date(2026, 9, 1)
    )
    report = SpendingReportFactory(application=application, year=2026, status=SpendingReportStatus.SUBMITTED)
    SpendingLineFactory(report=report, theme=t1, amount=Decimal("400.00"))
    draft_report = SpendingReportFactory(application=application, year=2027, status=SpendingReportStatus.DRAFT)
    SpendingLineFactory(report=draft_report, theme=t1, amount=Decimal("9999.00"))

    rows = budget_figures(area_ids=[area_a.pk, area_b.pk])
    one, two = _row(rows, area_a, t1), _row(rows, area_a, t2)
    assert one.ceiling == Ceiling.objects.get(area=area_a, theme=t1).amount
    assert (one.requested, one.granted, one.paid, one.spent) == (
        Decimal("3000.00"),
        Decimal("2000.00"),
        Decimal("666.67"),
        Decimal("400.00"),
    )
    assert (two.requested, two.granted, two.paid, two.spent) == (
        Decimal("1250.00"),
        Decimal("1000.00"),
        Decimal("333.33"),
        Decimal("0.00"),
    )
    # Area B has only its ceilings.
    b = _row(rows, area_b, t1)
    assert (b.requested, b.granted, b.paid, b.spent) == (Decimal("0.00"),) * 4
    assert b.ceiling > 0


@pytest.mark.django_db
def test_snapshot_taken_twice_on_a_day_is_one_snapshot(area_a, scheme, themes):
    """The nightly job run again (or by two workers) overwrites that day's rows, never doubles them."""
    application, _ = granted_application(area_a, scheme, {themes[0]: "100.00"})
    day = date(2026, 11, 30)
    first = budget_snapshot_take(day=day)
    LineFactory(application=application, theme=themes[1], amount=Decimal("50.00"), granted_amount=Decimal("50.00"))
    second = budget_snapshot_take(day=day)
    assert BudgetSnapshot.objects.filter(day=day).count() == second >= first
    snap = BudgetSnapshot.objects.get(day=day, area=area_a, theme=themes[1])
    assert (snap.requested, snap.granted) == (Decimal("50.00"), Decimal("50.00"))
    budget_snapshot_take(day=date(2026, 12, 1))
    assert BudgetSnapshot.objects.filter(area=area_a, theme=themes[0]).count() == 2


@pytest.mark.django_db
def test_snapshot_totals_match_the_ceilings_in_the_database(reference_data):
    """Every ceiling is in the snapshot, and the sum over all rows equals the sum of the ceilings."""
    from django.db.models import Sum

    budget_snapshot_take(day=date(2026, 1, 1))
    total = BudgetSnapshot.objects.aggregate(s=Sum("ceiling"))["s"]
    assert total == Ceiling.objects.aggregate(s=Sum("amount"))["s"]


@pytest.mark.django_db
def test_national_and_per_area_totals_agree_with_the_per_row_figures(area_a, area_b, scheme, themes):
    """The flat-memory totals (per theme, per area) equal the sums of the scheme × area × theme rows."""
    from reports.selectors import MONEY_COLUMNS, area_totals, theme_totals

    _, decision_a = granted_application(area_a, scheme, {themes[0]: "300.00", themes[1]: "100.01"})
    _, decision_b = granted_application(area_b, scheme, {themes[0]: "50.00"}, granted={themes[0]: "25.00"})
    PaymentFactory(grant_decision=decision_a, amount=Decimal("200.00"))
    PaymentFactory(grant_decision=decision_b, amount=Decimal("25.00"))
    rows = budget_figures()
    by_theme, by_area = theme_totals(), area_totals()
    for column in MONEY_COLUMNS:
        for theme in themes[:2]:
            assert by_theme[theme.pk][column] == sum(getattr(r, column) for r in rows if r.theme_id == theme.pk)
        for area in (area_a, area_b):
            assert by_area[area.pk][column] == sum(getattr(r, column) for r in rows if r.area_id == area.pk)
