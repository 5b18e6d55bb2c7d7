"""Reads for schemes, ceilings and applications. Every read starts from what the user may see.

Money is summed in the database; nothing here loops over lines in Python to add up euros.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances.models import Decision, DecisionOutcome, DecisionSubject
from core.money import ZERO as ZERO_EUROS
from core.money import cents
from core.workflow import labelled_transitions, transitions_of

from .filters import ApplicationFilter
from .models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Ceiling,
    GrantDecision,
    InformationRequest,
    Recommendation,
    Review,
    Scheme,
    Theme,
    reviewed_ministry,
    reviewer_ministry,
)

MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY_FIELD)

# Applications whose lines count against a ceiling: everything but withdrawn and rejected.
COUNTING_STATUSES = [
    s for s in ApplicationStatus.values if s not in (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED)
]
# What a line claims of its ceiling: the granted amount once decided, the requested amount before.
CLAIMED = Coalesce(F("granted_amount"), F("amount"), output_field=MONEY_FIELD)


def scheme_list() -> QuerySet[Scheme]:
    return Scheme.objects.prefetch_related("themes", "legal_bases")


def ceiling_overviews(*, pairs) -> dict[tuple[int, int], list[dict]]:
    """Per (area id, scheme id): per theme the ceiling, what is requested and what remains.

    Three queries whatever the number of pairs. A theme the area has no ceiling for counts as a
    ceiling of € 0,00; it is listed only when something is requested for it.
    """
    pairs = {(int(a), int(s)) for a, s in pairs}
    if not pairs:
        return {}
    area_ids = {a for a, _ in pairs}
    scheme_ids = {s for _, s in pairs}
    themes = defaultdict(list)
    for theme in Theme.objects.filter(scheme_id__in=scheme_ids).order_by("scheme_id", "position", "pk"):
        themes[theme.scheme_id].append(theme)
    ceilings = {
        (c["area_id"], c["theme_id"]): c
        for c in Ceiling.objects.filter(area_id__in=area_ids, theme__scheme_id__in=scheme_ids).values(
            "area_id", "theme_id", "amount", "is_illustrative"
        )
    }
    requested = {
        (row["application__area_id"], row["theme_id"]): cents(row["total"])
        for row in ApplicationLine.objects.filter(
            application__area_id__in=area_ids,
            application__scheme_id__in=scheme_ids,
            application__status__in=COUNTING_STATUSES,
        )
        .order_by()
        .values("application__area_id", "theme_id")
        .annotate(total=Sum(CLAIMED))
    }
    overviews = {}
    for area_id, scheme_id in pairs:
        rows = []
        for theme in themes[scheme_id]:
            ceiling = ceilings.get((area_id, theme.pk))
            asked = requested.get((area_id, theme.pk), ZERO_EUROS)
            if ceiling is None and not asked:
                continue
            amount = ceiling["amount"] if ceiling else ZERO_EUROS
            rows.append(
                {
                    "theme": theme,
                    "ceiling": amount,
                    "has_ceiling": ceiling is not None,
                    "requested": asked,
                    "remaining": amount - asked,
                    "is_illustrative": bool(ceiling and ceiling["is_illustrative"]),
                }
            )
        overviews[(area_id, scheme_id)] = rows
    return overviews


def ceiling_overview(*, area, scheme: Scheme) -> list[dict]:
    """Per theme of the scheme: the area's ceiling, what it requested, and what remains."""
    key = (area.pk, scheme.pk)
    return ceiling_overviews(pairs=[key])[key]


def ceiling_rows_for(*, user, rows: list[dict]) -> list[dict]:
    """A ministry reviewer sees the ceilings and requested amounts of its own ministry's themes only."""
    ministry = reviewer_ministry(user)
    if ministry is not None:
        return [row for row in rows if row["theme"].ministry == ministry]
    return rows


def ceiling_totals(rows: list[dict]) -> dict:
    return {
        "ceiling": sum((r["ceiling"] for r in rows), ZERO_EUROS),
        "requested": sum((r["requested"] for r in rows), ZERO_EUROS),
        "remaining": sum((r["remaining"] for r in rows), ZERO_EUROS),
    }


def area_summary(*, area, user) -> dict:
    schemes = list(Scheme.objects.filter(themes__ceilings__area=area).distinct().order_by("-first_year"))
    return {
        "ceilings": [
            {
                "scheme": scheme,
                "rows": rows,
                "total": totals["ceiling"],
                "requested_total": totals["requested"],
                "remaining_total": totals["remaining"],
            }
            for scheme in schemes
            if (rows := ceiling_rows_for(user=user, rows=ceiling_overview(area=area, scheme=scheme)))
            and (totals := ceiling_totals(rows))
        ],
        "applications": Application.objects.visible_to(user).filter(area=area).select_related("scheme")[:10],
    }


def scheme_overview(*, user) -> QuerySet[Scheme]:
    """Schemes with their theme budgets and the ceilings handed out, summed in the database."""
    ceiling_total = (
        Ceiling.objects.filter(theme__scheme=OuterRef("pk"), area__is_synthetic=False)
        .order_by()
        .values("theme__scheme")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    themes_total = (
        Theme.objects.filter(scheme=OuterRef("pk"))
        .order_by()
        .values("scheme")
        .annotate(total=Sum("budget"))
        .values("total")
    )
    return Scheme.objects.annotate(
        ceilings_total=Subquery(ceiling_total), themes_total=Subquery(themes_total)
    ).order_by("-first_year", "name")


# ---------------------------------------------------------------------------------------------
# Applications

APPLICATION_ORDERINGS = {
    "reference",
    "-reference",
    "area__name",
    "-area__name",
    "status",
    "-status",
    "submitted_at",
    "-submitted_at",
    "requested",
    "-requested",
}


def _line_sum(field: str):
    lines = (
        ApplicationLine.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(lines, output_field=MONEY_FIELD), ZERO)


def application_list(*, user, filters: dict | None = None, search: str = "", ordering: str = "") -> QuerySet:
    """The applications the user may see, with requested and granted totals summed in the database."""
    qs = (
        Application.objects.visible_to(user)
        .select_related("area__municipality", "scheme")
        .annotate(requested=_line_sum("amount"), granted=_line_sum("granted_amount"))
    )
    if filters:
        qs = ApplicationFilter(filters, queryset=qs).qs
    if search:
        qs = qs.filter(Q(reference__icontains=search) | Q(area__name__icontains=search))
    return qs.order_by(ordering if ordering in APPLICATION_ORDERINGS else "-created_at", "pk")


def application_get(*, user, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.visible_to(user).select_related("area__municipality", "scheme", "endorsement__meeting"),
        pk=pk,
    )


def application_lines(*, user, application: Application) -> QuerySet[ApplicationLine]:
    """The lines of one application the user may see, with the latest recommendation on each."""
    latest = Review.objects.filter(line=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        ApplicationLine.objects.visible_to(user)
        .filter(application=application)
        .select_related("theme", "application__area")
        .prefetch_related("interventions")
        .annotate(
            recommendation=Subquery(latest.values("recommendation")[:1]),
            recommended_amount=Subquery(latest.values("recommended_amount")[:1]),
        )
        .order_by("theme__position", "year", "pk")
    )


def with_recommendation_labels(lines) -> list[ApplicationLine]:
    labels = dict(Recommendation.choices)
    lines = list(lines)
    for line in lines:
        line.recommendation_label = labels.get(line.recommendation, "")
    return lines


def application_line_get(*, user, application: Application, pk: int) -> ApplicationLine:
    return get_object_or_404(application_lines(user=user, application=application), pk=pk)


def application_history(*, application: Application) -> list:
    """The transitions of the application, oldest first, with the statuses in words."""
    return labelled_transitions(application)


def information_requests(*, application: Application) -> QuerySet[InformationRequest]:
    return application.information_requests.select_related("asked_by", "answered_by").order_by("asked_at", "pk")


def endorsement_choices(*, area, application: Application | None = None) -> QuerySet[Decision]:
    """Adopted decisions of the area's own alliance meetings, held by today, that endorse an application
    and are not yet bound to another one (a decision endorses one application)."""
    unused = Q(endorses_id__isnull=True)
    if application is not None:
        unused |= Q(endorses_type=ContentType.objects.get_for_model(Application), endorses_id=application.pk)
    return (
        Decision.objects.filter(
            unused,
            meeting__alliance__area=area,
            meeting__date__lte=timezone.localdate(),
            subject=DecisionSubject.ENDORSE_APPLICATION,
            outcome=DecisionOutcome.ADOPTED,
        )
        .select_related("meeting")
        .order_by("-meeting__date", "pk")
    )


def endorsement_guide(*, application: Application) -> dict:
    """What the submit page needs to guide the endorsement: the area's latest meetings with their
    attendance and decision counts (the bureau records a meeting, its attendance and the decision)."""
    from django.db.models import Count

    from alliances.models import Meeting

    meetings = (
        Meeting.objects.filter(alliance__area=application.area)
        .annotate(
            attendance_count=Count("attendances", distinct=True),
            endorsement_count=Count(
                "decisions",
                filter=Q(
                    decisions__subject=DecisionSubject.ENDORSE_APPLICATION,
                    decisions__outcome=DecisionOutcome.ADOPTED,
                ),
                distinct=True,
            ),
        )
        .select_related("alliance")
        .order_by("-date", "-pk")[:3]
    )
    return {
        "meetings": list(meetings),
        "alliance_slug": application.area.slug,
        "decision_text": _("De alliantie stemt in met aanvraag %(ref)s (%(scheme)s).")
        % {"ref": application.reference, "scheme": application.scheme.name},
    }


def reviewers_of(*, application: Application) -> set[int]:
    """The ids of everyone who recorded a recommendation on a line of this application."""
    return set(Review.objects.filter(line__application=application).values_list("reviewer_id", flat=True))


def involved_in(*, application: Application) -> set[int]:
    """The ids of everyone who created, submitted, reviewed or asked information on this application:
    none of them may decide on it (four eyes)."""
    ids = reviewers_of(application=application)
    ids |= set(application.information_requests.values_list("asked_by_id", flat=True))
    ids |= set(
        transitions_of(application).filter(target=ApplicationStatus.SUBMITTED).values_list("actor_id", flat=True)
    )
    ids.add(application.created_by_id)
    ids.discard(None)
    return ids


def decision_get(*, user, pk: int) -> GrantDecision:
    return get_object_or_404(
        GrantDecision.objects.visible_to(user).select_related("application__area__municipality", "application__scheme"),
        pk=pk,
    )


def review_list(*, user) -> QuerySet[Review]:
    return Review.objects.visible_to(user).select_related("line__theme", "line__application__area", "reviewer")


def decision_list(*, user) -> QuerySet[GrantDecision]:
    return GrantDecision.objects.visible_to(user).select_related("application__area", "decided_by")


def reviewable_lines(*, user) -> QuerySet[ApplicationLine]:
    """The lines the user may recommend on now: own ministry's themes (national team: integral part)."""
    from .models import REVIEWABLE_APPLICATION_STATUSES

    qs = ApplicationLine.objects.visible_to(user).filter(application__status__in=REVIEWABLE_APPLICATION_STATUSES)
    ministry = reviewed_ministry(user)
    qs = qs.none() if ministry is None else qs.for_ministry(ministry)
    return qs.select_related("application__area", "theme").order_by(
        "application__area__name", "theme__position", "year"
    )


def questionable_applications(*, user) -> QuerySet[Application]:
    """Applications the user may ask the bureau about: visible, submitted or in review."""
    from .models import REVIEWABLE_APPLICATION_STATUSES

    return (
        Application.objects.visible_to(user)
        .filter(status__in=REVIEWABLE_APPLICATION_STATUSES)
        .select_related("area")
        .order_by("area__name")
    )


def theme_filter_choices(*, user) -> QuerySet[Theme]:
    """The themes a user can filter lines and reviews by: a ministry reviewer only its own ministry's."""
    qs = Theme.objects.select_related("scheme").order_by("-scheme__first_year", "scheme__name", "position")
    ministry = reviewer_ministry(user)
    return qs if ministry is None else qs.for_ministry(ministry)


# ---------------------------------------------------------------------------------------------
# The SPUK part of an intervention's funding mix (read by interventions through
# `funding.intervention_funding`, never stored twice)

# Lines of withdrawn or rejected applications bring no money to an intervention.
NOT_COUNTING_FOR_INTERVENTIONS = (ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED)
INTERVENTION_MONEY_FIELD = DecimalField(max_digits=16, decimal_places=2)


def intervention_theme_choices() -> QuerySet[Theme]:
    """The themes an intervention may work under, newest scheme first."""
    return Theme.objects.select_related("scheme").order_by("-scheme__first_year", "position")


def intervention_counting_lines(*, user) -> QuerySet[ApplicationLine]:
    """The application lines whose money counts for `user`: the ones the user may see (a ministry reviewer
    only its own ministry's themes) of applications that are not withdrawn or rejected."""
    return ApplicationLine.objects.visible_to(user).exclude(application__status__in=NOT_COUNTING_FOR_INTERVENTIONS)


def intervention_spuk_sum(field: str, *, user) -> Subquery:
    """SUM of the counting lines that point at the outer intervention: a correlated subquery that starts
    from the lines the user may see and joins the intervention link, so each row costs one index lookup."""
    return Subquery(
        intervention_counting_lines(user=user)
        .filter(interventions=OuterRef("pk"))
        .order_by()
        .values("interventions")
        .annotate(total=Sum(field))
        .values("total"),
        output_field=INTERVENTION_MONEY_FIELD,
    )


def intervention_spuk_lines(*, intervention, user) -> list[dict]:
    """The SPUK money for one intervention per scheme and theme (requested, granted or None)."""
    rows = (
        intervention_counting_lines(user=user)
        .filter(interventions=intervention)
        .order_by()
        .values("theme__scheme__name", "theme__name", "theme__position")
        .annotate(requested=Sum("amount"), granted=Sum("granted_amount"))
        .order_by("theme__scheme__name", "theme__position")
    )
    return [
        {
            "stream": row["theme__scheme__name"],
            "theme": row["theme__name"],
            "requested": cents(row["requested"]),
            "granted": cents(row["granted"]) if row["granted"] is not None else None,
        }
        for row in rows
    ]


def intervention_spuk_totals(*, interventions, user) -> dict:
    """Requested and granted over the counting lines of these interventions, each line once.

    "Each line once" is a semi-join on the link table (`pk IN (...)`), not a join made DISTINCT: the
    join would repeat a line per linked intervention and DISTINCT would sort all of them.
    """
    linked = ApplicationLine.interventions.through.objects.filter(
        intervention__in=interventions.order_by().values("pk")
    ).values("applicationline_id")
    totals = (
        intervention_counting_lines(user=user)
        .filter(pk__in=linked)
        .aggregate(requested=Sum("amount"), granted=Sum("granted_amount"))
    )
    return {"requested": cents(totals["requested"]), "granted": cents(totals["granted"])}


def intervention_spuk_sums(*, interventions, user) -> dict[int, tuple[Decimal, Decimal]]:
    """Per intervention id: (requested, granted) over its counting lines, the same sums as
    `intervention_spuk_sum` but for a whole list in one grouped query instead of two subqueries per row."""
    rows = (
        intervention_counting_lines(user=user)
        .filter(interventions__in=interventions.order_by().values("pk"))
        .order_by()
        .values_list("interventions")
        .annotate(requested=Sum("amount"), granted=Sum("granted_amount"))
    )
    return {pk: (cents(requested), cents(granted)) for pk, requested, granted in rows.iterator(chunk_size=2000)}
