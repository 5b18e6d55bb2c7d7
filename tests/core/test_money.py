"""Dutch money input: 1.234,56, 1234,56 and 1234.56 mean the same, in any browser language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.forms import MONEY_FORMFIELD_OVERRIDES, MoneyField, MoneyInput
from core.money import MoneyParseError, euro, money_input, parse_money

amounts = st.decimals(min_value=Decimal("-999999999999.99"), max_value=Decimal("999999999999.99"), places=2)


@given(amounts)
def test_formatting_then_parsing_returns_the_amount(amount):
    """What the form shows comes back unchanged, and so do the other ways of writing it."""
    assert parse_money(money_input(amount)) == amount
    assert parse_money(euro(amount).replace("€ -", "-")) == amount
    assert parse_money(str(amount)) == amount
    assert parse_money(str(amount).replace(".", ",")) == amount
    assert parse_money(f"{amount:,.2f}") == amount  # 1,234.56: the English way


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("€ 1.234,56", "1234.56"),
        ("125000,50", "125000.50"),
        ("20.000,00", "20000.00"),
        ("20.000", "20000"),
        ("1.234.567", "1234567"),
        ("0,5", "0.50"),
        ("12", "12"),
        (" 7 ", "7"),
    ],
)
def test_the_ways_people_write_an_amount(text, amount):
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "abc", "5,", "1..2", "1.23.4", "1.234.56", "12345,678", "1,2.3,4", "--5"])
def test_what_is_not_an_amount_is_refused(text):
    with pytest.raises(MoneyParseError):
        parse_money(text)


def test_the_field_reads_dutch_in_an_english_browser():
    field = MoneyField()
    with translation.override("en"):
        assert field.clean("125000,50") == Decimal("125000.50")
        assert field.clean("20.000,00") == Decimal("20000.00")


def test_the_field_refuses_text_and_three_decimals_with_a_dutch_message():
    field = MoneyField()
    with translation.override("nl"):
        with pytest.raises(Exception, match="bedrag in euro"):
            field.clean("veel")
        with pytest.raises(Exception, match="2 cijfers"):
            field.clean("1,234.567")


def test_the_input_shows_the_amount_the_dutch_way():
    html = MoneyInput().render("amount", Decimal("125000.5"))
    assert 'value="125.000,50"' in html and 'inputmode="decimal"' in html and 'type="text"' in html


def test_overrides_for_the_admin_use_the_field():
    from django.db import models

    assert MONEY_FORMFIELD_OVERRIDES[models.DecimalField]["form_class"] is MoneyField
    field = models.DecimalField(max_digits=14, decimal_places=2).formfield(
        **MONEY_FORMFIELD_OVERRIDES[models.DecimalField]
    )
    assert isinstance(field, MoneyField) and field.clean("1.234,56") == Decimal("1234.56")


@pytest.mark.django_db
def test_intervention_budget_is_read_dutch_in_an_english_browser(client, bureau_a):
    """The fault that was found: 125000,50 became 12500050 in an English browser."""
    from areas.models import ActionLine
    from interventions.models import Intervention

    line = ActionLine.objects.order_by("number").first()
    client.force_login(bureau_a)
    client.post(reverse("set_language"), {"language": "en"})
    data = {"title": "Halt", "action_line": str(line.pk), "evidence_level": "unknown", "planned_budget": "125000,50"}
    response = client.post(reverse("interventions:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Intervention.objects.get().planned_budget == Decimal("125000.50")
