"""Reading a register that a bureau keeps in Excel: one workbook, one header row, one row per record.

The importers of the intervention register and the member list check each row their own way; what
they share is here: the file must be a workbook, the header must match the template (in Dutch), blank
rows are skipped, and a file may hold at most `max_rows` rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook


def register_rows(upload, *, names: Sequence[str], titles: Sequence[str], max_rows: int) -> Iterator[tuple[int, dict]]:
    """Yield (line number, {column name: cell value}) for every non-blank row under the header."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("Dit is geen Excel-bestand (.xlsx).")) from exc
    count = 0
    for number, values in enumerate(workbook.active.iter_rows(values_only=True), start=1):
        if number == 1:
            if [str(v or "").strip() for v in values[: len(titles)]] != list(titles):
                raise ValidationError(
                    _("De kolommen kloppen niet met het sjabloon. Verwacht: %(columns)s.")
                    % {"columns": ", ".join(titles)}
                )
            continue
        if not any(v not in (None, "") for v in values):
            continue
        count += 1
        if count > max_rows:
            raise ValidationError(_("Hoogstens %(n)s rijen per import.") % {"n": max_rows})
        yield number, dict(zip(names, list(values) + [None] * len(names), strict=False))
