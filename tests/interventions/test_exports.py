"""The intervention export reads plain values in a fixed number of queries and writes the same rows as
the overview's model instances would (the oracle below is the export as it was before issue 14)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from alliances.models import Organisation, OrganisationKind
from areas.models import ActionLine
from funding.models import Application, ApplicationLine, Scheme, Theme
from interventions import selectors
from interventions.filters import InterventionFilter
from interventions.models import Intervention, OtherFunding

pytestmark = pytest.mark.django_db


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    value = str(value)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def expected_rows(user, params: dict) -> list[list[str]]:
    """The rows as the export wrote them from model instances (one `get_*_display()` per cell)."""
    interventions = InterventionFilter(params, queryset=selectors.intervention_list(user=user)).qs
    return [
        [
            _text(value)
            for value in (
                i.area.name,
                i.title,
                i.action_line.number,
                i.theme_name or "",
                i.get_status_display(),
                i.target_group,
                i.age_min,
                i.age_max,
                i.lead_organisation.name if i.lead_organisation_id else "",
                i.start_date,
                i.end_date,
                i.get_evidence_level_display(),
                selectors.cents(i.planned_budget) if i.planned_budget is not None else None,
                selectors.cents(i.spuk_requested),
                selectors.cents(i.spuk_granted),
                selectors.cents(i.other_funding_total),
            )
        ]
        for i in interventions
    ]


def exported(client, user, fmt: str, params: dict) -> list[list]:
    client.force_login(user)
    response = client.get(reverse("interventions:export", args=[fmt]), params)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "xlsx":
        return [list(row) for row in load_workbook(io.BytesIO(content)).active.values]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.fixture
def money(demo_data, area_a):
    """On top of the demo: a formula-like title, a lead organisation, a line of a withdrawn application
    (no money), a line of another ministry (not for the OCW reviewer) and other funding."""
    intervention = Intervention.objects.filter(area=area_a).order_by("pk").first()
    intervention.title = "=HYPERLINK(1)"
    intervention.lead_organisation = Organisation.objects.create(name="Trekker BV", kind=OrganisationKind.OTHER)
    intervention.save()
    OtherFunding.objects.create(intervention=intervention, source="municipality", amount=Decimal("12.34"))
    scheme = Scheme.objects.get(code="spuk-kw-2026-2028")
    for status, code, amount in (
        ("withdrawn", "jonge-kind", "500.00"),
        ("granted", "re-integratie-geldzorgen", "7.00"),
    ):
        application = Application.objects.create(area=area_a, scheme=scheme, reference=f"X-{status}", status=status)
        line = ApplicationLine.objects.create(
            application=application,
            theme=Theme.objects.get(scheme=scheme, code=code),
            year=2026,
            amount=Decimal(amount),
            granted_amount=Decimal(amount),
            description="regel",
        )
        line.interventions.add(intervention)
    return intervention


PARAMS = [{}, {"status": "running"}, {"sort": "-planned_budget"}, {"action_line": "3", "q": "e"}, {"area": "rotterdam"}]


@pytest.mark.parametrize("params", PARAMS)
def test_csv_rows_equal_the_model_rows_for_every_role(client, money, national, reviewer_ocw, bureau_a, params):
    for user in (national, reviewer_ocw, bureau_a):
        rows = exported(client, user, "csv", params)
        expected = expected_rows(user, params)
        assert rows[1:-1] == expected, (user.username, params)
        overview = selectors.area_overview(
            interventions=InterventionFilter(params, queryset=selectors.intervention_list(user=user)).qs, user=user
        )
        assert rows[-1][0] == f"Totaal ({overview['count']} interventies)"
        assert rows[-1][12:] == [
            _text(overview[key]) for key in ("planned_budget", "spuk_requested", "spuk_granted", "other_funding")
        ]
    assert any(row[1] == "'=HYPERLINK(1)" and row[8] == "Trekker BV" for row in exported(client, national, "csv", {}))


def test_excel_rows_equal_the_csv_rows(client, money, national):
    csv_rows = exported(client, national, "csv", {})
    excel_rows = exported(client, national, "xlsx", {})
    assert len(excel_rows) == len(csv_rows)
    for csv_row, excel_row in zip(csv_rows[1:-1], excel_rows[1:-1], strict=True):
        assert [_text(v if not hasattr(v, "date") else v.date()) for v in excel_row][:12] == csv_row[:12]
        assert [f"{v:.2f}" if v is not None else "" for v in excel_row[12:]] == csv_row[12:]


def test_query_count_does_not_grow_with_the_rows_and_no_subquery_runs_per_row(client, demo_data, national, area_a):
    def count() -> int:
        client.force_login(national)
        url = reverse("interventions:export", args=["csv"])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(url).streaming_content)
        # money is summed in grouped queries, not in a subquery correlated with each row
        assert not any('= ("interventions_intervention"."id")' in q["sql"] for q in queries.captured_queries)
        return len(queries.captured_queries)

    before = count()
    line = ActionLine.objects.get(number=2)
    Intervention.objects.bulk_create(
        Intervention(area=area_a, title=f"Extra {n}", action_line=line, planned_budget=Decimal(n)) for n in range(40)
    )
    OtherFunding.objects.bulk_create(
        OtherFunding(intervention=i, source="municipality", amount=Decimal("1.00"))
        for i in Intervention.objects.filter(title__startswith="Extra")
    )
    assert count() == before


def test_bureau_sees_only_its_own_area(client, money, bureau_a, area_a):
    rows = exported(client, bureau_a, "csv", {})
    assert rows[1:-1] and {row[0] for row in rows[1:-1]} == {area_a.name}


def test_export_builds_no_model_instances(client, money, national):
    """Rows are plain values from the database: not one Intervention is instantiated."""
    with mock.patch.object(Intervention, "from_db", side_effect=AssertionError("instance")):
        assert len(exported(client, national, "csv", {})) > 2
        assert len(exported(client, national, "xlsx", {})) > 2
