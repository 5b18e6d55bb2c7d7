"""The national home's signals: per area what needs attention, in one query whatever the number of areas.

Per area: the status of its latest application, granted / paid / spent, the last meeting, the open
bottlenecks and how long the oldest has been open, and what is overdue (unanswered questions past
their deadline). Sortable by a whitelist of columns, and exported with the same columns.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import OPEN_BOTTLENECK_STATUSES, Bottleneck, Meeting
from areas.models import Area
from core.money import cents
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    InformationRequest,
    Payment,
    SpendingLine,
    SpendingReportStatus,
)

MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)

# Sort key in the URL → the ordering; every one ends with the name so the order is stable.
SORTS = {
    "name": ("name",),
    "status": ("latest_status", "name"),
    "granted": ("granted", "name"),
    "paid": ("paid", "name"),
    "spent": ("spent", "name"),
    "last_meeting": ("last_meeting", "name"),
    "open_bottlenecks": ("open_bottlenecks", "name"),
    "oldest_bottleneck": ("oldest_bottleneck", "name"),
    "overdue": ("overdue", "name"),
}
DEFAULT_SORT = "-overdue"


def _sum(qs: QuerySet, field: str):
    return Coalesce(
        Subquery(qs.order_by().values(group=Value(1)).annotate(total=Sum(field)).values("total")[:1]),
        Value(Decimal("0")),
        output_field=MONEY_FIELD,
    )


def _count(qs: QuerySet):
    return Coalesce(
        Subquery(qs.order_by().values(group=Value(1)).annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def _ordering(sort: str) -> tuple[str, list]:
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = DEFAULT_SORT, DEFAULT_SORT.lstrip("-")
    descending = sort.startswith("-")
    fields = SORTS[key]
    first = F(fields[0]).desc(nulls_last=True) if descending else F(fields[0]).asc(nulls_last=True)
    return sort, [first, *fields[1:], "pk"]


def area_signals(*, user, sort: str = DEFAULT_SORT) -> tuple[str, QuerySet[Area]]:
    """The real areas the user sees, each with its signals; returns the sort actually used and the rows."""
    today = timezone.localdate()
    area = OuterRef("pk")
    latest = Application.objects.filter(area=area).order_by("-created_at", "-pk")
    decided = [ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED]
    spent_statuses = [SpendingReportStatus.SUBMITTED, SpendingReportStatus.ACCEPTED]
    open_bottlenecks = Bottleneck.objects.filter(area=area, status__in=OPEN_BOTTLENECK_STATUSES)
    overdue = InformationRequest.objects.filter(
        application__area=area,
        answered_at__isnull=True,
        application__status=ApplicationStatus.INFO_REQUESTED,
        deadline__lt=today,
    )
    rows = (
        Area.objects.visible_to(user)
        .filter(is_synthetic=False)
        .select_related("municipality")
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_reference=Subquery(latest.values("reference")[:1]),
            latest_pk=Subquery(latest.values("pk")[:1]),
            granted=_sum(
                ApplicationLine.objects.filter(application__area=area, application__status__in=decided),
                "granted_amount",
            ),
            paid=_sum(Payment.objects.filter(grant_decision__application__area=area, paid_on__isnull=False), "amount"),
            spent=_sum(
                SpendingLine.objects.filter(report__application__area=area, report__status__in=spent_statuses),
                "amount",
            ),
            last_meeting=Subquery(
                Meeting.objects.filter(alliance__area=area, date__lte=today).order_by("-date").values("date")[:1]
            ),
            open_bottlenecks=_count(open_bottlenecks),
            oldest_bottleneck=Subquery(open_bottlenecks.order_by("signalled_on").values("signalled_on")[:1]),
            overdue=_count(overdue),
        )
    )
    sort, ordering = _ordering(sort)
    return sort, rows.order_by(*ordering)


def status_label(value: str | None) -> str:
    return ApplicationStatus(value).label if value else ""


def age_in_days(day, today=None) -> int | None:
    if day is None:
        return None
    return ((today or timezone.localdate()) - day).days


EXPORT_COLUMNS = [
    (_("Gebied"), lambda a: a.name),
    (_("Gemeente"), lambda a: a.municipality.name),
    (_("Laatste aanvraag"), lambda a: a.latest_reference or ""),
    (_("Status aanvraag"), lambda a: status_label(a.latest_status)),
    (_("Toegekend (€)"), lambda a: cents(a.granted)),
    (_("Betaald (€)"), lambda a: cents(a.paid)),
    (_("Besteed (€)"), lambda a: cents(a.spent)),
    (_("Laatste overleg"), lambda a: a.last_meeting),
    (_("Open knelpunten"), lambda a: a.open_bottlenecks),
    (_("Oudste open knelpunt (dagen)"), lambda a: age_in_days(a.oldest_bottleneck)),
    (_("Te laat"), lambda a: a.overdue),
]
