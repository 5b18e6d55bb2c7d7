"""Euros: rounding database sums to cents and writing amounts the Dutch way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# The one definition of a money field: euros and cents, never negative.
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


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
