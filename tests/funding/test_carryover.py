"""Carry-over and reclaim arithmetic (funding.carryover): worked examples and hypothesis properties."""

from dataclasses import astuple
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from funding.carryover import (
    LATER_YEARS,
    NEXT_YEAR,
    NONE,
    CarryOverRule,
    Cell,
    Ledger,
    final_account,
    ledger,
    payment_room,
)

D = Decimal
NEXT = CarryOverRule(kind=NEXT_YEAR, max_share=D("100"), first_year=2023, last_year=2025, to_integral=True)
LATER = CarryOverRule(kind=LATER_YEARS, max_share=D("100"), first_year=2026, last_year=2028)


def test_next_year_carries_unspent_money_one_year_only():
    """2023–2025: € 40 unspent in 2023 moves to 2024; unspent carried money lapses, it does not roll on."""
    book = ledger(
        rule=NEXT,
        granted={("jk", 2023): D("100"), ("jk", 2024): D("100"), ("jk", 2025): D("100")},
        spent={("jk", 2023): D("60"), ("jk", 2024): D("90"), ("jk", 2025): D("100")},
    )
    c23, c24, c25 = (book.cell("jk", y) for y in (2023, 2024, 2025))
    assert (c23.carried_out, c23.lapsed) == (D("40.00"), D("0.00"))
    assert (c24.carried_in, c24.available) == (D("40.00"), D("140.00"))
    # 50 left in 2024: at most 100% of 2024's own grant (100) moves on, so all 50 moves.
    assert c24.carried_out == D("50.00")
    assert c25.available == D("150.00") and c25.lapsed == D("50.00") and c25.carried_out == D("0.00")
    assert book.excesses() == []


def test_next_year_share_caps_the_carry_over():
    """With a 50% share only half of a year's grant may move on; the rest lapses."""
    rule = CarryOverRule(kind=NEXT_YEAR, max_share=D("50"), first_year=2023, last_year=2025)
    book = ledger(rule=rule, granted={("jk", 2023): D("100")}, spent={})
    assert book.cell("jk", 2023).carried_out == D("50.00")
    assert book.cell("jk", 2023).lapsed == D("50.00")


def test_spending_above_available_is_an_excess():
    """Spending more than granted plus carried in is an excess, and it is not eligible."""
    book = ledger(rule=NEXT, granted={("jk", 2023): D("100")}, spent={("jk", 2023): D("130")})
    cell = book.cell("jk", 2023)
    assert cell.excess == D("30.00") and cell.eligible == D("100.00")


def test_carried_money_may_cover_the_integral_part():
    """Where the scheme allows, another theme's unspent carried money covers the integral part's overspend."""
    book = ledger(
        rule=NEXT,
        granted={("jk", 2023): D("100"), ("int", 2024): D("10")},
        spent={("int", 2024): D("50")},
        integral="int",
    )
    assert book.cell("int", 2024).moved_in == D("40.00")
    assert book.cell("jk", 2024).moved_out == D("40.00")
    assert book.excesses() == []
    rule = CarryOverRule(kind=NEXT_YEAR, max_share=D("100"), first_year=2023, last_year=2025, to_integral=False)
    strict = ledger(
        rule=rule,
        granted={("jk", 2023): D("100"), ("int", 2024): D("10")},
        spent={("int", 2024): D("50")},
        integral="int",
    )
    assert strict.cell("int", 2024).excess == D("40.00")


def test_later_years_lets_spending_trail_the_grant():
    """2026–2028: € 300 granted in 2026, all spent in 2028, is fine; nothing moves past 2028."""
    book = ledger(rule=LATER, granted={("jk", 2026): D("300")}, spent={("jk", 2028): D("300")})
    assert book.excesses() == []
    assert book.cell("jk", 2027).carried_in == D("300.00")
    ahead = ledger(rule=LATER, granted={("jk", 2027): D("300")}, spent={("jk", 2026): D("100")})
    assert [(c.year, c.excess) for c in ahead.excesses()] == [(2026, D("100.00"))]


def test_no_carry_over_rule():
    book = ledger(
        rule=CarryOverRule(kind=NONE, max_share=D("100"), first_year=2023, last_year=2025),
        granted={("jk", 2023): D("10")},
        spent={},
    )
    assert book.cell("jk", 2023).lapsed == D("10.00") and book.cell("jk", 2024).carried_in == D("0.00")


def test_final_account_reclaims_what_was_paid_and_not_spent():
    """Paid € 300, eligible € 250: reclaim € 50. Paid € 200: nothing to reclaim, € 50 still to pay."""
    book = ledger(rule=LATER, granted={("jk", 2026): D("300")}, spent={("jk", 2026): D("100"), ("jk", 2027): D("150")})
    account = final_account(book=book, paid=D("300"))
    assert (account.eligible, account.fixed, account.reclaim, account.still_to_pay) == (
        D("250.00"),
        D("250.00"),
        D("50.00"),
        D("0.00"),
    )
    underpaid = final_account(book=book, paid=D("200"))
    assert (underpaid.reclaim, underpaid.still_to_pay) == (D("0.00"), D("50.00"))


# ---------------------------------------------------------------------------------------------
# Properties

THEMES = ["int", "jk", "szw"]
money = st.integers(min_value=0, max_value=50_000).map(lambda c: Decimal(c) / 100)
rules_ = st.builds(
    CarryOverRule,
    kind=st.sampled_from([NONE, NEXT_YEAR, LATER_YEARS]),
    max_share=st.sampled_from([D("0"), D("12.50"), D("25"), D("33"), D("50"), D("100"), D("100.00")]),
    first_year=st.just(2023),
    last_year=st.integers(2023, 2026),
    to_integral=st.booleans(),
)


@st.composite
def scenarios(draw):
    rule = draw(rules_)
    cells = [(t, y) for t in THEMES for y in rule.years]
    granted = draw(st.dictionaries(st.sampled_from(cells), money, max_size=len(cells)))
    spent = draw(st.dictionaries(st.sampled_from(cells), money, max_size=len(cells)))
    return rule, granted, spent


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios(), paid=money)
def test_properties_of_every_ledger(scenario, paid):
    """Money is conserved; eligible spending never passes what the grant plus allowed carry-over permits;
    nothing moves past the last year; the next-year kind carries at most its share of the year's grant;
    the reclaim is never negative."""
    rule, granted, spent = scenario
    book = ledger(rule=rule, granted=granted, spent=spent, themes=THEMES, integral="int")
    total_granted = sum(granted.values(), D("0"))
    assert book.total("eligible") + book.total("lapsed") == total_granted
    for year in rule.years:
        assert book.total("eligible", until=year) <= book.total("granted", until=year)
        for theme in THEMES:
            cell = book.cell(theme, year)
            assert min(cell.carried_in, cell.carried_out, cell.lapsed, cell.excess, cell.eligible) >= 0
            assert cell.eligible <= cell.available
            if not rule.to_integral:
                assert book.total("eligible", theme=theme, until=year) <= book.total("granted", theme=theme, until=year)
            if year == rule.last_year or rule.kind == NONE:
                assert cell.carried_out == 0
            if rule.kind == NEXT_YEAR:
                assert cell.carried_out <= cell.granted * rule.max_share / 100
    account = final_account(book=book, paid=paid)
    assert account.reclaim >= 0 and account.still_to_pay >= 0
    assert account.fixed <= account.granted
    assert account.paid - account.reclaim + account.still_to_pay == account.fixed


@settings(max_examples=200, deadline=None)
@given(
    rule=rules_, yearly=st.lists(st.tuples(st.sampled_from(THEMES), money), min_size=1, max_size=12), granted_each=money
)
def test_no_sequence_of_accepted_reports_spends_more_than_allowed(rule, yearly, granted_each):
    """Reports are accepted one by one only while they cause no excess (as the services do): cumulative
    spending then never passes the grant plus the allowed carry-over, in any year."""
    granted = {(t, y): granted_each for t in THEMES for y in rule.years}
    accepted: dict = {}
    for index, (theme, amount) in enumerate(yearly):
        year = rule.first_year + index % len(rule.years)
        trial = dict(accepted)
        trial[(theme, year)] = amount
        if not ledger(rule=rule, granted=granted, spent=trial, themes=THEMES, integral="int").excesses():
            accepted = trial
    book = ledger(rule=rule, granted=granted, spent=accepted, themes=THEMES, integral="int")
    assert book.excesses() == []
    for year in rule.years:
        assert sum((v for (t, y), v in accepted.items() if y <= year), D("0")) <= book.total("granted", until=year)


@given(granted=money, payments=st.lists(money, max_size=10))
def test_paid_never_above_granted(granted, payments):
    """Paying only within the room left, the total paid never passes the grant."""
    paid = D("0")
    for amount in payments:
        if amount <= payment_room(granted=granted, paid=paid):
            paid += amount
    assert paid <= granted


def reference_ledger(*, rule, granted, spent, themes, integral):
    """The ledger as first written, cell by cell through `Cell.available` and `CarryOverRule.cap`:
    `ledger` was rewritten for speed and must give the same cells."""
    order = list(themes)
    for theme, _year in list(granted) + list(spent):
        if theme not in order:
            order.append(theme)
    book = Ledger(rule=rule, themes=order)
    carry = dict.fromkeys(order, D("0.00"))
    for year in rule.years:
        cells = {}
        for theme in order:
            cells[theme] = book.cells[(theme, year)] = Cell(
                theme=theme,
                year=year,
                granted=D(granted.get((theme, year), 0)).quantize(D("0.01")),
                carried_in=carry[theme],
                spent=D(spent.get((theme, year), 0)).quantize(D("0.01")),
            )
        if rule.to_integral and integral in carry:
            target = cells[integral]
            shortfall = max(target.spent - target.available, D("0.00"))
            for theme in order:
                if shortfall <= 0:
                    break
                if theme == integral:
                    continue
                donor = cells[theme]
                unspent = min(max(donor.available - donor.spent, D("0.00")), donor.carried_in - donor.moved_out)
                draw = min(unspent, shortfall)
                if draw > 0:
                    donor.moved_out += draw
                    target.moved_in += draw
                    shortfall -= draw
        for cell in cells.values():
            cell.excess = max(cell.spent - cell.available, D("0.00"))
            leftover = max(cell.available - cell.spent, D("0.00"))
            if year < rule.last_year:
                cell.carried_out = min(leftover, rule.cap(granted=cell.granted, available=cell.available))
            cell.lapsed = leftover - cell.carried_out
            carry[cell.theme] = cell.carried_out
    return book


@settings(max_examples=300, deadline=None)
@given(scenario=scenarios(), extra_theme=st.booleans())
def test_ledger_gives_the_reference_cells(scenario, extra_theme):
    """Every cell of every ledger, its order included, equals the reference, to the cent."""
    rule, granted, spent = scenario
    themes = THEMES[:-1] if extra_theme else THEMES  # a theme only in the figures goes last
    book = ledger(rule=rule, granted=granted, spent=spent, themes=themes, integral="int")
    expected = reference_ledger(rule=rule, granted=granted, spent=spent, themes=themes, integral="int")
    assert book.themes == expected.themes
    assert [astuple(cell) for cell in book.rows()] == [astuple(cell) for cell in expected.rows()]
    assert [str(value) for cell in book.rows() for value in astuple(cell)[2:]] == [
        str(value) for cell in expected.rows() for value in astuple(cell)[2:]
    ]
