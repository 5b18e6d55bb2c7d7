"""CSV and Excel downloads of lists: rows are written one by one, so memory does not grow with the list."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

CSV, XLSX = "csv", "xlsx"


class _Echo:
    def write(self, value):
        return value


def _csv_rows(header: Sequence[str], rows: Iterable[Sequence]):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # Excel recognises UTF-8 by the byte-order mark
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(["" if value is None else value for value in row])


def export_response(*, fmt: str, filename: str, header: Sequence[str], rows: Iterable[Sequence], title: str = ""):
    """A download of `rows` as CSV (streamed) or Excel (a write-only workbook, row by row)."""
    header = [str(column) for column in header]  # lazy translations, in the language of this request
    if fmt == CSV:
        response = StreamingHttpResponse(_csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if fmt == XLSX:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(title or filename)[:31])
        sheet.append(list(header))
        for row in rows:
            sheet.append(["" if value is None else value for value in row])
        return workbook_response(workbook, filename=filename)
    raise Http404


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


MEMBER_HEADER = [
    _("Naam"),
    _("Organisatie"),
    _("Rol"),
    _("Burgemeester"),
    _("Rang"),
    _("Ministerie"),
    _("Vanaf"),
    _("Tot en met"),
    _("E-mail"),
    _("Telefoon"),
]


def member_rows(memberships, *, with_contacts: bool):
    for m in memberships.iterator(chunk_size=500):
        yield [
            m.person.name,
            m.organisation.name if m.organisation_id else "",
            str(m.get_role_display()),
            gettext("ja") if m.is_mayor else "",
            str(m.get_rank_display()) if m.rank else "",
            m.ministry,
            m.start_date,
            m.end_date,
            m.person.email if with_contacts else "",
            m.person.phone if with_contacts else "",
        ]


BOTTLENECK_HEADER = [
    _("Gebied"),
    _("Titel"),
    _("Wet of regeling"),
    _("Actielijn"),
    _("Status"),
    _("Eigenaar"),
    _("Gesignaleerd op"),
    _("Omschrijving"),
    _("Oplossing"),
]


def bottleneck_rows(bottlenecks):
    for b in bottlenecks.iterator(chunk_size=500):
        yield [
            b.area.name,
            b.title,
            b.regulation,
            str(b.action_line),
            str(b.get_status_display()),
            b.owner.person.name if b.owner_id else "",
            b.signalled_on,
            b.description,
            b.resolution,
        ]
