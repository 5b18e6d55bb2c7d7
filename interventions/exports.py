"""CSV and Excel exports of the area overview: one row per intervention, then the totals.

Rows are read with `iterator()` and written one by one (CSV streamed, Excel in openpyxl's write-only
mode into a temporary file), so memory does not grow with the number of interventions.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .selectors import cents

CHUNK = 500


def headers() -> list[str]:
    return [
        _("Gebied"),
        _("Interventie"),
        _("Actielijn"),
        _("SPUK-thema"),
        _("Status"),
        _("Doelgroep"),
        _("Leeftijd vanaf"),
        _("Leeftijd tot en met"),
        _("Trekker"),
        _("Startdatum"),
        _("Einddatum"),
        _("Mate van bewijs"),
        _("Begroting (€)"),
        _("SPUK aangevraagd (€)"),
        _("SPUK toegekend (€)"),
        _("Overige financiering (€)"),
    ]


def rows(interventions) -> Iterator[list]:
    for i in interventions.iterator(chunk_size=CHUNK):
        yield [
            i.area.name,
            i.title,
            i.action_line.number,
            i.theme.name if i.theme_id else "",
            i.get_status_display(),
            i.target_group,
            i.age_min,
            i.age_max,
            i.lead_organisation.name if i.lead_organisation_id else "",
            i.start_date,
            i.end_date,
            i.get_evidence_level_display(),
            cents(i.planned_budget) if i.planned_budget is not None else None,
            cents(i.spuk_requested),
            cents(i.spuk_granted),
            cents(i.other_funding_total),
        ]


def totals_row(overview: dict) -> list:
    return [
        _("Totaal (%(count)s interventies)") % {"count": overview["count"]},
        *[""] * 11,
        overview["planned_budget"],
        overview["spuk_requested"],
        overview["spuk_granted"],
        overview["other_funding"],
    ]


def _filename(ext: str) -> str:
    return f"interventies-{timezone.localdate():%Y-%m-%d}.{ext}"


class _Echo:
    def write(self, value):
        return value


def _csv_value(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if value is None:
        return ""
    return value


def csv_response(*, interventions, overview: dict) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")

    def stream():
        yield "\ufeff"  # so that Excel opens the UTF-8 file with the right characters
        yield writer.writerow(headers())
        for row in rows(interventions):
            yield writer.writerow([_csv_value(v) for v in row])
        yield writer.writerow([_csv_value(v) for v in totals_row(overview)])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(*, interventions, overview: dict) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Interventies"))
    sheet.append(headers())
    for row in rows(interventions):
        sheet.append(row)
    sheet.append(totals_row(overview))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
