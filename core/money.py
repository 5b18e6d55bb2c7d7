"""Euros: rounding database sums to cents and writing amounts the Dutch way."""

from __future__ import annotations

import re
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


class MoneyParseError(ValueError):
    """The text is not an amount in euros."""


_MONEY_CHARS = re.compile(r"^[+-]?[0-9.,]+$")


def parse_money(text: str) -> Decimal:
    """Read an amount the way people type it, whatever the browser's language.

    `1.234,56`, `1234,56`, `1234.56`, `1,234.56` and `€ 1.234,56` are all 1234.56. With both
    separators, the last one is the decimal one. With one kind, it is the decimal separator unless it
    occurs more than once or exactly three digits follow it: an amount has at most two decimals, so
    `20.000` and `20,000` are twenty thousand. Thousands separators group by three. Anything else
    raises `MoneyParseError`.
    """
    cleaned = (text or "").strip()
    for noise in ("€", "\u00a0", "\u202f", " ", "_"):
        cleaned = cleaned.replace(noise, "")
    cleaned = cleaned.replace("\u2212", "-")  # the minus sign pasted from documents
    if not _MONEY_CHARS.match(cleaned):
        raise MoneyParseError(text)
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    last = max(cleaned.rfind(","), cleaned.rfind("."))
    whole, fraction = cleaned, ""
    if last != -1:
        mark, tail = cleaned[last], cleaned[last + 1 :]
        if {c for c in cleaned if c in ".,"} == {".", ","}:
            is_decimal = True
        elif cleaned.count(mark) > 1:
            is_decimal = False
        else:
            is_decimal = len(tail) != 3
        if is_decimal:
            whole, fraction = cleaned[:last], tail
            if not fraction.isdigit():
                raise MoneyParseError(text)
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise MoneyParseError(text)
    digits = "".join(groups)
    if (digits and not digits.isdigit()) or not (digits or fraction):
        raise MoneyParseError(text)
    try:
        return Decimal(f"{sign}{digits or '0'}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the checks above rule this out
        raise MoneyParseError(text) from exc


def money_input(value) -> str:
    """An amount as it is shown in a form field: `1.234,56` (no euro sign)."""
    if value in (None, ""):
        return ""
    amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{abs(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"-{text}" if amount < 0 else text
