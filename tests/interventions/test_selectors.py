"""Selectors and the one FilterSet: search, filters, funding mix from the funding app, overview totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from areas.models import ActionLine
from funding.models import Application, ApplicationLine, InterventionTheme, Scheme, Theme
from interventions import selectors
from interventions.filters import InterventionFilter
from interventions.models import EvidenceLevel, Intervention, OtherFunding

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(area_a, area_b, reference_data):
    lines = {line.number: line for line in ActionLine.objects.all()}
    jonge_kind = Theme.objects.get(scheme__code="spuk-kw-2026-2028", code="jonge-kind")
    make = Intervention.objects.create
    catalogue = {
        "joki": make(
            area=area_a,
            title="JoKi",
            description="Jonge kind",
            action_line=lines[3],
            age_min=0,
            age_max=6,
            status="running",
            evidence_level=EvidenceLevel.PROVEN,
        ),
        "halt": make(
            area=area_b,
            title="Halt-spreekuur",
            description="Spreekuur op school",
            action_line=lines[4],
            target_group="Leerlingen voortgezet onderwijs",
            age_min=10,
            age_max=18,
            status="planned",
        ),
        "open": make(area=area_b, title="Buurtrechtbank", action_line=lines[4], age_min=16, status="completed"),
        "all": make(area=area_a, title="Beweegplan", action_line=lines[3], status="idea"),
    }
    InterventionTheme.objects.create(intervention=catalogue["joki"], theme=jonge_kind)
    return catalogue


def titles(data, qs=None) -> set[str]:
    qs = qs if qs is not None else Intervention.objects.all()
    return set(InterventionFilter(data, queryset=qs).qs.values_list("title", flat=True))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"q": "spreekuur"}, {"Halt-spreekuur"}),
        ({"q": "voortgezet leerlingen"}, {"Halt-spreekuur"}),  # every word, in any of the three fields
        ({"q": "JONGE"}, {"JoKi"}),
        ({"action_line": "4"}, {"Halt-spreekuur", "Buurtrechtbank"}),
        ({"evidence_level": "proven"}, {"JoKi"}),
        ({"status": "completed"}, {"Buurtrechtbank"}),
        ({"area": "rotterdam-zuid"}, {"Halt-spreekuur", "Buurtrechtbank"}),
        ({"age": "5"}, {"JoKi", "Beweegplan"}),
        ({"age": "17"}, {"Halt-spreekuur", "Buurtrechtbank", "Beweegplan"}),  # open end: 16 and up
        ({"age": "80"}, {"Buurtrechtbank", "Beweegplan"}),
        ({"age": "6"}, {"JoKi", "Beweegplan"}),  # both ends inclusive
    ],
)
def test_filters(catalogue, data, expected):
    assert titles(data) == expected


def test_theme_filter(catalogue):
    jonge_kind = Theme.objects.get(scheme__code="spuk-kw-2026-2028", code="jonge-kind")
    assert titles({"theme": str(jonge_kind.pk)}) == {"JoKi"}


def test_sort_is_stable_and_applies(catalogue):
    ordered = list(InterventionFilter({"sort": "-title"}, queryset=Intervention.objects.all()).qs)
    assert [i.title for i in ordered] == ["JoKi", "Halt-spreekuur", "Buurtrechtbank", "Beweegplan"]


def test_invalid_age_is_a_form_error(catalogue):
    filterset = InterventionFilter({"age": "130"}, queryset=Intervention.objects.all())
    assert not filterset.is_valid()
    assert "age" in filterset.errors


def test_library_holds_every_area_but_no_ideas(catalogue):
    assert set(selectors.library_list().values_list("title", flat=True)) == {"JoKi", "Halt-spreekuur", "Buurtrechtbank"}


def test_scoped_list_shows_only_own_area(catalogue, bureau_a, national):
    assert {i.title for i in selectors.intervention_list(user=bureau_a)} == {"JoKi", "Beweegplan"}
    assert selectors.intervention_list(user=national).count() == 4


def make_application(area, status, amounts, granted=True):
    scheme = Scheme.objects.get(code="spuk-kw-2026-2028")
    application = Application.objects.create(area=area, scheme=scheme, reference=f"T-{area.pk}-{status}", status=status)
    result = []
    for code, year, amount in amounts:
        result.append(
            ApplicationLine.objects.create(
                application=application,
                theme=Theme.objects.get(scheme=scheme, code=code),
                year=year,
                amount=Decimal(amount),
                granted_amount=Decimal(amount) if granted else None,
                description="regel",
            )
        )
    return result


def test_funding_mix_reads_application_lines_and_other_sources(catalogue, bureau_a, area_a):
    """SPUK per theme comes from the lines that point at the intervention; other sources from here."""
    joki = catalogue["joki"]
    granted = make_application(area_a, "granted", [("jonge-kind", 2026, "1000.10"), ("jonge-kind", 2027, "2000.20")])
    withdrawn = make_application(area_a, "withdrawn", [("jonge-kind", 2026, "999999.00")])
    for line in [*granted, *withdrawn]:
        line.interventions.add(joki)
    OtherFunding.objects.create(intervention=joki, source="municipality", amount=Decimal("500.00"))
    OtherFunding.objects.create(intervention=joki, source="municipality", amount=Decimal("250.05"))
    OtherFunding.objects.create(intervention=joki, source="preventie_met_gezag", amount=Decimal("100.00"))
    mix = selectors.funding_mix(intervention=joki, user=bureau_a)
    assert [(r["theme"], r["requested"], r["granted"]) for r in mix["spuk"]] == [
        ("Jonge Kind", Decimal("3000.30"), Decimal("3000.30"))
    ]
    assert [(r["source"], r["amount"]) for r in mix["other"]] == [
        ("Gemeente", Decimal("750.05")),
        ("Preventie met Gezag", Decimal("100.00")),
    ]
    assert mix["total"] == Decimal("3850.35")
    row = selectors.intervention_list(user=bureau_a).get(pk=joki.pk)
    assert selectors.cents(row.spuk_granted) == Decimal("3000.30")
    assert selectors.cents(row.other_funding_total) == Decimal("850.05")
    overview = selectors.area_overview(interventions=selectors.intervention_list(user=bureau_a), user=bureau_a)
    assert overview["spuk_granted"] == Decimal("3000.30") and overview["other_funding"] == Decimal("850.05")


def test_area_overview_counts_by_action_line_and_status(catalogue, national):
    overview = selectors.area_overview(interventions=selectors.intervention_list(user=national), user=national)
    assert overview["count"] == 4
    by_line = {row["line"].number: row for row in overview["rows"]}
    assert by_line[4]["total"] == 2 and by_line[3]["total"] == 2 and by_line[1]["total"] == 0
    statuses = [value for value, _label in overview["statuses"]]
    assert by_line[3]["counts"][statuses.index("running")] == 1
    assert sum(overview["by_status"]) == 4


def test_reviewer_sees_only_its_ministrys_spuk_money_in_rows_totals_and_exports(
    client, catalogue, reviewer_ocw, national, area_a
):
    """A ministry reviewer sees the SPUK columns and totals summed over its own ministry's lines only, as
    in the funding mix on the detail page; the national team sees all lines."""
    import csv
    import io

    from django.urls import reverse

    joki = catalogue["joki"]
    lines = make_application(
        area_a, "granted", [("jonge-kind", 2026, "1000.00"), ("re-integratie-geldzorgen", 2026, "7.00")]
    )
    for line in lines:
        line.interventions.add(joki)
    mix = selectors.funding_mix(intervention=joki, user=reviewer_ocw)
    assert [r["theme"] for r in mix["spuk"]] == ["Jonge Kind"]
    for user, expected in ((reviewer_ocw, Decimal("1000.00")), (national, Decimal("1007.00"))):
        interventions = selectors.intervention_list(user=user)
        row = interventions.get(pk=joki.pk)
        assert selectors.cents(row.spuk_requested) == expected == selectors.cents(row.spuk_granted)
        overview = selectors.area_overview(interventions=interventions, user=user)
        assert overview["spuk_requested"] == expected == overview["spuk_granted"]
    client.force_login(reviewer_ocw)
    response = client.get(reverse("interventions:export", args=["csv"]), {"q": "JoKi"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == "JoKi" and rows[1][13] == "1000.00" and rows[-1][13] == "1000.00"
    page = client.get(reverse("interventions:list"), {"q": "JoKi"})
    assert page.context["overview"]["spuk_requested"] == Decimal("1000.00")
    assert "1.007,00" not in page.content.decode()


def test_spuk_totals_count_a_line_linked_to_two_listed_interventions_once(catalogue, national, area_a):
    """A line that serves two interventions of the list is in the list's total once, not twice."""
    (line,) = make_application(area_a, "granted", [("jonge-kind", 2026, "500.00")])
    line.interventions.add(catalogue["joki"], catalogue["halt"])
    interventions = selectors.intervention_list(user=national)
    overview = selectors.area_overview(interventions=interventions, user=national)
    assert overview["spuk_requested"] == Decimal("500.00") == overview["spuk_granted"]
    only_halt = selectors.area_overview(interventions=interventions.filter(pk=catalogue["halt"].pk), user=national)
    assert only_halt["spuk_requested"] == Decimal("500.00")
