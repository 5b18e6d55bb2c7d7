"""Meetings, attendance, quorum and decisions of the alliance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.permissions import require

from ..models import (
    Alliance,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Membership,
    Plan,
    PlanStatus,
    QuorumRule,
)
from ._common import MANAGE_ALLIANCE, NOT_YOUR_ALLIANCE, _validate_upload
from .plans import plan_adopt


@transaction.atomic
def meeting_create(
    *, alliance: Alliance, actor, date: datetime.date, location: str = "", agenda: str = "", minutes=None
) -> Meeting:
    require(actor, MANAGE_ALLIANCE, alliance, message=NOT_YOUR_ALLIANCE)
    meeting = Meeting(alliance=alliance, date=date, location=location, agenda=agenda)
    if minutes:
        _validate_upload(minutes, field="minutes")
        meeting.minutes = minutes
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, actor, date: datetime.date, location: str = "", agenda: str = "", minutes=None
) -> Meeting:
    require(actor, MANAGE_ALLIANCE, meeting.alliance, message=NOT_YOUR_ALLIANCE)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if date != meeting.date:
        _refuse_if_used(meeting, what=_("de datum"))
    meeting.date, meeting.location, meeting.agenda = date, location, agenda
    if minutes:
        _validate_upload(minutes, field="minutes")
        meeting.minutes = minutes
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_is_used(meeting: Meeting) -> bool:
    """A decision of this meeting endorsed something or adopted a plan: its quorum may no longer change."""
    if meeting.pk is None:
        return False
    return (
        Decision.objects.filter(meeting=meeting)
        .filter(Q(endorses_id__isnull=False) | Q(adopted_plans__isnull=False))
        .exists()
    )


def _refuse_if_used(meeting: Meeting, *, what: str) -> None:
    if meeting_is_used(meeting):
        raise ValidationError(
            _(
                "Regel vastgelegd overleg: een besluit van dit overleg is gebruikt (instemming of vaststelling); "
                "%(what)s kan niet meer worden gewijzigd."
            )
            % {"what": what},
            code="meeting_used",
        )


def attendance_validate(*, meeting: Meeting, statuses: dict[int, str]) -> None:
    """Only members seated on the meeting's date attend, and no more residents vote than there are seats.

    Once a decision of the meeting has been used, the attendance (and so the quorum) is fixed."""
    _refuse_if_used(meeting, what=_("de aanwezigheid"))
    memberships = {m.pk: m for m in Membership.objects.filter(alliance_id=meeting.alliance_id, pk__in=list(statuses))}
    unknown = [pk for pk in statuses if pk not in memberships or not memberships[pk].is_active_on(meeting.date)]
    if unknown:
        raise ValidationError(
            _("Regel aanwezigheid: alleen leden die op %(date)s in de alliantie zitten, kunnen aanwezig zijn.")
            % {"date": f"{meeting.date:%d-%m-%Y}"}
        )
    if any(status not in AttendanceStatus.values for status in statuses.values()):
        raise ValidationError(_("Kies per lid aanwezig, afwezig of afgemeld."))
    residents_present = sum(
        1
        for pk, status in statuses.items()
        if status == AttendanceStatus.PRESENT and memberships[pk].role == MemberRole.RESIDENT
    )
    seats = meeting.alliance.resident_seats
    if residents_present > seats:
        raise ValidationError(
            _(
                "Regel bewonerszetels: er stemmen niet meer bewoners mee dan er zetels zijn; "
                "%(present)s bewoners aanwezig, %(seats)s zetels."
            )
            % {"present": residents_present, "seats": seats}
        )


@transaction.atomic
def attendance_record(*, meeting: Meeting, actor, statuses: dict[int, str]) -> list[Attendance]:
    """Record who was present, absent or excused; replaces what was recorded before."""
    require(actor, MANAGE_ALLIANCE, meeting.alliance, message=NOT_YOUR_ALLIANCE)
    meeting = Meeting.objects.select_for_update().select_related("alliance").get(pk=meeting.pk)
    attendance_validate(meeting=meeting, statuses=statuses)
    meeting.attendances.exclude(membership_id__in=list(statuses)).delete()
    existing = {a.membership_id: a for a in meeting.attendances.all()}
    rows = []
    for membership_id, status in statuses.items():
        row = existing.get(membership_id)
        if row is None:
            row = Attendance.objects.create(meeting=meeting, membership_id=membership_id, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Quorum:
    rule: str
    eligible: int
    present: int
    chair_present: bool
    met: bool

    def explain(self) -> str:
        return _("%(present)s van %(eligible)s stemgerechtigde leden aanwezig, voorzitter %(chair)s") % {
            "present": self.present,
            "eligible": self.eligible,
            "chair": _("aanwezig") if self.chair_present else _("niet aanwezig"),
        }


def meeting_quorum(*, meeting: Meeting) -> Quorum:
    """Whether the meeting may decide, by the alliance's quorum rule.

    The members entitled to vote are those seated on the meeting's date, with the residents counted up
    to the number of resident seats (more resident members than seats rotate).
    """
    alliance = meeting.alliance
    seated = list(Membership.objects.filter(alliance=alliance).active_on(meeting.date).values_list("pk", "role"))
    residents = sum(1 for _pk, role in seated if role == MemberRole.RESIDENT)
    eligible = len(seated) - residents + min(residents, alliance.resident_seats)
    present_rows = list(
        meeting.attendances.filter(status=AttendanceStatus.PRESENT).values_list("membership_id", "membership__role")
    )
    seated_ids = {pk for pk, _role in seated}
    present_rows = [(pk, role) for pk, role in present_rows if pk in seated_ids]
    present_residents = sum(1 for _pk, role in present_rows if role == MemberRole.RESIDENT)
    present = len(present_rows) - present_residents + min(present_residents, alliance.resident_seats)
    chair_present = any(role == MemberRole.CHAIR for _pk, role in present_rows)
    majority = eligible > 0 and present * 2 > eligible
    if alliance.quorum_rule == QuorumRule.MAJORITY:
        met = majority
    elif alliance.quorum_rule == QuorumRule.CHAIR_AND_THIRD:
        met = chair_present and eligible > 0 and present * 3 >= eligible
    else:
        met = chair_present and majority
    return Quorum(rule=alliance.quorum_rule, eligible=eligible, present=present, chair_present=chair_present, met=met)


def decision_validate(*, meeting: Meeting, subject: str, outcome: str, plan: Plan | None = None) -> None:
    """A decision needs a quorate meeting; a decision that adopts a plan names a draft plan of the alliance."""
    quorum = meeting_quorum(meeting=meeting)
    if not quorum.met:
        raise ValidationError(
            _("Regel quorum: het overleg is niet beslissingsbevoegd (%(rule)s): %(explain)s.")
            % {"rule": QuorumRule(quorum.rule).label.lower(), "explain": quorum.explain()},
            code="no_quorum",
        )
    if plan is not None:
        if subject != DecisionSubject.ADOPT_PLAN:
            raise ValidationError(
                {
                    "plan": _(
                        "Regel vaststelling: alleen een besluit met onderwerp ‘Vaststellen plan’ stelt een plan vast."
                    )
                }
            )
        if plan.alliance_id != meeting.alliance_id:
            raise ValidationError({"plan": _("Regel vaststelling: het plan hoort niet bij deze alliantie.")})
        if plan.status != PlanStatus.DRAFT:
            raise ValidationError({"plan": _("Regel vaststelling: alleen een conceptplan kan worden vastgesteld.")})


@transaction.atomic
def decision_record(
    *, meeting: Meeting, actor, subject: str, text: str, outcome: str, plan: Plan | None = None
) -> Decision:
    """Record a decision of a quorate meeting; an adopted plan decision adopts the plan (and supersedes the old one)."""
    require(actor, MANAGE_ALLIANCE, meeting.alliance, message=NOT_YOUR_ALLIANCE)
    meeting = Meeting.objects.select_for_update().select_related("alliance__area").get(pk=meeting.pk)
    if subject == DecisionSubject.ADOPT_PLAN and plan is None:
        raise ValidationError(
            {"plan": _("Regel vaststelling: een besluit ‘Vaststellen plan’ noemt het conceptplan dat het vaststelt.")},
            code="plan_missing",
        )
    decision_validate(meeting=meeting, subject=subject, outcome=outcome, plan=plan)
    decision = Decision(meeting=meeting, subject=subject, text=text, outcome=outcome)
    decision.full_clean()
    decision.save()
    if plan is not None and outcome == DecisionOutcome.ADOPTED:
        plan_adopt(plan=plan, decision=decision, actor=actor, comment=text)
    return decision
