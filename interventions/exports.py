"""CSV and Excel exports of the area overview: one row per intervention, then the totals.

The rows come from one query of plain values (`values_list`, read with `iterator()`) with the labels
joined: area name, action line number, SPUK theme, lead organisation. The money per intervention (the
SPUK lines the user may see, other funding) is summed in one grouped query each and merged by id, not
in subqueries per row; status and evidence labels are translated once per export. The shared
`core.exports` helper writes the rows one by one (CSV streamed, Excel in openpyxl's write-only mode into
a temporary file).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports

from .extensions import funding_provider
from .models import EvidenceLevel, InterventionStatus, OtherFunding
from .selectors import cents

CHUNK = 500
NO_MONEY = Decimal("0.00")
NO_SPUK = (NO_MONEY, NO_MONEY)

# The columns read from the database, in the order of the export (`theme_name` is annotated by the
# funding provider, see `interventions.extensions`).
FIELDS = (
    "pk",
    "area__name",
    "title",
    "action_line__number",
    "theme_name",
    "status",
    "target_group",
    "age_min",
    "age_max",
    "lead_organisation__name",
    "start_date",
    "end_date",
    "evidence_level",
    "planned_budget",
)


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


class Totals:
    """The list's count, planned budget and other funding, added up while its rows stream past."""

    def __init__(self):
        self.count = 0
        self.planned_budget = NO_MONEY
        self.other_funding = NO_MONEY


def rows(interventions, *, user, totals: Totals | None = None) -> Iterator[list]:
    """One row per intervention of `interventions` (filtered and ordered as the overview), in three
    queries whatever the number of rows; `totals`, if given, adds them up."""
    totals = totals or Totals()
    scope = interventions.order_by().values("pk")
    spuk = funding_provider().spuk_sums(interventions=interventions, user=user)
    other = dict(
        OtherFunding.objects.filter(intervention__in=scope)
        .order_by()
        .values_list("intervention")
        .annotate(total=Sum("amount"))
    )
    statuses = exports.choice_labels(InterventionStatus.choices)
    evidence = exports.choice_labels(EvidenceLevel.choices)
    values = interventions.values_list(*FIELDS)  # `selectors.intervention_list` annotates `theme_name`
    for (
        pk,
        area,
        title,
        line,
        theme,
        status,
        target_group,
        age_min,
        age_max,
        lead,
        start,
        end,
        level,
        budget,
    ) in values.iterator(chunk_size=CHUNK):
        requested, granted = spuk.get(pk, NO_SPUK)
        budget = cents(budget) if budget is not None else None
        other_funding = cents(other.get(pk))
        totals.count += 1
        totals.planned_budget += budget or NO_MONEY
        totals.other_funding += other_funding
        yield [
            area,
            title,
            line,
            theme or "",
            statuses.get(status, status),
            target_group,
            age_min,
            age_max,
            lead or "",
            start,
            end,
            evidence.get(level, level),
            budget,
            requested,
            granted,
            other_funding,
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


def _totals_rows(interventions, *, user, totals: Totals) -> Iterator[list]:
    """After the rows: their totals, with the SPUK money over the lines `user` may see, each line once
    (as `selectors.area_overview`), in one query."""
    spuk = funding_provider().spuk_totals(interventions=interventions, user=user)
    yield totals_row(
        {
            "count": totals.count,
            "planned_budget": totals.planned_budget,
            "spuk_requested": spuk["requested"],
            "spuk_granted": spuk["granted"],
            "other_funding": totals.other_funding,
        }
    )


def export_response(*, fmt: str, interventions, user):
    """The overview as `interventies-<date>.csv` or `.xlsx`: one row per intervention, then the totals
    (the SPUK money over the lines `user` may see, like the overview)."""
    totals = Totals()
    return exports.export_response(
        fmt=fmt,
        filename=f"interventies-{timezone.localdate():%Y-%m-%d}",
        header=headers(),
        rows=rows(interventions, user=user, totals=totals),
        totals=_totals_rows(interventions, user=user, totals=totals),
        title=_("Interventies"),
    )
