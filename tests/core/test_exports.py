"""The one CSV / Excel download helper that every app's list exports go through."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from core.exports import export_response

HEADER = [gettext_lazy("Naam"), "Bedrag (€)", "Datum"]


def rows():
    yield ["Één", Decimal("1200.5"), date(2026, 1, 31)]
    yield ["Twee; met puntkomma", None, None]


def test_csv_is_streamed_with_bom_semicolons_cents_and_totals():
    """CSV streams a byte-order mark, `;`-separated cells, amounts in cents, empty cells for None, then totals."""
    response = export_response(
        fmt="csv", filename="lijst", header=HEADER, rows=rows(), totals=[["Totaal", Decimal("1200.50"), ""]]
    )
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith("\ufeffNaam;Bedrag (€);Datum")
    parsed = list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    assert parsed[1] == ["Één", "1200.50", "2026-01-31"]
    assert parsed[2] == ["Twee; met puntkomma", "", ""]
    assert parsed[3] == ["Totaal", "1200.50", ""]


def test_excel_is_a_write_only_workbook_from_a_temporary_file_with_totals():
    """Excel keeps numbers and dates as such, leaves None cells empty and appends the totals rows."""
    response = export_response(
        fmt="xlsx", filename="lijst", header=HEADER, rows=rows(), title="Lijst", totals=[["Totaal", 1, None]]
    )
    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="lijst.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Lijst"]
    values = list(workbook.active.values)
    assert values[0] == ("Naam", "Bedrag (€)", "Datum")
    assert values[1][0] == "Één" and values[1][1] == 1200.5 and values[1][2].date() == date(2026, 1, 31)
    assert values[2] == ("Twee; met puntkomma", None, None)
    assert values[3] == ("Totaal", 1, None)


def test_unknown_format_is_a_404():
    """The format comes from the URL, so anything but csv or xlsx is a page that does not exist."""
    with pytest.raises(Http404):
        export_response(fmt="pdf", filename="lijst", header=HEADER, rows=rows())


FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@SUM(1)", "\tTAB", "\rCR"]


def formula_rows():
    yield [*FORMULAS, Decimal("-12.50"), 7, date(2026, 1, 1)]


def test_csv_neutralises_formulas_and_keeps_numbers():
    """Every text cell starting with = + - @ tab or CR gets a leading apostrophe; numbers stay numbers."""
    response = export_response(fmt="csv", filename="x", header=["=kop", "b"], rows=formula_rows())
    raw = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    parsed = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
    assert parsed[0][0] == "'=kop"
    assert parsed[1][:6] == ["'" + value for value in FORMULAS]
    assert parsed[1][6:] == ["-12.50", "7", "2026-01-01"]


def test_excel_neutralises_formulas_and_keeps_numbers():
    """Excel gets the formula-like text as text (with an apostrophe), not as a live formula."""
    response = export_response(fmt="xlsx", filename="x", header=["=kop"], rows=formula_rows())
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = list(workbook.active.iter_rows(min_row=2, values_only=False))[0]
    # XML stores a carriage return as a line feed; what matters is the apostrophe in front.
    assert [cell.value for cell in cells[:6]] == ["'" + value.replace("\r", "\n") for value in FORMULAS]
    assert all(cell.data_type == "s" for cell in cells[:6])
    assert cells[6].value == -12.5 and cells[7].value == 7


def test_safe_workbook_neutralises_hand_built_sheets():
    """A workbook built by hand (the admin's person export) neutralises the same way."""
    from core.exports import SafeWorkbook, workbook_response

    workbook = SafeWorkbook()
    workbook.create_sheet("a").append(["=1+1", 3])
    response = workbook_response(workbook, filename="x")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["a"]
    assert [c.value for c in next(sheet.iter_rows())] == ["'=1+1", 3]
