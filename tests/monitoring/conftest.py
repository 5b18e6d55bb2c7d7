"""Fixtures for the monitor: private media of the test's own, files to import."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from monitoring.catalogue import MONITOR_CSV


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded import files are written to a private folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "private"


def csv_bytes(rows: list[list], *, delimiter: str = ",", bom: bool = False) -> bytes:
    text = "\n".join(delimiter.join(str(cell) for cell in row) for row in rows) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def published_corrected() -> bytes:
    """The published monitor with its two known errors corrected."""
    lines = MONITOR_CSV.read_text(encoding="utf-8").splitlines()
    fixed = []
    for line in lines:
        if line.startswith("schooladvies_havo_vwo,") and ",2024," in line:
            line = line.replace(",1500.00", ",15.00")
        if line.startswith("inkomen_midden,") and ",2022," in line:
            line = line.replace(",48.67,9.39", ",48.67,52.16")
        if line.startswith("inkomen_hoog,") and ",2022," in line:
            line = line.replace(",52.16,18.88", ",9.39,18.88")
        fixed.append(line)
    return ("\n".join(fixed) + "\n").encode("utf-8")
