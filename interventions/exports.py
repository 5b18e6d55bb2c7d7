"""CSV and Excel exports of the area overview: one row per intervention, then the totals.

Rows are read with `iterator()` and written one by one by the shared `core.exports` helper (CSV
streamed, Excel in openpyxl's write-only mode into a temporary file), so memory does not grow with the
number of interventions.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports

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
            i.theme_name or "",
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


def export_response(*, fmt: str, interventions, overview: dict):
    """The overview as `interventies-<date>.csv` or `.xlsx`: one row per intervention, then the totals."""
    return exports.export_response(
        fmt=fmt,
        filename=f"interventies-{timezone.localdate():%Y-%m-%d}",
        header=headers(),
        rows=rows(interventions),
        totals=[totals_row(overview)],
        title=_("Interventies"),
    )
