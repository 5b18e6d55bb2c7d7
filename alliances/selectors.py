"""Reads for areas and alliances. Every read starts from what the user may see."""

from __future__ import annotations

from django.db.models import Case, Count, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from areas.models import Area, ResidentRepresentation

from .models import (
    OPEN_BOTTLENECK_STATUSES,
    Alliance,
    Bottleneck,
    Decision,
    Meeting,
    MemberRole,
    Membership,
    Plan,
    PlanKind,
    PlanStatus,
)


def area_list(*, user, search: str = "", ordering: str = "name") -> QuerySet[Area]:
    qs = Area.objects.visible_to(user).select_related("municipality")
    if search:
        qs = qs.filter(
            Q(name__icontains=search) | Q(municipality__name__icontains=search) | Q(programme_name__icontains=search)
        )
    allowed = {"name", "-name", "municipality__name", "-municipality__name", "residents", "-residents"}
    return qs.order_by(ordering if ordering in allowed else "name", "pk")


def area_get(*, user, slug: str) -> Area:
    """The area with this slug, or 404 when it does not exist or lies outside the user's scope."""
    return get_object_or_404(Area.objects.visible_to(user).select_related("municipality"), slug=slug)


def area_totals(*, areas: QuerySet[Area]) -> dict:
    return areas.aggregate(count=Count("pk"), residents=Sum("residents"))


def representation_counts(*, areas: QuerySet[Area]) -> dict[str, int]:
    """Areas per mode of resident representation, in the order of the choices (7 / 3 / 10 in 2025)."""
    counts = dict(areas.order_by().values_list("resident_representation").annotate(n=Count("pk")))
    return {label: counts.get(value, 0) for value, label in ResidentRepresentation.choices}


# The order in which the table is read: the chair, the aldermen, the rijksvertegenwoordiger, the
# other partners, residents last (not the alphabetical order of the role codes).
MEMBER_ROLE_ORDER = (
    MemberRole.CHAIR,
    MemberRole.ALDERMAN,
    MemberRole.NATIONAL_REPRESENTATIVE,
    MemberRole.HOUSING_CORPORATION,
    MemberRole.SCHOOL_BOARD,
    MemberRole.POLICE,
    MemberRole.PUBLIC_PROSECUTOR,
    MemberRole.EMPLOYER,
    MemberRole.HEALTH_INSURER,
    MemberRole.GGD,
    MemberRole.WELFARE,
    MemberRole.OTHER,
    MemberRole.RESIDENT,
)


def in_role_order(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    """Annotate `role_rank` (0 = chair … residents last) so pages, exports and the API order by it."""
    return memberships.annotate(
        role_rank=Case(
            *[When(role=role, then=Value(rank)) for rank, role in enumerate(MEMBER_ROLE_ORDER)],
            default=Value(len(MEMBER_ROLE_ORDER)),
            output_field=IntegerField(),
        )
    )


def current_members(*, area: Area, day) -> QuerySet[Membership]:
    return (
        in_role_order(Membership.objects.filter(alliance__area=area))
        .active_on(day)
        .select_related("person", "organisation")
        .order_by("role_rank", "person__name", "pk")
    )


def alliance_of(*, area: Area):
    return Alliance.objects.filter(area=area).first()


# ---------------------------------------------------------------------------------------------
# The alliance: composition, meetings, plans, bottlenecks


def alliance_get(*, user, slug: str) -> Alliance:
    """The alliance of the area with this slug, or 404 outside the user's scope."""
    return get_object_or_404(Alliance.objects.visible_to(user).select_related("area__municipality"), area__slug=slug)


def alliance_overview(*, user) -> QuerySet[Alliance]:
    """All alliances side by side, one row each, in a fixed number of queries whatever their number."""
    today = timezone.localdate()
    active = Membership.objects.filter(alliance=OuterRef("pk")).active_on(today)
    adopted_area_plan = Plan.objects.filter(alliance=OuterRef("pk"), kind=PlanKind.AREA_PLAN, status=PlanStatus.ADOPTED)
    open_bottlenecks = Bottleneck.objects.filter(area=OuterRef("area"), status__in=OPEN_BOTTLENECK_STATUSES)
    return (
        Alliance.objects.visible_to(user)
        .select_related("area__municipality")
        .annotate(
            member_count=_count(active),
            resident_count=_count(active.filter(role=MemberRole.RESIDENT)),
            last_meeting=Subquery(Meeting.objects.filter(alliance=OuterRef("pk")).order_by("-date").values("date")[:1]),
            area_plan_title=Subquery(adopted_area_plan.values("title")[:1]),
            area_plan_version=Subquery(adopted_area_plan.values("version")[:1]),
            open_bottlenecks=_count(open_bottlenecks),
        )
        .order_by("area__name", "pk")
    )


def _count(qs: QuerySet) -> Coalesce:
    """COUNT(*) of a correlated subquery (a plain function, so Django adds no GROUP BY)."""
    return Coalesce(Subquery(qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]), 0)


def membership_list(*, user, alliance: Alliance, day=None, current: bool = True) -> QuerySet[Membership]:
    """The seats of an alliance: the current ones (`current`), or its whole history of who sat when."""
    qs = in_role_order(
        Membership.objects.visible_to(user)
        .filter(alliance=alliance)
        .select_related("person", "organisation", "alliance")
    )
    if current:
        return qs.active_on(day or timezone.localdate()).order_by("role_rank", "person__name", "pk")
    return qs.order_by("start_date", "role_rank", "person__name", "pk")


def membership_get(*, user, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.visible_to(user).select_related("person", "organisation", "alliance__area"), pk=pk
    )


def meeting_list(*, user, alliance: Alliance) -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to(user)
        .filter(alliance=alliance)
        .annotate(
            present=Count("attendances", filter=Q(attendances__status="present"), distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-date", "-pk")
    )


def meeting_get(*, user, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("alliance__area"), pk=pk)


def attendance_of(*, meeting: Meeting) -> list[tuple[Membership, str]]:
    """Every member seated on the meeting's date with their recorded attendance ('' when not yet recorded)."""
    recorded = dict(meeting.attendances.values_list("membership_id", "status"))
    seated = (
        in_role_order(Membership.objects.filter(alliance_id=meeting.alliance_id))
        .active_on(meeting.date)
        .select_related("person", "organisation")
        .order_by("role_rank", "person__name", "pk")
    )
    return [(membership, recorded.get(membership.pk, "")) for membership in seated]


def decision_list(*, meeting: Meeting) -> QuerySet[Decision]:
    return meeting.decisions.prefetch_related("adopted_plans").order_by("pk")


def plan_list(*, user, alliance: Alliance) -> QuerySet[Plan]:
    return (
        Plan.objects.visible_to(user)
        .filter(alliance=alliance)
        .select_related("adopted_by__meeting")
        .order_by("kind", "-version")
    )


def plan_get(*, user, pk: int) -> Plan:
    return get_object_or_404(
        Plan.objects.visible_to(user).select_related("alliance__area", "adopted_by__meeting"), pk=pk
    )


def bottleneck_list(*, user, filters=None) -> QuerySet[Bottleneck]:
    from .filters import BottleneckFilter

    qs = Bottleneck.objects.visible_to(user).select_related("area", "action_line", "owner__person")
    return BottleneckFilter(filters or {}, queryset=qs).qs.order_by("-signalled_on", "pk")


def bottleneck_get(*, user, pk: int) -> Bottleneck:
    return get_object_or_404(
        Bottleneck.objects.visible_to(user).select_related("area", "action_line", "owner__person"), pk=pk
    )
