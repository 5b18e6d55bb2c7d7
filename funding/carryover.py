"""Carry-over and reclaim as pure arithmetic: no database, no Django models, only Decimals.

The scheme's rule is data (`Scheme.carry_over_kind`, `carry_over_max_share`, `carry_over_to_integral`,
`last_year`); the two readings in DOMAIN.md ("Carry-over and reclaim") are the two kinds:

- `next_year` (2023–2025): `available(T,Y) = granted(T,Y) + carried_in(T,Y)`;
  `carried_out(T,Y) = min(available − spent, max_share × granted(T,Y))`, at least 0, into year Y+1
  only; what is left beyond that lapses.
- `later_years` (2026–2028): unspent money moves on to any later year: `carried_out = available − spent`
  (times `max_share`), so cumulative spending may trail the cumulative grant but never run ahead of it.
- `none`: nothing moves.

Nothing is carried past the scheme's last year. Where the scheme allows it, money carried into a theme
that the theme does not spend may cover spending of the integral part in that year (never the
year's own grant of another theme: that was applied for in its own year). Spending above what is
available is an *excess*: the services refuse it, and the final account never counts it as eligible.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

NONE, NEXT_YEAR, LATER_YEARS = "none", "next_year", "later_years"


@dataclass(frozen=True)
class CarryOverRule:
    kind: str
    max_share: Decimal  # a percentage, 0–100
    first_year: int
    last_year: int
    to_integral: bool = False

    @classmethod
    def of(cls, scheme) -> CarryOverRule:
        return cls(
            kind=scheme.carry_over_kind or NONE,
            max_share=Decimal(scheme.carry_over_max_share),
            first_year=scheme.first_year,
            last_year=scheme.last_year,
            to_integral=scheme.carry_over_to_integral,
        )

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def cap(self, *, granted: Decimal, available: Decimal) -> Decimal:
        """The most that may move on from one year (before looking at what was spent)."""
        if self.kind == NEXT_YEAR:
            base = granted
        elif self.kind == LATER_YEARS:
            base = available
        else:
            return ZERO
        return (base * self.max_share / 100).quantize(CENT, rounding=ROUND_DOWN)


@dataclass(slots=True)
class Cell:
    """One theme in one year."""

    theme: Hashable
    year: int
    granted: Decimal = ZERO
    carried_in: Decimal = ZERO
    moved_in: Decimal = ZERO  # carried money of other themes that covered the integral part's spending
    moved_out: Decimal = ZERO  # this theme's carried money that covered the integral part's spending
    spent: Decimal = ZERO
    excess: Decimal = ZERO  # spending above what was available: refused, never eligible
    carried_out: Decimal = ZERO
    lapsed: Decimal = ZERO

    @property
    def available(self) -> Decimal:
        return self.granted + self.carried_in + self.moved_in - self.moved_out

    @property
    def eligible(self) -> Decimal:
        return self.spent - self.excess

    @property
    def remaining(self) -> Decimal:
        """Left after this year's spending: what moves on plus what lapses."""
        return self.carried_out + self.lapsed


@dataclass
class Ledger:
    rule: CarryOverRule
    themes: list
    cells: dict = field(default_factory=dict)  # (theme, year) → Cell

    def cell(self, theme, year) -> Cell:
        return self.cells[(theme, year)]

    def rows(self) -> Iterable[Cell]:
        for theme in self.themes:
            for year in self.rule.years:
                yield self.cells[(theme, year)]

    def excesses(self, *, until: int | None = None) -> list[Cell]:
        return [c for c in self.rows() if c.excess > 0 and (until is None or c.year <= until)]

    def total(self, attribute: str, *, theme=None, until: int | None = None) -> Decimal:
        return sum(
            (
                getattr(c, attribute)
                for c in self.rows()
                if (theme is None or c.theme == theme) and (until is None or c.year <= until)
            ),
            ZERO,
        )


def _money(value) -> Decimal:
    if type(value) is Decimal:
        return value.quantize(CENT)
    return Decimal(value if value is not None else 0).quantize(CENT)


def ledger(
    *,
    rule: CarryOverRule,
    granted: Mapping[tuple, Decimal],
    spent: Mapping[tuple, Decimal],
    themes: Iterable | None = None,
    integral=None,
) -> Ledger:
    """Per theme and year: granted, carried in, spent, excess, carried out and lapsed.

    `granted` and `spent` map (theme, year) to euros; a missing pair is € 0,00. `themes` gives the
    order (themes only in the mappings come after it); `integral` names the integral part.
    """
    order = _theme_order(themes, granted, spent)
    book = Ledger(rule=rule, themes=order)
    for values in _cells(rule, granted, spent, order, integral):
        book.cells[(values[0], values[1])] = Cell(*values)
    return book


def ledger_cells(
    *,
    rule: CarryOverRule,
    granted: Mapping[tuple, Decimal],
    spent: Mapping[tuple, Decimal],
    themes: Iterable | None = None,
    integral=None,
) -> Iterator[tuple]:
    """The cells of `ledger`, same arguments, as plain tuples in `Cell`'s field order (theme, year,
    granted, carried_in, moved_in, moved_out, spent, excess, carried_out, lapsed), year by year: for
    adding up many ledgers without keeping any."""
    return _cells(rule, granted, spent, _theme_order(themes, granted, spent), integral)


def _theme_order(themes: Iterable | None, granted: Mapping, spent: Mapping) -> list:
    order = list(themes or [])
    known = set(order)
    for keys in (granted, spent):
        for theme, _year in keys:
            if theme not in known:
                known.add(theme)
                order.append(theme)
    return order


def _cells(rule: CarryOverRule, granted: Mapping, spent: Mapping, order: list, integral) -> Iterator[tuple]:
    # The arithmetic of Cell.available and CarryOverRule.cap, spelled out on lists indexed like `order`:
    # the money overview runs this once per application.
    kind, last_year = rule.kind, rule.last_year
    share = rule.max_share / 100  # exact, as are the products below: the cap is the same to the cent
    whole = share == 1
    size = len(order)
    pool_to = order.index(integral) if rule.to_integral and integral in order else None
    carry = [ZERO] * size
    no_moves = [ZERO] * size
    for year in rule.years:
        keys = [(theme, year) for theme in order]
        grants = [ZERO if (amount := granted.get(key)) is None else _money(amount) for key in keys]
        spends = [ZERO if (amount := spent.get(key)) is None else _money(amount) for key in keys]
        moved_in = moved_out = no_moves
        if pool_to is not None:
            # Carried money that a theme leaves unspent covers the integral part's shortfall, in theme order.
            moved_in, moved_out = [ZERO] * size, [ZERO] * size
            shortfall = max(spends[pool_to] - (grants[pool_to] + carry[pool_to]), ZERO)
            for donor in range(size):
                if shortfall <= 0:
                    break
                if donor == pool_to:
                    continue
                available = grants[donor] + carry[donor] + moved_in[donor] - moved_out[donor]
                unspent_carried = min(max(available - spends[donor], ZERO), carry[donor] - moved_out[donor])
                draw = min(unspent_carried, shortfall)
                if draw > 0:
                    moved_out[donor] += draw
                    moved_in[pool_to] += draw
                    shortfall -= draw
        for index in range(size):
            amount, carried_in, spending = grants[index], carry[index], spends[index]
            available = amount + carried_in + moved_in[index] - moved_out[index]
            leftover = max(available - spending, ZERO)
            carried_out = ZERO
            if year < last_year:
                if kind == NEXT_YEAR:
                    cap = amount if whole else (amount * share).quantize(CENT, rounding=ROUND_DOWN)
                elif kind == LATER_YEARS:
                    cap = available if whole else (available * share).quantize(CENT, rounding=ROUND_DOWN)
                else:
                    cap = ZERO
                carried_out = min(leftover, cap)
            carry[index] = carried_out
            yield (
                order[index],
                year,
                amount,
                carried_in,
                moved_in[index],
                moved_out[index],
                spending,
                max(spending - available, ZERO),
                carried_out,
                leftover - carried_out,
            )


@dataclass(frozen=True)
class FinalAccount:
    granted: Decimal
    eligible: Decimal
    paid: Decimal
    fixed: Decimal  # the grant as fixed (vaststelling): the eligible spending, never above the grant
    reclaim: Decimal  # paid − fixed, never below zero
    still_to_pay: Decimal  # fixed − paid where that is positive
    per_theme: dict  # theme → {"granted", "eligible", "lapsed"}


def final_account(*, book: Ledger, paid: Decimal) -> FinalAccount:
    """Eligible spending per theme, the fixed grant and the reclaim (`paid − eligible`, never negative)."""
    granted = book.total("granted")
    eligible = book.total("eligible")
    fixed = min(eligible, granted)
    paid = _money(paid)
    difference = paid - fixed
    return FinalAccount(
        granted=granted,
        eligible=eligible,
        paid=paid,
        fixed=fixed,
        reclaim=max(difference, ZERO),
        still_to_pay=max(-difference, ZERO),
        per_theme={
            theme: {
                "granted": book.total("granted", theme=theme),
                "eligible": book.total("eligible", theme=theme),
                "lapsed": book.total("lapsed", theme=theme),
            }
            for theme in book.themes
        },
    )


def payment_room(*, granted: Decimal, paid: Decimal) -> Decimal:
    """What may still be paid on a grant: never more than granted in all."""
    return max(_money(granted) - _money(paid), ZERO)
