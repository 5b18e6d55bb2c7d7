"""Reading and checking indicator files: CSV or Excel in, figures and problems out.

A file holds one row per indicator and year with one or more value columns:

- `waarde` (or `value`): the figure of the row's place: the area in `gebied` (name, slug or CBS code),
  or else the municipality in `gemeente` (name or CBS code); a `niveau` column (gebied, gemeente,
  nplv, nl) may say which;
- `gem_nplv_pct` / `nplv` and `gem_nl_pct` / `nl`: the NPLV and Dutch averages (the published
  monitor's own columns, so the published table is a valid file).

The indicator is named in `indicator_code` (or `code`, or `indicator`), the year in `jaar`. Other
columns (action line, name, specification) are read by people, not by the importer.

CSV may be comma or semicolon separated, with a decimal point or a decimal comma, UTF-8 with or
without a byte-order mark; Excel is .xlsx (the first sheet, read-only). Blank cells, dashes,
"n.v.t.", "." and "x" (CBS's marks) are missing figures, not errors.

Every cell is checked, and every problem is reported with its line, column, value and rule: the cell
holds a number within its unit's range (a percentage lies between 0 and 100; a count is a whole
number), with at most two decimals; the indicator is known; the area or municipality is known; the
year lies within the monitor's range; no figure occurs twice; the shares of one whole (a partition)
add up to at most 100% per place and year, within the partition's rounding margin; and middle
incomes are at least as common as high incomes (the published table of 2025 broke that by swapping
two figures between its columns). Checking needs no query per row: every lookup is loaded once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import NamedTuple

import filetype
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area, Municipality

from .catalogue import MONITOR_CSV
from .models import Indicator, IndicatorPartition, IndicatorScope, IndicatorUnit, place_key

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
CSV, XLSX = "csv", "xlsx"
FIRST_YEAR = 2018  # the programme's baseline: the monitor starts in 2018

MISSING_MARKS = frozenset({"", "-", "–", "—", "n.v.t.", "n.v.t", "nvt", "n.b.", "nb", ".", "x", "?"})
HUNDRED = Decimal("100")
ZERO = Decimal("0")
CENT = Decimal("0.01")
LIMIT = Decimal("10000000000")  # the field holds twelve digits, two of them decimals

# Cross-row rules: the first indicator's share is at least the second's, per place and year.
AT_LEAST = [("inkomen_midden", "inkomen_hoog")]

CODE_COLUMNS = ("indicator_code", "indicatorcode", "code", "indicator")
YEAR_COLUMNS = ("jaar", "year")
AREA_COLUMNS = ("gebied", "area")
MUNICIPALITY_COLUMNS = ("gemeente", "municipality", "gemeentecode")
LEVEL_COLUMNS = ("niveau", "scope")
VALUE_COLUMNS = {
    "waarde": None,
    "value": None,
    "gem_nplv_pct": IndicatorScope.NPLV,
    "nplv": IndicatorScope.NPLV,
    "gemiddelde_nplv": IndicatorScope.NPLV,
    "gem_nl_pct": IndicatorScope.NATIONAL,
    "nl": IndicatorScope.NATIONAL,
    "gemiddelde_nl": IndicatorScope.NATIONAL,
    "nederland": IndicatorScope.NATIONAL,
}
LEVELS = {
    "gebied": IndicatorScope.AREA,
    "area": IndicatorScope.AREA,
    "gemeente": IndicatorScope.MUNICIPALITY,
    "municipality": IndicatorScope.MUNICIPALITY,
    "nplv": IndicatorScope.NPLV,
    "gemiddelde nplv": IndicatorScope.NPLV,
    "nl": IndicatorScope.NATIONAL,
    "nederland": IndicatorScope.NATIONAL,
    "national": IndicatorScope.NATIONAL,
    "gemiddelde nederland": IndicatorScope.NATIONAL,
}
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def last_year() -> int:
    return timezone.localdate().year


# ---------------------------------------------------------------------------------------------
# Problems and figures


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    value: str
    rule: str
    code: str
    indicator_id: int | None = None
    place: str = ""
    year: int | None = None

    def __str__(self) -> str:
        return _("regel %(line)s, kolom %(column)s, waarde ‘%(value)s’: %(rule)s") % {
            "line": self.line,
            "column": self.column or "–",
            "value": self.value,
            "rule": self.rule,
        }


class Figure(NamedTuple):
    line: int
    column: int
    indicator_id: int
    scope: str
    area_id: int | None
    municipality_id: int | None
    place: str
    year: int
    value: Decimal


@dataclass
class Validation:
    """What a file holds and what is wrong with it. `refused` are the (line, column index) cells."""

    file_format: str = CSV
    rows: int = 0
    figures: int = 0
    missing: int = 0
    problems: list[Problem] = field(default_factory=list)
    refused: set[tuple[int, int]] = field(default_factory=set)
    bad_lines: set[int] = field(default_factory=set)

    @property
    def bad_rows(self) -> int:
        return len(self.bad_lines)

    @property
    def refused_figures(self) -> int:
        return len(self.refused)

    @property
    def is_clean(self) -> bool:
        return not self.problems


# ---------------------------------------------------------------------------------------------
# The file: size, type by content, rows


def sniff_format(data: bytes, name: str = "") -> str:
    """'csv' or 'xlsx', read from the content; anything else is refused with the upload rule."""
    label = PurePath(name or "").name
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return XLSX
        except zipfile.BadZipFile:
            pass
        raise ValidationError(
            _("Uploadregel: ‘%(name)s’ is een zip-bestand maar geen Excel-werkmap (.xlsx).") % {"name": label},
            code="upload_type",
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            _("Uploadregel: ‘%(name)s’ is een oud Excel-bestand (.xls); sla het op als .xlsx of als CSV.")
            % {"name": label},
            code="upload_type",
        )
    guess = filetype.guess(data[:262])
    if guess is not None or b"\x00" in data[:8192]:
        raise ValidationError(
            _("Uploadregel: alleen CSV of Excel (.xlsx) is toegestaan; de inhoud van ‘%(name)s’ is %(kind)s.")
            % {"name": label, "kind": guess.mime if guess is not None else _("binair")},
            code="upload_type",
        )
    try:
        text = data[:65536].decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as error:
        if error.start < 65536 - 4:  # not just a character cut in half at the edge of the sample
            raise ValidationError(
                _("Uploadregel: de tekst van ‘%(name)s’ is geen UTF-8; sla het op als ‘CSV UTF-8’.") % {"name": label},
                code="upload_encoding",
            ) from error
        text = data[: error.start].decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    if not any(separator in first_line for separator in ",;\t"):
        raise ValidationError(
            _("Uploadregel: ‘%(name)s’ is geen CSV: de eerste regel heeft geen kolommen gescheiden door , of ;.")
            % {"name": label},
            code="upload_type",
        )
    return CSV


def check_upload(data: bytes, name: str = "") -> str:
    """Refuse files over 10 MB and files that are not CSV or .xlsx by content; return the format."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Uploadregel: een importbestand is hoogstens 10 MB; dit bestand is %(size)s MB.")
            % {"size": f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")},
            code="upload_too_large",
        )
    if not data.strip():
        raise ValidationError(_("Uploadregel: het bestand is leeg."), code="upload_empty")
    return sniff_format(data, name)


def read_rows(data: bytes, file_format: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The header and an iterator of (line number, cells). Rows are read one at a time."""
    if file_format == XLSX:
        return _xlsx_rows(data)
    first_line = data[:4096].split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    delimiter = max(";,\t", key=first_line.count)
    # Decoded while read, not as a whole: memory stays flat in the size of the file.
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""), delimiter=delimiter)

    def fail(error):
        raise ValidationError(
            _("Uploadregel: de tekst is geen UTF-8; sla het op als ‘CSV UTF-8’."), code="upload_encoding"
        ) from error

    try:
        header = next(reader, [])
    except UnicodeDecodeError as error:
        fail(error)

    def rows():
        try:
            for cells in reader:
                yield reader.line_num, cells
        except UnicodeDecodeError as error:
            fail(error)

    return header, rows()


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ValidationError(
            _("Uploadregel: de Excel-werkmap kan niet worden gelezen."), code="upload_type"
        ) from error
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    header = [("" if cell is None else str(cell)) for cell in next(iterator, ())]

    def rows():
        try:
            for number, cells in enumerate(iterator, start=2):
                yield number, list(cells)
        finally:
            workbook.close()

    return header, rows()


# ---------------------------------------------------------------------------------------------
# Cells


def parse_number(raw) -> Decimal | None:
    """A Decimal, or None for a missing figure; ValueError for anything else.

    Accepts a decimal point or a decimal comma; when both occur, the last one is the decimal mark and
    the other separates thousands ("1.234,5" and "1,234.5" are both 1234.5).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError(raw)
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        return raw
    text = str(raw).strip()
    if text.lower() in MISSING_MARKS:
        return None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    if not PLAIN_NUMBER.match(text):
        text = text.replace("\u00a0", "").replace(" ", "").rstrip("%")
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        if not PLAIN_NUMBER.match(text):
            raise ValueError(raw)
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(raw) from error


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def check_partition(shares: list[Decimal], tolerance: Decimal) -> Decimal | None:
    """The total of the shares of one whole if it exceeds 100% plus the margin, else None."""
    total = sum(shares, ZERO)
    return total if total > HUNDRED + tolerance else None


def unit_rule(unit: str, value: Decimal) -> str | None:
    """The rule of the unit that `value` breaks, if any."""
    if abs(value) >= LIMIT:
        return _("Bereikregel: een cijfer is kleiner dan 10 miljard.")
    if value.as_tuple().exponent < -2 and value != value.quantize(CENT):
        return _("Decimalenregel: een cijfer heeft hoogstens twee decimalen.")
    if unit == IndicatorUnit.PERCENTAGE and not ZERO <= value <= HUNDRED:
        return _("Bereikregel: een percentage ligt tussen 0 en 100.")
    if unit == IndicatorUnit.COUNT and (value < 0 or value != value.to_integral_value()):
        return _("Bereikregel: een aantal is een geheel getal van 0 of meer.")
    if unit == IndicatorUnit.EURO and value < 0:
        return _("Bereikregel: een bedrag in euro is 0 of meer.")
    return None


# ---------------------------------------------------------------------------------------------
# Lookups, loaded once per file


class IndicatorInfo(NamedTuple):
    id: int
    code: str
    unit: str
    partition_id: int | None


@dataclass
class Catalogue:
    indicators: dict[str, IndicatorInfo]
    partitions: dict[int, tuple[str, Decimal]]
    areas: dict[str, int | None]  # by lower-case name, slug and CBS code; None: ambiguous
    area_names: dict[int, str]
    municipalities: dict[str, int]
    municipality_names: dict[int, str]

    @classmethod
    def load(cls) -> Catalogue:
        indicators = {
            code.lower(): IndicatorInfo(pk, code, unit, partition_id)
            for pk, code, unit, partition_id in Indicator.objects.values_list("pk", "code", "unit", "partition_id")
        }
        partitions = {
            pk: (name, tolerance)
            for pk, name, tolerance in IndicatorPartition.objects.values_list("pk", "name", "tolerance")
        }
        areas: dict[str, int | None] = {}
        area_names = {}
        by_municipality_code: dict[str, list[int]] = defaultdict(list)
        for pk, name, slug, cbs_code in Area.objects.values_list("pk", "name", "slug", "municipality__cbs_code"):
            areas[name.strip().lower()] = pk
            areas[slug.lower()] = pk
            area_names[pk] = name
            by_municipality_code[cbs_code.lower()].append(pk)
        for code, pks in by_municipality_code.items():
            # A municipality's CBS code names an area only where the municipality has exactly one.
            areas.setdefault(code, pks[0] if len(pks) == 1 else None)
        municipalities = {}
        municipality_names = {}
        for pk, name, cbs_code in Municipality.objects.values_list("pk", "name", "cbs_code"):
            municipalities[name.strip().lower()] = pk
            municipalities[cbs_code.lower()] = pk
            municipality_names[pk] = name
        return cls(indicators, partitions, areas, area_names, municipalities, municipality_names)

    def place_label(self, place: str) -> str:
        if place.startswith("a"):
            return self.area_names.get(int(place[1:]), place)
        if place.startswith("m"):
            return self.municipality_names.get(int(place[1:]), place)
        return str(IndicatorScope(place).label)


# ---------------------------------------------------------------------------------------------
# Checking


def _normal(name) -> str:
    return str(name or "").strip().lstrip("\ufeff").lower().replace(" ", "_")


class _Columns:
    def __init__(self, header: list[str]):
        normal = [_normal(name) for name in header]
        self.names = [str(name or "").strip().lstrip("\ufeff") for name in header]

        def find(candidates):
            for candidate in candidates:
                if candidate in normal:
                    return normal.index(candidate)
            return None

        self.code = find(CODE_COLUMNS)
        self.year = find(YEAR_COLUMNS)
        self.area = find(AREA_COLUMNS)
        self.municipality = find(MUNICIPALITY_COLUMNS)
        self.level = find(LEVEL_COLUMNS)
        self.values = [(index, VALUE_COLUMNS[name]) for index, name in enumerate(normal) if name in VALUE_COLUMNS]

    def missing(self) -> list[str]:
        needed = []
        if self.code is None:
            needed.append("indicator_code")
        if self.year is None:
            needed.append("jaar")
        if not self.values:
            needed.append(_("waarde (of gem_nplv_pct / gem_nl_pct)"))
        return needed


class Checker:
    """Checks the rows of one file against the catalogue. One instance per pass over a file.

    The columns that repeat from row to row (indicator, year, place) are resolved once per distinct
    text and remembered, so a row costs a few dictionary lookups and the parsing of its figures.
    """

    def __init__(self, catalogue: Catalogue, columns: _Columns, *, area_id: int | None = None):
        self.catalogue = catalogue
        self.columns = columns
        self.area_id = area_id  # a programme bureau's import: only this area's figures
        self.first_year, self.last_year = FIRST_YEAR, last_year()
        self._indicators: dict[str, tuple] = {}
        self._years: dict[object, tuple] = {}
        self._places: dict[tuple, tuple] = {}

    def _indicator(self, raw) -> tuple[IndicatorInfo | None, tuple | None]:
        """The indicator, or the problem (column, value, rule, code) without its line."""
        try:
            return self._indicators[raw]
        except (KeyError, TypeError):
            pass
        text = _text(raw)
        info = self.catalogue.indicators.get(text.lower())
        problem = None
        if info is None:
            rule = (
                _("Indicatorregel: de indicator is onbekend; alleen indicatoren uit de catalogus worden geladen.")
                if text
                else _("Indicatorregel: elke rij noemt een indicator.")
            )
            problem = (self.columns.names[self.columns.code], text, rule, "indicator")
        result = (info, problem)
        if isinstance(raw, str | int | float | type(None)):
            self._indicators[raw] = result
        return result

    def _year(self, raw) -> tuple[int | None, tuple | None]:
        try:
            return self._years[raw]
        except (KeyError, TypeError):
            pass
        column = self.columns.names[self.columns.year]
        year, problem = None, None
        try:
            number = parse_number(raw)
            if number is None or number != number.to_integral_value():
                raise ValueError(raw)
            year = int(number)
        except ValueError:
            problem = (column, _text(raw), _("Jaarregel: het jaar is een geheel getal."), "year")
        else:
            if not self.first_year <= year <= self.last_year:
                rule = _("Jaarregel: het jaar ligt binnen de monitor, %(first)s–%(last)s.") % {
                    "first": self.first_year,
                    "last": self.last_year,
                }
                problem = (column, _text(raw), rule, "year")
                year = None
        result = (year, problem)
        if isinstance(raw, str | int | float | type(None)):
            self._years[raw] = result
        return result

    def row(self, line: int, cells: list) -> tuple[list[Figure], list[Problem], int]:
        """The figures of one row, its problems, and the number of missing figures."""
        columns = self.columns
        names = columns.names
        size = len(cells)
        problems: list[Problem] = []
        indicator, problem = self._indicator(cells[columns.code] if columns.code < size else None)
        if problem:
            problems.append(Problem(line, *problem))
        year, problem = self._year(cells[columns.year] if columns.year < size else None)
        if problem:
            problems.append(Problem(line, *problem))
        place_cells = tuple(
            cells[index] if index is not None and index < size else None
            for index in (columns.level, columns.area, columns.municipality)
        )
        row_scope, area_id, municipality_id, place_problems = self._place(place_cells)
        problems.extend(Problem(line, *p) for p in place_problems)
        figures: list[Figure] = []
        missing = 0
        for index, column_scope in columns.values:
            raw = cells[index] if index < size else None
            try:
                value = parse_number(raw)
            except ValueError:
                problems.append(
                    Problem(
                        line,
                        names[index],
                        _text(raw),
                        _("Getalregel: de cel bevat geen getal (leeg, -, n.v.t., . en x gelden als ontbrekend)."),
                        "number",
                    )
                )
                continue
            if value is None:
                missing += 1
                continue
            scope = column_scope or row_scope
            if scope is None:
                problems.append(
                    Problem(
                        line,
                        names[index],
                        _text(raw),
                        _("Plaatsregel: bij een waarde hoort een gebied of een gemeente (of een niveau)."),
                        "place",
                    )
                )
                continue
            cell_area = area_id if scope == IndicatorScope.AREA else None
            cell_municipality = municipality_id if scope == IndicatorScope.MUNICIPALITY else None
            if (scope == IndicatorScope.AREA and cell_area is None) or (
                scope == IndicatorScope.MUNICIPALITY and cell_municipality is None
            ):
                continue  # the unknown place is reported once for the row
            place = place_key(scope, cell_area, cell_municipality)
            if self.area_id is not None and not (scope == IndicatorScope.AREA and cell_area == self.area_id):
                problems.append(
                    Problem(
                        line,
                        names[index],
                        _text(raw),
                        _("Bevoegdheidsregel: een programmabureau laadt alleen cijfers van het eigen gebied."),
                        "permission",
                        indicator.id if indicator else None,
                        place,
                        year,
                    )
                )
                continue
            if indicator is not None:
                rule = unit_rule(indicator.unit, value)
                if rule:
                    problems.append(Problem(line, names[index], _text(raw), rule, "range", indicator.id, place, year))
                    continue
                if year is not None:
                    figures.append(
                        Figure(line, index, indicator.id, scope, cell_area, cell_municipality, place, year, value)
                    )
        return figures, problems, missing

    def _place(self, raw_cells: tuple) -> tuple[str | None, int | None, int | None, tuple]:
        """The scope, area and municipality of a row, and its place problems (without the line)."""
        try:
            return self._places[raw_cells]
        except (KeyError, TypeError):
            pass
        columns, catalogue, names = self.columns, self.catalogue, self.columns.names
        raw_level, raw_area, raw_municipality = (_text(cell) for cell in raw_cells)
        problems = []
        scope = None
        if raw_level:
            scope = LEVELS.get(raw_level.lower())
            if scope is None:
                problems.append(
                    (
                        names[columns.level],
                        raw_level,
                        _("Niveauregel: het niveau is gebied, gemeente, nplv of nl."),
                        "level",
                    )
                )
        else:
            scope = IndicatorScope.AREA if raw_area else IndicatorScope.MUNICIPALITY if raw_municipality else None
        area_id = municipality_id = None
        if scope == IndicatorScope.AREA:
            area_id = catalogue.areas.get(raw_area.lower()) if raw_area else None
            if area_id is None:
                rule = (
                    _("Gebiedsregel: de CBS-code hoort bij een gemeente met meer dan één gebied; noem het gebied.")
                    if raw_area.lower() in catalogue.areas
                    else _("Gebiedsregel: het gebied is onbekend (gebruik de naam, de korte naam of de CBS-code).")
                )
                problems.append((names[columns.area] if columns.area is not None else "gebied", raw_area, rule, "area"))
        elif scope == IndicatorScope.MUNICIPALITY:
            municipality_id = catalogue.municipalities.get(raw_municipality.lower()) if raw_municipality else None
            if municipality_id is None:
                problems.append(
                    (
                        names[columns.municipality] if columns.municipality is not None else "gemeente",
                        raw_municipality,
                        _("Gemeenteregel: de gemeente is onbekend (gebruik de naam of de CBS-code GM….)."),
                        "municipality",
                    )
                )
        result = (scope, area_id, municipality_id, tuple(problems))
        self._places[raw_cells] = result
        return result


def _scan(data: bytes, file_format: str, catalogue: Catalogue, area_id: int | None):
    header, rows = read_rows(data, file_format)
    columns = _Columns(header)
    return columns, Checker(catalogue, columns, area_id=area_id), rows


def validate(
    data: bytes, file_format: str, *, catalogue: Catalogue | None = None, area_id: int | None = None
) -> Validation:
    """Check every row and every cross-row rule; nothing is written. All problems, not the first."""
    catalogue = catalogue or Catalogue.load()
    result = Validation(file_format=file_format)
    columns, checker, rows = _scan(data, file_format, catalogue, area_id)
    missing_columns = columns.missing()
    if missing_columns:
        result.problems.append(
            Problem(
                1,
                "",
                ", ".join(name for name in columns.names if name),
                _("Kolomregel: de kopregel mist %(columns)s.") % {"columns": ", ".join(missing_columns)},
                "header",
            )
        )
        result.bad_lines.add(1)
        return result

    # Compact keys (one int per figure) keep memory low: (indicator, place, year) → line and column.
    first_seen: dict[int, int] = {}
    place_numbers: dict[str, int] = {}
    wholes: dict[tuple[int, str, int], list[Figure]] = defaultdict(list)
    pairs = [(catalogue.indicators.get(a), catalogue.indicators.get(b)) for a, b in AT_LEAST]
    pair_ids = {info.id for pair in pairs for info in pair if info}
    pair_figures: dict[tuple[int, str, int], Figure] = {}
    partition_of = {info.id: info.partition_id for info in catalogue.indicators.values() if info.partition_id}
    problems, refused, bad_lines = result.problems, result.refused, result.bad_lines
    names = columns.names

    for line, cells in rows:
        if not any(cells) and not any(cell not in (None, "") for cell in cells):
            continue
        result.rows += 1
        figures, row_problems, missing = checker.row(line, cells)
        result.missing += missing
        result.figures += len(figures)
        if row_problems:
            problems.extend(row_problems)
            bad_lines.add(line)
            if any(p.code in ("indicator", "year", "area", "municipality", "level") for p in row_problems):
                # The row's figures cannot be placed: every value cell of the row is refused.
                refused.update((line, index) for index, _scope in columns.values)
                result.figures -= len(figures)
                continue
            refused.update((line, columns.names.index(p.column)) for p in row_problems if p.column in names)
        for figure in figures:
            place_number = place_numbers.setdefault(figure.place, len(place_numbers))
            compact = (((figure.indicator_id << 24) + place_number) << 12) + figure.year
            packed = first_seen.get(compact)
            if packed is not None:
                key = (figure.indicator_id, figure.place, figure.year)
                earlier = divmod(packed, 4096)
                rule = _("Dubbelregel: regel %(line)s heeft al een cijfer voor deze indicator, plaats en jaar.")
                problems.append(
                    Problem(
                        line, names[figure.column], str(figure.value), rule % {"line": earlier[0]}, "duplicate", *key
                    )
                )
                refused.add((line, figure.column))
                bad_lines.add(line)
                if earlier not in refused:
                    rule = _("Dubbelregel: regel %(line)s geeft nog een cijfer voor deze indicator, plaats en jaar.")
                    problems.append(
                        Problem(earlier[0], names[earlier[1]], "", rule % {"line": line}, "duplicate", *key)
                    )
                    refused.add(earlier)
                    bad_lines.add(earlier[0])
                continue
            first_seen[compact] = line * 4096 + figure.column
            partition_id = partition_of.get(figure.indicator_id)
            if partition_id:
                wholes[(partition_id, figure.place, figure.year)].append(figure)
            if figure.indicator_id in pair_ids:
                pair_figures[(figure.indicator_id, figure.place, figure.year)] = figure

    for (partition_id, place, year), parts in wholes.items():
        parts = [part for part in parts if (part.line, part.column) not in refused]
        name, tolerance = catalogue.partitions[partition_id]
        total = check_partition([part.value for part in parts], tolerance)
        if total is None:
            continue
        rule = _(
            "Verdelingsregel: de delen van %(whole)s tellen in %(year)s voor %(place)s op tot %(total)s%%, "
            "meer dan 100%% (afrondingsmarge %(tolerance)s)."
        ) % {"whole": name, "year": year, "place": catalogue.place_label(place), "total": total, "tolerance": tolerance}
        for part in parts:
            problems.append(
                Problem(
                    part.line, names[part.column], str(part.value), rule, "partition", part.indicator_id, place, year
                )
            )
            refused.add((part.line, part.column))
            bad_lines.add(part.line)

    for high_info, low_info in pairs:
        if high_info is None or low_info is None:
            continue
        for (indicator_id, place, year), high in list(pair_figures.items()):
            if indicator_id != high_info.id:
                continue
            low = pair_figures.get((low_info.id, place, year))
            if low is None or (high.line, high.column) in refused or (low.line, low.column) in refused:
                continue
            if high.value < low.value:
                rule = _(
                    "Inkomensregel: in %(year)s heeft %(place)s minder middeninkomens (%(middle)s%%) dan hoge "
                    "inkomens (%(high)s%%); de cijfers zijn waarschijnlijk verwisseld."
                ) % {"year": year, "place": catalogue.place_label(place), "middle": high.value, "high": low.value}
                for figure in (high, low):
                    problems.append(
                        Problem(
                            figure.line,
                            names[figure.column],
                            str(figure.value),
                            rule,
                            "order",
                            figure.indicator_id,
                            place,
                            year,
                        )
                    )
                    refused.add((figure.line, figure.column))
                    bad_lines.add(figure.line)

    problems.sort(key=lambda p: (p.line, names.index(p.column) if p.column in names else -1))
    return result


def good_figures(
    data: bytes, file_format: str, validation: Validation, *, catalogue: Catalogue, area_id: int | None = None
) -> Iterator[Figure]:
    """A second pass over the file: every figure that no rule refused, one at a time."""
    _columns, checker, rows = _scan(data, file_format, catalogue, area_id)
    refused = validation.refused
    for line, cells in rows:
        if not any(cells) and not any(cell not in (None, "") for cell in cells):
            continue
        figures, _problems, _missing = checker.row(line, cells)
        for figure in figures:
            if (figure.line, figure.column) not in refused:
                yield figure


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------
# The published monitor, as reference data


@dataclass
class MonitorReport:
    loaded: int = 0
    unchanged: int = 0
    blank: int = 0
    refused: list[Problem] = field(default_factory=list)


def monitor_import(*, path: Path = MONITOR_CSV) -> MonitorReport:
    """Load the published monitor (reference data): the catalogue, then every figure no rule refuses.

    The published table has two known errors; their figures are refused and recorded as such (the
    dashboards show them as refused), the rest is loaded. Idempotent: an unchanged file loaded
    before adds no new import run.
    """
    from .catalogue import catalogue_load
    from .services import import_reference

    catalogue_load(path=path)
    return import_reference(data=path.read_bytes(), name=path.name)
