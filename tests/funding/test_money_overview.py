"""The money overview adds up one carry-over ledger per application: the same figures, to the cent, as
working out each application's ledger on its own, in a number of queries that does not grow with the
number of applications."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from areas.models import Area
from funding import accounting_selectors
from funding.accounting_selectors import (
    GRANTED_STATUSES,
    MEASURES,
    _reviewer_ministry,
    application_ledger,
    money_overview,
)
from funding.models import (
    Application,
    Payment,
    Scheme,
    SpendingLine,
    SpendingReport,
    SpendingReportStatus,
    Theme,
)
from tests.conftest import make_user
from tests.queries import count_queries

from .accounting import accounting_round, granted_application

pytestmark = pytest.mark.django_db
D = Decimal
ZERO = D("0.00")


def overview_the_old_way(*, user, scheme: Scheme, area=None, municipality=None) -> dict:
    """The reference: every visible granted application's ledger read on its own, then added up."""
    applications = Application.objects.visible_to(user).filter(scheme=scheme, status__in=GRANTED_STATUSES)
    if area is not None:
        applications = applications.filter(area=area)
    if municipality is not None:
        applications = applications.filter(area__municipality=municipality)
    ministry = _reviewer_ministry(user)
    themes = [
        t
        for t in Theme.objects.filter(scheme=scheme).order_by("position", "pk")
        if not ministry or t.ministry == ministry
    ]
    sums = {(t.pk, y): dict.fromkeys(MEASURES, ZERO) for t in themes for y in scheme.years}
    for application in applications:
        for cell in application_ledger(application=application).rows():
            if (cell.theme, cell.year) in sums:
                target = sums[(cell.theme, cell.year)]
                target["granted"] += cell.granted
                target["carried_in"] += cell.carried_in + cell.moved_in - cell.moved_out
                target["spent"] += cell.spent
                target["carried_out"] += cell.carried_out
                target["lapsed"] += cell.lapsed
    rows = [(t.pk, y, sums[(t.pk, y)]) for t in themes for y in scheme.years if any(sums[(t.pk, y)].values())]
    years = {y: {m: sum((sums[(t.pk, y)][m] for t in themes), ZERO) for m in MEASURES} for y in scheme.years}
    paid = dict.fromkeys(scheme.years, ZERO)
    reclaimed = still_to_pay = ZERO
    for application in applications:
        for payment in Payment.objects.filter(grant_decision__application=application):
            paid[payment.year] += payment.amount
        for report in application.spending_reports.filter(is_final=True, status=SpendingReportStatus.ACCEPTED):
            reclaimed += report.reclaim_amount or ZERO
            still_to_pay += report.still_to_pay_amount or ZERO
    return {
        "applications": applications.count(),
        "rows": rows,
        "years": years,
        "paid": None if ministry else paid,
        "reclaimed": None if ministry else reclaimed,
        "still_to_pay": None if ministry else still_to_pay,
    }


def assert_same(overview: dict, expected: dict) -> None:
    assert overview["applications"] == expected["applications"]
    assert [(r["theme"].pk, r["year"], {m: r[m] for m in MEASURES}) for r in overview["rows"]] == expected["rows"]
    assert {y["year"]: {m: y[m] for m in MEASURES} for y in overview["years"]} == expected["years"]
    totals = overview["totals"]
    for measure in ("granted", "spent", "lapsed"):
        assert totals[measure] == sum((y[measure] for y in expected["years"].values()), ZERO)
    if expected["paid"] is None:
        assert totals["paid"] is None and totals["reclaimed"] is None and totals["still_to_pay"] is None
        assert all(y["paid"] is None for y in overview["years"])
    else:
        assert {y["year"]: y["paid"] for y in overview["years"]} == expected["paid"]
        assert totals["paid"] == sum(expected["paid"].values(), ZERO)
        assert (totals["reclaimed"], totals["still_to_pay"]) == (expected["reclaimed"], expected["still_to_pay"])


@pytest.fixture
def old_scheme(reference_data) -> Scheme:
    """2023–2025: unspent money moves to the next year only, here at most half of the year's grant."""
    scheme = Scheme.objects.get(code="spuk-kw-2023-2025")
    scheme.carry_over_max_share = D("50")
    scheme.save(update_fields=["carry_over_max_share"])
    return scheme


@pytest.fixture
def new_scheme(reference_data) -> Scheme:
    """2026–2028: unspent money moves to any later year, and carried money may cover the integral part."""
    scheme = Scheme.objects.get(code="spuk-kw-2026-2028")
    scheme.carry_over_to_integral = True
    scheme.save(update_fields=["carry_over_to_integral"])
    return scheme


@pytest.fixture
def places(reference_data):
    """Amsterdam's two areas (one municipality) and two areas of other municipalities."""
    slugs = ["amsterdam-nieuw-west", "amsterdam-zuidoost", "rotterdam-zuid", "utrecht-overvecht"]
    return [Area.objects.get(slug=slug) for slug in slugs]


@pytest.mark.parametrize("scheme_fixture", ["old_scheme", "new_scheme"])
def test_overview_equals_the_sum_of_the_ledgers_read_one_by_one(request, scheme_fixture, places, national):
    """Nationally, per municipality (Amsterdam's two areas together) and per area, for the national team,
    an area's bureau and a ministry reviewer: every figure matches the per-application ledgers."""
    scheme = request.getfixturevalue(scheme_fixture)
    made = accounting_round(scheme, places, national, seed=14)
    other = Scheme.objects.exclude(pk=scheme.pk).get(code__startswith="spuk-kw")
    accounting_round(other, places[:1], national, seed=15, per_area=1)
    bureau = make_user("bureau_zuidoost", Role.PROGRAMME_BUREAU, area=places[1])
    reviewer = make_user("reviewer_szw_money", Role.MINISTRY_REVIEWER, ministry="SZW")
    amsterdam = places[0].municipality
    cases = [
        (national, {}),
        (national, {"municipality": amsterdam}),
        (national, {"area": places[2]}),
        (bureau, {"area": places[1]}),
        (reviewer, {}),
        (reviewer, {"area": places[0]}),
    ]
    for user, where in cases:
        overview = money_overview(user=user, scheme=scheme, **where)
        expected = overview_the_old_way(user=user, scheme=scheme, **where)
        assert_same(overview, expected)
    # The data has what the test is about: carry-over, lapses, excess and reclaims.
    national_figures = money_overview(user=national, scheme=scheme)
    assert national_figures["applications"] == 10
    for measure in ("carried_in", "carried_out", "lapsed"):
        assert sum(y[measure] for y in national_figures["years"]) > 0, measure
    assert national_figures["totals"]["reclaimed"] > 0
    cells = [cell for app in made for cell in application_ledger(application=app).rows()]
    assert any(cell.excess for cell in cells)
    pools = scheme.carry_over_to_integral and scheme.themes.filter(is_integral=True).exists()
    assert any(cell.moved_in for cell in cells) == pools


def test_overview_totals_to_the_cent(old_scheme, places, national):
    """A worked example: € 1.000 granted per year, half of what is unspent moves to the next year only."""
    jonge_kind = ("jonge-kind", 2023), ("jonge-kind", 2024), ("jonge-kind", 2025)
    for area, spent in ((places[0], ["400.00", "1500.00", "900.01"]), (places[2], ["1000.00", "0.00", "2500.00"])):
        app = granted_application(area, old_scheme, dict.fromkeys(jonge_kind, "1000.00"), decided_by=national)
        theme = old_scheme.themes.get(code="jonge-kind")
        for year, amount in zip(old_scheme.years, spent, strict=True):
            report = SpendingReport.objects.create(
                application=app, year=year, status=SpendingReportStatus.ACCEPTED, is_final=year == 2025
            )
            SpendingLine.objects.create(report=report, theme=theme, amount=D(amount))
    overview = money_overview(user=national, scheme=old_scheme)
    years = {y["year"]: y for y in overview["years"]}
    # Area 1: 2023 leaves 600, 500 (the cap) moves on and 100 lapses; 2024 spends all 1.500; 2025 leaves 99,99.
    # Area 2: 2023 spends all; 2024 leaves 1.000, 500 moves on, 500 lapses; 2025 has 1.500 for 2.500 spent.
    assert (years[2023]["carried_out"], years[2023]["lapsed"]) == (D("500.00"), D("100.00"))
    assert (years[2024]["carried_in"], years[2024]["carried_out"], years[2024]["lapsed"]) == (
        D("500.00"),
        D("500.00"),
        D("500.00"),
    )
    assert (years[2025]["carried_in"], years[2025]["lapsed"]) == (D("500.00"), D("99.99"))
    assert overview["totals"] == {
        "granted": D("6000.00"),
        "spent": D("6300.01"),
        "lapsed": D("699.99"),
        "paid": ZERO,
        "reclaimed": ZERO,
        "still_to_pay": ZERO,
    }


def test_overview_queries_do_not_grow_with_the_applications(client, new_scheme, places, national):
    """The selector and the page read as many queries for two applications as for eight."""

    def queries(scheme):
        with CaptureQueriesContext(connection) as context:
            money_overview(user=national, scheme=scheme)
        return len(context.captured_queries)

    url = reverse("funding:money") + "?regeling=spuk-kw-2026-2028"
    client.force_login(national)
    accounting_round(new_scheme, places[:1], national, seed=1, per_area=2)
    few, few_page = queries(new_scheme), count_queries(client, url)
    accounting_round(new_scheme, places, national, seed=2, per_area=2)
    assert money_overview(user=national, scheme=new_scheme)["applications"] == 14
    assert (queries(new_scheme), count_queries(client, url)) == (few, few_page)


@pytest.mark.parametrize("chunk", [1, 5])
def test_overview_is_the_same_whatever_the_chunks_it_is_read_in(monkeypatch, chunk, new_scheme, places, national):
    """An application's lines may be split over two fetches: the figures stay the same."""
    accounting_round(new_scheme, places, national, seed=7, per_area=1)
    monkeypatch.setattr(accounting_selectors, "LEDGER_CHUNK", chunk)
    assert_same(
        money_overview(user=national, scheme=new_scheme), overview_the_old_way(user=national, scheme=new_scheme)
    )
