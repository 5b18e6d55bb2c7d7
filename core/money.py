"""Euros: rounding database sums to cents and writing amounts the Dutch way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# One upper bound for every amount, at every door: € 1 billion, more than twice the largest scheme
# (€ 421.9 million). A sum of up to a thousand such amounts still fits the 14 digits of a money field,
# so totals in lists, reports and the API cannot overflow.
MAX_MONEY = Decimal("1000000000.00")
MONEY_VALIDATORS = [
    MinValueValidator(Decimal("0"), message=_("Regel bedrag: een bedrag is niet negatief.")),
    MaxValueValidator(MAX_MONEY, message=_("Regel bedrag: een bedrag is hoogstens € 1.000.000.000,00.")),
]

# The one definition of a money field: euros and cents, never negative, at most MAX_MONEY.
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": MONEY_VALIDATORS}


def check_money(value, *, field: str) -> Decimal:
    """An amount that arrives outside a model field (a decision per line, an admin form): a finite
    Decimal between 0 and MAX_MONEY with at most two decimals, else a ValidationError on `field`."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise ValidationError({field: _("Regel bedrag: vul een geldig bedrag in.")}, code="money_invalid")
    if amount < 0 or amount > MAX_MONEY:
        raise ValidationError(
            {field: _("Regel bedrag: een bedrag ligt tussen € 0,00 en € 1.000.000.000,00.")}, code="money_out_of_range"
        )
    if amount != amount.quantize(CENT):
        raise ValidationError(
            {field: _("Een bedrag heeft hoogstens twee cijfers achter de komma.")}, code="money_cents"
        )
    return amount


def cents(value) -> Decimal:
    """A sum from the database as euros and cents (SQLite's SUM may come back as a float)."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def has_more_than_two_decimals(value: Decimal) -> bool:
    return value != value.quantize(CENT)


def euro(value) -> str:
    """`Decimal("1200")` → `€ 1.200,00`; negative amounts keep their sign."""
    amount = cents(value)
    text = f"{abs(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ -{text}" if amount < 0 else f"€ {text}"
