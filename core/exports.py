"""CSV and Excel downloads of lists, for every app: rows are written one by one, so memory does not grow
with the list. CSV is streamed (UTF-8 with a byte-order mark, `;` as separator, as Dutch Excel expects);
Excel is an openpyxl write-only workbook saved to a temporary file on disk and streamed from there.

Every text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab
or a carriage return) gets a leading apostrophe, so that a title like `=cmd|' /C calc'!A0` opens as
text (OWASP "CSV injection"). Numbers and dates stay numbers and dates. A workbook built by hand uses
`SafeWorkbook`, whose sheets neutralise the same way.
"""

from __future__ import annotations

import csv
import itertools
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook

CSV, XLSX = "csv", "xlsx"
FORMATS = (CSV, XLSX)


def choice_labels(choices) -> dict:
    """A model's choices as {value: label}, translated once per export instead of once per cell."""
    return {value: str(label) for value, label in choices}


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return neutralise(value)


# Rows are plain values (a database row, a list): only text can hold a formula, so a cell that is
# exactly `str` is checked in place and an `int` or None goes through as it is (csv writes None as an
# empty cell, openpyxl leaves it out); anything else (Decimal, date, lazy text, a str subclass) takes
# the general path. No function call per plain cell: this is the inner loop of every export.
def _csv_row(row: Sequence) -> list:
    return [
        ("'" + v if v.startswith(FORMULA_TRIGGERS) else v)
        if type(v) is str
        else (v if v is None or type(v) is int else _csv_cell(v))
        for v in row
    ]


def _excel_row(row: Sequence) -> list:
    return [
        ("'" + v if v.startswith(FORMULA_TRIGGERS) else v)
        if type(v) is str
        else (v if v is None or type(v) is int else neutralise(v))
        for v in row
    ]


CSV_CHUNK_ROWS = 250  # rows per streamed chunk: a response chunk per row costs more than the row itself


class _Lines(list):
    """A file-like object for csv.writer that keeps the written lines, to be joined into one chunk."""

    write = list.append


def _csv_lines(header: Sequence, rows: Iterable[Sequence]):
    lines = _Lines()
    writer = csv.writer(lines, delimiter=";")
    writerow = writer.writerow
    lines.append("\ufeff")  # Excel recognises UTF-8 (the euro sign, accents) by the byte-order mark
    writerow([_csv_cell(value) for value in header])
    for number, row in enumerate(rows, 1):
        writerow(_csv_row(row))
        if number % CSV_CHUNK_ROWS == 0:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def export_response(
    *,
    fmt: str,
    filename: str,
    header: Sequence,
    rows: Iterable[Sequence],
    title: str = "",
    totals: Iterable[Sequence] = (),
):
    """A download of `rows` (then the `totals` rows, if any) as `<filename>.csv` or `<filename>.xlsx`.

    `rows` may be a generator over `queryset.iterator()`: it is read once, row by row. An unknown format
    is a 404, so the format can come straight from the URL.
    """
    if fmt not in FORMATS:
        raise Http404
    rows = itertools.chain(rows, totals)
    if fmt == CSV:
        response = StreamingHttpResponse(_csv_lines(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title or filename)[:31])
    append = sheet.append
    append([neutralise(value) for value in header])
    for row in rows:
        append(_excel_row(row))
    return workbook_response(workbook, filename=filename)


class SafeWorkbook(Workbook):
    """A write-only workbook whose sheets neutralise formula-like text in every appended row."""

    def __init__(self):
        super().__init__(write_only=True)

    def create_sheet(self, title=None, index=None):
        sheet = super().create_sheet(title=title, index=index)
        append = sheet.append
        sheet.append = lambda row: append(_excel_row(row))
        return sheet


def workbook_response(workbook: Workbook, *, filename: str) -> FileResponse:
    """Save to a temporary file (on disk, not in memory) and stream it; the response closes the file."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
