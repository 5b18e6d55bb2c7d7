"""The alliance's tasks for "Mijn taken" (see core.worklist): attendance to record, bottlenecks to
follow, upcoming meetings and the decisions of the last one."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from core.worklist import Task, provider

from .models import OPEN_BOTTLENECK_STATUSES, Attendance, Bottleneck, BottleneckStatus, Decision, Meeting


def _open_bottlenecks(user):
    return (
        Bottleneck.objects.visible_to(user)
        .filter(status__in=OPEN_BOTTLENECK_STATUSES)
        .select_related("area")
        .order_by("signalled_on", "pk")
    )


def _bottleneck_task(bottleneck: Bottleneck, *, kind: str) -> Task:
    return Task(
        kind=kind,
        title=_("Knelpunt volgen: %(title)s") % {"title": bottleneck.title},
        detail=bottleneck.get_status_display(),
        url=bottleneck.get_absolute_url(),
        area=bottleneck.area.name,
        since=bottleneck.signalled_on,
        key=("bottleneck", bottleneck.pk),
    )


def _meeting_label(meeting: Meeting) -> str:
    return _("alliantieoverleg van %(date)s") % {"date": f"{meeting.date:%d-%m-%Y}"}


def _bureau_tasks(user) -> list[Task]:
    today = timezone.localdate()
    without_attendance = (
        Meeting.objects.visible_to(user)
        .filter(date__lte=today)
        .filter(~Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        .select_related("alliance__area")
        .order_by("date", "pk")
    )
    tasks = [
        Task(
            kind="meeting_attendance",
            title=_("Aanwezigheid vastleggen: %(meeting)s") % {"meeting": _meeting_label(meeting)},
            detail=meeting.location,
            url=reverse("meeting-attendance", kwargs={"pk": meeting.pk}),
            area=meeting.alliance.area.name,
            since=meeting.date,
            key=("meeting", meeting.pk),
        )
        for meeting in without_attendance
    ]
    tasks += [_bottleneck_task(b, kind="bottleneck_open") for b in _open_bottlenecks(user)]
    return tasks


def _member_tasks(user) -> list[Task]:
    today = timezone.localdate()
    meetings = Meeting.objects.visible_to(user).select_related("alliance__area")
    upcoming = meetings.filter(date__gte=today).order_by("date", "pk")
    tasks = [
        Task(
            kind="meeting_upcoming",
            title=_("Voorbereiden: %(meeting)s") % {"meeting": _meeting_label(meeting)},
            detail=(meeting.agenda or "").splitlines()[0] if meeting.agenda else meeting.location,
            url=meeting.get_absolute_url(),
            area=meeting.alliance.area.name,
            due=meeting.date,
            key=("meeting", meeting.pk),
        )
        for meeting in upcoming
    ]
    last = meetings.filter(date__lt=today).order_by("-date", "-pk").first()
    if last is not None:
        decisions = Decision.objects.filter(meeting=last).order_by("pk")
        tasks += [
            Task(
                kind="decision_recent",
                title=_("Besluit %(meeting)s: %(subject)s")
                % {"meeting": _meeting_label(last), "subject": decision.get_subject_display()},
                detail=f"{decision.get_outcome_display()} – {decision.text[:120]}",
                url=last.get_absolute_url(),
                area=last.alliance.area.name,
                since=last.date,
                key=("decision", decision.pk),
            )
            for decision in decisions
        ]
    owned = _open_bottlenecks(user).filter(owner__person__user=user)
    tasks += [_bottleneck_task(b, kind="bottleneck_owned") for b in owned]
    return tasks


def _national_tasks(user) -> list[Task]:
    escalated = _open_bottlenecks(user).filter(status=BottleneckStatus.ESCALATED)
    return [_bottleneck_task(b, kind="bottleneck_escalated") for b in escalated]


@provider
def alliance_tasks(user) -> list[Task]:
    role = getattr(user, "role", None)
    if role == Role.PROGRAMME_BUREAU:
        return _bureau_tasks(user)
    if role == Role.ALLIANCE_MEMBER:
        return _member_tasks(user)
    if role == Role.NATIONAL_TEAM:
        return _national_tasks(user)
    return []
