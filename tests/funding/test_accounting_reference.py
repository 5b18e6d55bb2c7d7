"""Accounting reference data: the carry-over rule and illustrative SiSa codes, loaded without overwriting edits."""

from decimal import Decimal

import pytest

from funding.models import CarryOverKind, Scheme, SisaIndicator
from funding.reference import reference_load_schemes, reference_load_sisa_indicators

pytestmark = pytest.mark.django_db


def test_schemes_carry_their_carry_over_rule_as_data(reference_data):
    old = Scheme.objects.get(code="spuk-kw-2023-2025")
    new = Scheme.objects.get(code="spuk-kw-2026-2028")
    assert (old.carry_over_kind, old.carry_over_max_share, old.carry_over_to_integral) == (
        CarryOverKind.NEXT_YEAR,
        Decimal("100.00"),
        True,
    )
    assert new.carry_over_kind == CarryOverKind.LATER_YEARS and new.objection_address


def test_loading_again_keeps_edits(reference_data):
    scheme = Scheme.objects.get(code="spuk-kw-2023-2025")
    scheme.carry_over_max_share = Decimal("50")
    scheme.save()
    indicator = SisaIndicator.objects.filter(scheme=scheme, year=2024).order_by("position").first()
    indicator.code, indicator.is_illustrative = "H14/01", False
    indicator.label = "Echte omschrijving"
    indicator.save()
    reference_load_schemes()
    reference_load_sisa_indicators()
    scheme.refresh_from_db()
    indicator.refresh_from_db()
    assert scheme.carry_over_max_share == Decimal("50.00")
    assert indicator.label == "Echte omschrijving" and not indicator.is_illustrative


def test_illustrative_sisa_codes_per_scheme_and_year(reference_data):
    new = Scheme.objects.get(code="spuk-kw-2026-2028")
    for year in (2026, 2027, 2028):
        indicators = SisaIndicator.objects.filter(scheme=new, year=year)
        assert indicators.filter(theme__isnull=True).count() == 3
        assert indicators.filter(theme__isnull=False).count() == 2 * new.themes.count()
        assert all(i.is_illustrative for i in indicators)
