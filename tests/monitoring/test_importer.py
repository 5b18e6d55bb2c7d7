"""The importer checks every cell and every cross-row rule, and reports each problem with its place."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.catalogue import MONITOR_CSV
from monitoring.importer import (
    Catalogue,
    check_partition,
    check_upload,
    parse_number,
    validate,
)
from tests.monitoring.conftest import csv_bytes, published_corrected, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["indicator_code", "jaar", "gebied", "waarde"]


def problems_of(rows, **kwargs):
    data = csv_bytes(rows)
    return validate(data, check_upload(data, "x.csv"), **kwargs).problems


def codes(problems):
    return [(p.line, p.column, p.value, p.code) for p in problems]


def test_published_file_is_refused_naming_its_two_known_errors(reference_data):
    """HAVO/VWO NL 2024 = 1500%, and the 2022 middle and high incomes swapped between the columns."""
    data = MONITOR_CSV.read_bytes()
    problems = validate(data, "csv").problems
    lines = MONITOR_CSV.read_text(encoding="utf-8").splitlines()
    havo_vwo = next(i for i, row in enumerate(lines, 1) if row.startswith("schooladvies_havo_vwo,") and ",2024," in row)
    middle = next(i for i, row in enumerate(lines, 1) if row.startswith("inkomen_midden,") and ",2022," in row)
    high = next(i for i, row in enumerate(lines, 1) if row.startswith("inkomen_hoog,") and ",2022," in row)
    assert {(p.line, p.column) for p in problems} == {
        (havo_vwo, "gem_nl_pct"),
        (middle, "gem_nplv_pct"),
        (high, "gem_nplv_pct"),
        (middle, "gem_nl_pct"),
        (high, "gem_nl_pct"),
    }
    by_cell = {(p.line, p.column): p for p in problems}
    assert by_cell[(havo_vwo, "gem_nl_pct")].value == "1500.00"
    assert "percentage ligt tussen 0 en 100" in by_cell[(havo_vwo, "gem_nl_pct")].rule
    assert "100.83" in by_cell[(high, "gem_nplv_pct")].rule
    assert "minder middeninkomens (9.39%)" in by_cell[(middle, "gem_nl_pct")].rule


def test_published_file_is_clean_once_corrected(reference_data):
    validation = validate(published_corrected(), "csv")
    assert validation.problems == []
    assert validation.figures == 37 * 7 * 2 - 109


def test_dutch_excel_csv_semicolons_decimal_commas_and_bom(reference_data):
    rows = [
        HEADER,
        ["armoede_kinderen", "2023", "Rotterdam-Zuid", "12,5"],
        ["bijstand", "2023", "rotterdam-zuid", "8,25"],
    ]
    data = csv_bytes(rows, delimiter=";", bom=True)
    validation = validate(data, check_upload(data, "export.csv"))
    assert validation.problems == [] and validation.figures == 2


def test_xlsx_is_read(reference_data):
    data = xlsx_bytes([HEADER, ["armoede_kinderen", 2023, "Rotterdam-Zuid", 12.5]])
    assert check_upload(data, "cijfers.xlsx") == "xlsx"
    validation = validate(data, "xlsx")
    assert validation.problems == [] and validation.figures == 1


@pytest.mark.parametrize("raw", ["", "-", "n.v.t.", "—", ".", "x"])
def test_missing_marks_are_missing_not_errors(reference_data, raw):
    rows = [HEADER, ["armoede_kinderen", "2023", "Rotterdam-Zuid", raw]]
    data = csv_bytes(rows)
    validation = validate(data, "csv")
    assert validation.problems == [] and validation.missing == 1 and validation.figures == 0


def test_text_where_a_number_belongs_is_refused(reference_data):
    problems = problems_of([HEADER, ["armoede_kinderen", "2023", "Rotterdam-Zuid", "veel"]])
    assert codes(problems) == [(2, "waarde", "veel", "number")]
    assert "geen getal" in problems[0].rule


@pytest.mark.parametrize("value", ["-0.5", "100.01", "1500"])
def test_percentage_outside_0_to_100_is_refused(reference_data, value):
    problems = problems_of([HEADER, ["armoede_kinderen", "2023", "Rotterdam-Zuid", value]])
    assert codes(problems) == [(2, "waarde", value, "range")]


def test_more_than_two_decimals_is_refused(reference_data):
    problems = problems_of([HEADER, ["armoede_kinderen", "2023", "Rotterdam-Zuid", "12.345"]])
    assert [p.code for p in problems] == ["range"] and "twee decimalen" in problems[0].rule


def test_count_and_euro_ranges(reference_data):
    from monitoring.models import Indicator

    Indicator.objects.filter(code="bijstand").update(unit="count")
    Indicator.objects.filter(code="armoede_kinderen").update(unit="euro")
    problems = problems_of(
        [
            HEADER,
            ["bijstand", "2023", "Rotterdam-Zuid", "12.5"],
            ["bijstand", "2022", "Rotterdam-Zuid", "1200"],
            ["armoede_kinderen", "2023", "Rotterdam-Zuid", "-3"],
            ["armoede_kinderen", "2022", "Rotterdam-Zuid", "2500.50"],
        ]
    )
    assert [(p.line, p.code) for p in problems] == [(2, "range"), (4, "range")]


def test_unknown_indicator_is_refused_not_created(reference_data):
    from monitoring.models import Indicator

    problems = problems_of([HEADER, ["geluk", "2023", "Rotterdam-Zuid", "12"]])
    assert codes(problems) == [(2, "indicator_code", "geluk", "indicator")]
    assert not Indicator.objects.filter(code="geluk").exists()


def test_unknown_area_is_refused(reference_data):
    problems = problems_of([HEADER, ["bijstand", "2023", "Atlantis", "12"]])
    assert codes(problems) == [(2, "gebied", "Atlantis", "area")]


def test_area_by_name_slug_or_cbs_code(reference_data):
    rows = [
        HEADER,
        ["bijstand", "2021", "Rotterdam-Zuid", "1"],
        ["bijstand", "2022", "rotterdam-zuid", "2"],
        ["bijstand", "2023", "GM0599", "3"],
    ]
    data = csv_bytes(rows)
    validation = validate(data, "csv")
    assert validation.problems == [] and validation.figures == 3


def test_cbs_code_of_a_municipality_with_two_areas_is_ambiguous(reference_data):
    problems = problems_of([HEADER, ["bijstand", "2023", "GM0363", "3"]])
    assert [p.code for p in problems] == ["area"] and "meer dan één gebied" in problems[0].rule


def test_municipality_figures(reference_data):
    rows = [
        ["indicator_code", "jaar", "gemeente", "waarde"],
        ["bijstand", "2023", "GM0363", "3"],
        ["bijstand", "2023", "Utopia", "3"],
    ]
    problems = problems_of(rows)
    assert codes(problems) == [(3, "gemeente", "Utopia", "municipality")]


@pytest.mark.parametrize("year", ["1899", "2027", "2017", "twintig"])
def test_year_outside_the_monitor_is_refused(reference_data, year):
    problems = problems_of([HEADER, ["bijstand", year, "Rotterdam-Zuid", "12"]])
    assert [(p.line, p.column, p.code) for p in problems] == [(2, "jaar", "year")]


def test_duplicate_figure_is_refused_on_both_lines(reference_data):
    problems = problems_of([HEADER, ["bijstand", "2023", "Rotterdam-Zuid", "12"], ["bijstand", "2023", "GM0599", "13"]])
    assert sorted((p.line, p.code) for p in problems) == [(2, "duplicate"), (3, "duplicate")]
    assert "regel 2" in next(p.rule for p in problems if p.line == 3)


def test_shares_of_a_whole_above_100_are_refused(reference_data):
    rows = [HEADER] + [
        [code, "2023", "Rotterdam-Zuid", value]
        for code, value in [
            ("woningvoorraad_koop", "40"),
            ("woningvoorraad_particuliere_huur", "30"),
            ("woningvoorraad_corporatie_huur", "40"),
        ]
    ]
    problems = problems_of(rows)
    assert [p.code for p in problems] == ["partition"] * 3
    assert "110" in problems[0].rule and "Rotterdam-Zuid" in problems[0].rule


def test_shares_below_100_are_accepted(reference_data):
    """A whole of which some parts are missing adds up to less than 100: that is not an error."""
    rows = [HEADER, ["woningvoorraad_koop", "2023", "Rotterdam-Zuid", "40"]]
    assert problems_of(rows) == []


def test_more_high_than_middle_incomes_is_refused(reference_data):
    rows = [
        ["indicator_code", "jaar", "gem_nplv_pct", "gem_nl_pct"],
        ["inkomen_midden", "2020", "48", "9.39"],
        ["inkomen_hoog", "2020", "9", "18.88"],
    ]
    problems = problems_of(rows)
    assert [(p.line, p.column, p.code) for p in problems] == [(2, "gem_nl_pct", "order"), (3, "gem_nl_pct", "order")]


def test_a_missing_column_is_reported_for_the_file(reference_data):
    problems = problems_of([["indicator_code", "gebied", "waarde"], ["bijstand", "Rotterdam-Zuid", "1"]])
    assert [(p.line, p.code) for p in problems] == [(1, "header")] and "jaar" in problems[0].rule


def test_preview_lists_every_problem_at_once(reference_data):
    """Five broken rows, five problems: the check does not stop at the first one."""
    rows = [
        HEADER,
        ["geluk", "2023", "Rotterdam-Zuid", "1"],
        ["bijstand", "1899", "Rotterdam-Zuid", "1"],
        ["bijstand", "2023", "Atlantis", "1"],
        ["bijstand", "2022", "Rotterdam-Zuid", "n.b.b."],
        ["bijstand", "2021", "Rotterdam-Zuid", "101"],
        ["bijstand", "2020", "Rotterdam-Zuid", "10"],
    ]
    problems = problems_of(rows)
    assert [(p.line, p.code) for p in problems] == [
        (2, "indicator"),
        (3, "year"),
        (4, "area"),
        (5, "number"),
        (6, "range"),
    ]


def test_bureau_import_is_limited_to_its_own_area(reference_data, area_a):
    rows = [HEADER, ["bijstand", "2023", area_a.name, "1"], ["bijstand", "2023", "Rotterdam-Zuid", "1"]]
    problems = problems_of(rows, area_id=area_a.pk)
    assert [(p.line, p.code) for p in problems] == [(3, "permission")]


def test_checking_needs_no_query_per_row(reference_data, django_assert_max_num_queries):
    rows = [HEADER] + [
        ["bijstand", str(2018 + i % 7), "Rotterdam-Zuid" if i % 2 else "GM0599", "1"] for i in range(500)
    ]
    data = csv_bytes(rows)
    catalogue = Catalogue.load()
    with django_assert_max_num_queries(0):
        validate(data, "csv", catalogue=catalogue)


# --- the file itself ---------------------------------------------------------------------------


def test_upload_over_10_mb_is_refused():
    with pytest.raises(ValidationError, match="hoogstens 10 MB"):
        check_upload(b"a,b\n" * (3 * 1024 * 1024), "groot.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%...", "alleen CSV of Excel"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "alleen CSV of Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "oud Excel-bestand"),
        ("jaar;waarde\n2020;ü\n".encode("latin-1"), "geen UTF-8"),
        (b"gewoon een tekst zonder kolommen\n", "geen CSV"),
    ],
)
def test_other_types_are_refused_by_content(data, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(data, "cijfers.csv")


def test_a_docx_named_xlsx_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("word/document.xml", "<x/>")
    with pytest.raises(ValidationError, match="geen Excel-werkmap"):
        check_upload(buffer.getvalue(), "cijfers.xlsx")


# --- cells and properties ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        (" 7 ", Decimal("7")),
        (12.5, Decimal("12.5")),
        (3, Decimal("3")),
        ("n.v.t.", None),
        ("", None),
    ],
)
def test_parse_number(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["veel", "1e5", "NaN", "12,5,3", "Infinity"])
def test_parse_number_refuses_text(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


shares = st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=8)
tolerances = st.decimals(min_value=0, max_value=5, places=2)


@settings(max_examples=200, deadline=None)
@given(shares=shares, tolerance=tolerances)
def test_partition_check_refuses_exactly_the_wholes_above_100_plus_margin(shares, tolerance):
    total = sum(shares, Decimal(0))
    assert (check_partition(shares, tolerance) is None) == (total <= 100 + tolerance)


@settings(max_examples=100, deadline=None)
@given(shares=shares, tolerance=tolerances)
def test_partition_check_does_not_depend_on_the_order_of_the_parts(shares, tolerance):
    assert check_partition(shares, tolerance) == check_partition(list(reversed(shares)), tolerance)
