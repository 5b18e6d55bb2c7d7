"""The reference-data loader: the real figures, to the cent, and idempotent."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import given
from hypothesis import strategies as st

from areas.models import ActionLine, Area, Municipality
from funding.models import Ceiling, LegalBasis, Scheme, Theme
from funding.reference import reference_load_all, split_in_cents

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


def test_loads_the_real_programme(reference_data):
    assert Area.objects.count() == 20
    assert Municipality.objects.count() == 19
    assert ActionLine.objects.count() == 4
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert sorted(amsterdam.areas.values_list("name", flat=True)) == ["Amsterdam Nieuw-West", "Amsterdam Zuidoost"]
    assert Area.objects.aggregate(total=Sum("residents"))["total"] == 1_192_000  # "1.19 million" in DOMAIN.md
    assert Area.objects.get(name="Rotterdam-Zuid").programme_name == "Nationaal Programma Rotterdam Zuid"


def test_themes_2026_2028_add_up_to_the_published_total(reference_data):
    scheme = Scheme.objects.get(code="spuk-kw-2026-2028")
    budgets = list(scheme.themes.values_list("budget", flat=True))
    assert len(budgets) == 7
    assert sum(budgets, Decimal("0")) == Decimal("421889790.60")
    assert scheme.total_budget == Decimal("421889790.60")
    assert scheme.themes.get(code="school-omgeving").ministry == "OCW"
    assert set(LegalBasis.objects.filter(scheme=scheme).values_list("citation", flat=True)) == {
        "Staatscourant 2025, 20924",
        "Staatscourant 2025, 32385",
    }


def test_each_themes_ceilings_add_up_to_its_budget_to_the_cent(reference_data):
    """Summed exactly in Python Decimals (SQLite's SUM is a float)."""
    for theme in Theme.objects.filter(scheme__code="spuk-kw-2026-2028"):
        amounts = list(Ceiling.objects.filter(theme=theme).values_list("amount", flat=True))
        assert len(amounts) == 20
        assert sum(amounts, Decimal("0")) == theme.budget, theme.name
        assert all(a.quantize(CENT) == a for a in amounts)
    assert not Ceiling.objects.filter(is_illustrative=False).exists()


def test_other_schemes_are_loaded_without_invented_ceilings(reference_data):
    assert Scheme.objects.get(code="spuk-kw-2023-2025").total_budget == Decimal("256000000.00")
    assert Scheme.objects.filter(code="spuk-pmg-2026-2029", lead_ministry="JENV").exists()
    assert not Ceiling.objects.filter(theme__scheme__code__in=["spuk-kw-2023-2025", "spuk-pmg-2026-2029"]).exists()


def test_loading_twice_changes_nothing(reference_data):
    """A second run creates and updates nothing, and writes no history."""
    history_before = Ceiling.history.count()
    outcome = reference_load_all()
    assert not [key for key, n in outcome.items() if n and key.endswith(("created", "updated"))]
    assert outcome["plafonds unchanged"] == 140
    assert Ceiling.history.count() == history_before
    assert Area.objects.count() == 20


def test_loading_keeps_a_ceiling_changed_by_users(reference_data):
    """Reference data creates what is missing and never overwrites what users changed."""
    ceiling = Ceiling.objects.first()
    Ceiling.objects.filter(pk=ceiling.pk).update(amount=Decimal("1.00"))
    outcome = reference_load_all()
    assert not outcome.get("plafonds updated")
    ceiling.refresh_from_db()
    assert ceiling.amount == Decimal("1.00")


@given(
    cents=st.integers(min_value=0, max_value=10**13),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40).filter(lambda w: sum(w) > 0),
)
def test_split_in_cents_adds_up_exactly(cents, weights):
    total = Decimal(cents) * CENT
    parts = split_in_cents(total, weights)
    assert sum(parts, Decimal("0")) == total
    assert all(p >= 0 and p.quantize(CENT) == p for p in parts)
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(p - e) < Decimal("0.01") for p, e in zip(parts, exact, strict=True))


def test_split_in_cents_refuses_fractions_of_a_cent():
    with pytest.raises(ValueError):
        split_in_cents(Decimal("1.001"), [1, 1])
    with pytest.raises(ValueError):
        split_in_cents(Decimal("1.00"), [0, 0])
