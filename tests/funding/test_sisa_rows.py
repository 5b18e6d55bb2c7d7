"""The SiSa rows: a fixed number of queries, the same row for a municipality however it is scoped, and
a final account only when every granted application of the scheme in the municipality has one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areas.models import Area, Municipality
from funding.accounting_selectors import sisa_rows
from funding.models import Application, ApplicationStatus, Scheme, SpendingLine, SpendingReport, SpendingReportStatus

from .accounting import accounting_round, granted_application

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def old_scheme(reference_data) -> Scheme:
    return Scheme.objects.get(code="spuk-kw-2023-2025")


def _areas(*slugs):
    return [Area.objects.get(slug=slug) for slug in slugs]


def _queries(**kwargs) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as context:
        rows = list(sisa_rows(**kwargs))
    return len(context.captured_queries), rows


def test_sisa_rows_read_the_same_queries_whatever_the_municipalities(old_scheme, national):
    """Four queries (indicators, spending, reports, municipalities) for one municipality or four, and
    one municipality's row is the same read alone (as a queryset, instances or ids) or among all."""
    accounting_round(old_scheme, _areas("amsterdam-nieuw-west"), national, seed=3, per_area=1)
    few, rows = _queries(scheme=old_scheme, year=2025)
    assert (few, len(rows)) == (4, 1)
    places = _areas("amsterdam-zuidoost", "rotterdam-zuid", "utrecht-overvecht", "delft-west")
    accounting_round(old_scheme, places, national, seed=4, per_area=1)
    many, rows = _queries(scheme=old_scheme, year=2025)
    assert (many, len(rows)) == (4, 4)
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    whole = next(row for row in rows if row["municipality"] == amsterdam)
    for scope in (Municipality.objects.filter(pk=amsterdam.pk), [amsterdam], [amsterdam.pk]):
        (alone,) = sisa_rows(scheme=old_scheme, year=2025, municipalities=scope)
        assert alone == whole


def test_final_account_counts_only_the_granted_applications_of_the_scheme(old_scheme, national):
    """Amsterdam's two granted applications both have an accepted final report: the SiSa row is final,
    with their reclaims added up, whatever drafts or other schemes' grants the municipality has."""
    reclaims = []
    for area, reclaim in zip(_areas("amsterdam-nieuw-west", "amsterdam-zuidoost"), ("12.34", "100.01"), strict=True):
        app = granted_application(area, old_scheme, {("jonge-kind", 2025): "1000.00"}, decided_by=national)
        report = SpendingReport.objects.create(
            application=app, year=2025, status=SpendingReportStatus.ACCEPTED, is_final=True, reclaim_amount=D(reclaim)
        )
        SpendingLine.objects.create(report=report, theme=old_scheme.themes.get(code="jonge-kind"), amount=D("900"))
        reclaims.append(D(reclaim))
    west = Area.objects.get(slug="amsterdam-nieuw-west")
    Application.objects.create(area=west, scheme=old_scheme, reference="DRAFT-A", status=ApplicationStatus.DRAFT)
    new = Scheme.objects.get(code="spuk-kw-2026-2028")
    granted_application(west, new, {("jonge-kind", 2026): "10.00"}, decided_by=national)
    (row,) = sisa_rows(scheme=old_scheme, year=2025)
    assert row["reclaim"] == sum(reclaims) == D("112.35")
    assert [value for _indicator, value in row["values"]] == [D("1800.00"), D("1800.00"), "Ja"]
    assert len(row["reports"]) == 2
