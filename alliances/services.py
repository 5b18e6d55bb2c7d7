"""Every write of the alliance: composition, meetings and decisions, plans, bottlenecks, privacy.

Each rule has a validator (`*_validate`) that the services, the admin forms and the API share, and
refuses with a Dutch message that names the rule. Services are keyword-only, run in a transaction,
check the actor's permission and lock the rows whose state they change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Ministry
from areas.models import ActionLine, Area, ResidentRepresentation
from core.documents import validate_document
from core.permissions import require
from core.workflow import apply_transition

from .models import (
    Alliance,
    Attendance,
    AttendanceStatus,
    Bottleneck,
    BottleneckStatus,
    CivilServiceRank,
    Decision,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Membership,
    Organisation,
    Person,
    Plan,
    PlanStatus,
    QuorumRule,
)

ANONYMOUS_NAME = "Geanonimiseerd"
MANAGE_ALLIANCE = "alliances.manage_alliance"
NOT_YOUR_ALLIANCE = gettext_lazy("U mag de gegevens van deze alliantie niet wijzigen.")
REPRESENTATIVE_RANKS = {CivilServiceRank.DIRECTOR, CivilServiceRank.DG, CivilServiceRank.SG}
REPRESENTATIVE_MINISTRIES = {Ministry.SZW, Ministry.OCW, Ministry.VWS, Ministry.JENV, Ministry.BZK, Ministry.VRO}


def _overlaps(start, end, other_start, other_end) -> bool:
    far = datetime.date.max
    return start <= (other_end or far) and other_start <= (end or far)


# ---------------------------------------------------------------------------------------------
# Composition


SINGLE_SEAT_ROLES = (MemberRole.CHAIR, MemberRole.NATIONAL_REPRESENTATIVE)
_SINGLE_SEAT_RULE = {MemberRole.CHAIR: "voorzitter", MemberRole.NATIONAL_REPRESENTATIVE: "rijksvertegenwoordiger"}


def _single_seat_label(role: str) -> str:
    return _("voorzitter") if role == MemberRole.CHAIR else _("rijksvertegenwoordiger")


def _vacancy_message(role: str, person: str, day: datetime.date) -> str:
    return _(
        "Regel %(rule)s: een alliantie heeft precies één actieve %(label)s. De termijn van %(person)s kan pas "
        "eindigen als een opvolger als %(label)s zit vanaf %(next)s, de dag na de einddatum. Leg eerst de "
        "opvolger vast (met ‘opvolger van de huidige %(label)s’), dan eindigt deze termijn vanzelf."
    ) % {
        "rule": _SINGLE_SEAT_RULE[role],
        "label": _single_seat_label(role),
        "person": person,
        "next": f"{day + datetime.timedelta(days=1):%d-%m-%Y}",
    }


def _successor_seated(membership: Membership, day: datetime.date) -> bool:
    """Someone else holds the membership's role in its alliance on `day`."""
    return (
        Membership.objects.filter(alliance_id=membership.alliance_id, role=membership.role)
        .exclude(pk=membership.pk)
        .active_on(day)
        .exists()
    )


def _vacancy_errors(membership: Membership) -> dict[str, list[str]]:
    """Ending a chair's or rijksvertegenwoordiger's term, or moving its end earlier, needs a successor
    seated from the day after; changing a current one's role away would leave the seat empty."""
    if membership.pk is None:
        return {}
    stored = Membership.objects.filter(pk=membership.pk).values("role", "end_date", "person__name").first()
    if stored is None or stored["role"] not in SINGLE_SEAT_ROLES:
        return {}
    if membership.role != stored["role"]:
        if stored["end_date"] is None or stored["end_date"] >= timezone.localdate():
            return {
                "role": [
                    _(
                        "Regel %(rule)s: een alliantie heeft precies één actieve %(label)s; de rol van %(person)s "
                        "kan niet wijzigen. Beëindig de termijn met een opvolger en leg de nieuwe rol apart vast."
                    )
                    % {
                        "rule": _SINGLE_SEAT_RULE[stored["role"]],
                        "label": _single_seat_label(stored["role"]),
                        "person": stored["person__name"],
                    }
                ]
            }
        return {}
    end = membership.end_date
    ends_earlier = end is not None and (stored["end_date"] is None or end < stored["end_date"])
    if ends_earlier and not _successor_seated(membership, end + datetime.timedelta(days=1)):
        return {"end_date": [_vacancy_message(membership.role, stored["person__name"], end)]}
    return {}


def membership_validate(membership: Membership, *, succession: bool = False) -> None:
    """The composition rules for one membership (new or changed), against the other memberships.

    With `succession`, a new chair or rijksvertegenwoordiger may start while the current one still sits:
    `membership_create` then ends the current term on the day before (see `membership_end_predecessor`).
    """
    errors: dict[str, list[str]] = _vacancy_errors(membership)
    if membership.start_date and membership.end_date and membership.end_date < membership.start_date:
        errors.setdefault("end_date", []).append(
            _("Regel termijn: de einddatum (%(end)s) mag niet voor de begindatum (%(start)s) liggen.")
            % {"end": f"{membership.end_date:%d-%m-%Y}", "start": f"{membership.start_date:%d-%m-%Y}"}
        )
    if membership.role == MemberRole.CHAIR and not membership.is_mayor:
        errors.setdefault("is_mayor", []).append(
            _("Regel voorzitter: de voorzitter van de alliantie is de burgemeester; vink ‘burgemeester’ aan.")
        )
    if membership.role == MemberRole.NATIONAL_REPRESENTATIVE:
        if membership.rank not in REPRESENTATIVE_RANKS:
            errors.setdefault("rank", []).append(
                _("Regel rijksvertegenwoordiger: de rijksvertegenwoordiger is directeur, DG of SG.")
            )
        if membership.ministry not in REPRESENTATIVE_MINISTRIES:
            errors.setdefault("ministry", []).append(
                _("Regel rijksvertegenwoordiger: de rijksvertegenwoordiger komt van SZW, OCW, VWS, JenV, BZK of VRO.")
            )
    if errors or not (membership.alliance_id and membership.start_date):
        if errors:
            raise ValidationError(errors)
        return
    others = (
        Membership.objects.filter(alliance_id=membership.alliance_id)
        .exclude(pk=membership.pk)
        .select_related("person")
        .order_by("start_date", "pk")
    )
    predecessor = membership_predecessor(membership) if succession else None
    for other in others:
        if not _overlaps(membership.start_date, membership.end_date, other.start_date, other.end_date):
            continue
        if predecessor is not None and other.pk == predecessor.pk:
            continue
        if other.person_id == membership.person_id and other.role == membership.role:
            errors.setdefault("__all__", []).append(
                _(
                    "Regel één lidmaatschap per rol: %(person)s is in deze alliantie al actief als %(role)s "
                    "(vanaf %(start)s)."
                )
                % {
                    "person": other.person.name,
                    "role": other.get_role_display(),
                    "start": f"{other.start_date:%d-%m-%Y}",
                }
            )
        elif other.role == membership.role == MemberRole.CHAIR:
            errors.setdefault("role", []).append(
                _(
                    "Regel voorzitter: een alliantie heeft precies één actieve voorzitter; %(person)s is in deze "
                    "periode al voorzitter. Leg een opvolging vast (‘Opvolger vastleggen’) om diens termijn op de "
                    "dag voor de begindatum te laten eindigen."
                )
                % {"person": other.person.name}
            )
        elif other.role == membership.role == MemberRole.NATIONAL_REPRESENTATIVE:
            errors.setdefault("role", []).append(
                _(
                    "Regel rijksvertegenwoordiger: een alliantie heeft precies één actieve rijksvertegenwoordiger; "
                    "%(person)s is dat in deze periode al. Leg een opvolging vast (‘Opvolger vastleggen’) om diens "
                    "termijn op de dag voor de begindatum te laten eindigen."
                )
                % {"person": other.person.name}
            )
    if errors:
        raise ValidationError(errors)


def membership_predecessor(membership: Membership) -> Membership | None:
    """The chair or rijksvertegenwoordiger whom a new one in the same role succeeds: the one seated the day
    before the new term starts and still seated when it starts."""
    if membership.role not in SINGLE_SEAT_ROLES or not (membership.alliance_id and membership.start_date):
        return None
    day_before = membership.start_date - datetime.timedelta(days=1)
    return (
        Membership.objects.filter(alliance_id=membership.alliance_id, role=membership.role)
        .exclude(pk=membership.pk)
        .active_on(day_before)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date))
        .select_related("person")
        .first()
    )


def predecessor_for(*, alliance: Alliance, role: str, start_date: datetime.date) -> Membership | None:
    """Whom a new chair or rijksvertegenwoordiger starting on `start_date` would replace (None: nobody)."""
    return membership_predecessor(Membership(alliance=alliance, role=role, start_date=start_date))


def succession_errors(membership: Membership) -> dict[str, list[str]]:
    if membership.role not in SINGLE_SEAT_ROLES:
        return {"succession": [_("Regel opvolging: alleen een voorzitter of rijksvertegenwoordiger volgt iemand op.")]}
    if membership_predecessor(membership) is None:
        return {
            "succession": [
                _(
                    "Regel opvolging: er zit op %(day)s geen %(label)s wiens termijn na die dag doorloopt, dus er "
                    "is niemand om op te volgen. Voeg het lid toe zonder opvolging."
                )
                % {
                    "day": f"{membership.start_date - datetime.timedelta(days=1):%d-%m-%Y}",
                    "label": _single_seat_label(membership.role),
                }
            ]
        }
    return {}


def membership_delete_validate(membership: Membership) -> None:
    """A current or future chair or rijksvertegenwoordiger cannot be deleted: that would leave the seat
    empty. End the term with a successor instead; past terms may be deleted to correct the history."""
    if membership.role not in SINGLE_SEAT_ROLES:
        return
    if membership.end_date is not None and membership.end_date < timezone.localdate():
        return
    label = _single_seat_label(membership.role)
    raise ValidationError(
        _(
            "Regel %(rule)s: een alliantie heeft precies één actieve %(label)s; het lidmaatschap van %(person)s "
            "kan niet worden verwijderd. Leg een opvolger vast als ‘opvolger van de huidige %(label)s’; dan "
            "eindigt deze termijn op de dag ervoor."
        )
        % {"rule": _SINGLE_SEAT_RULE[membership.role], "label": label, "person": membership.person.name}
    )


@transaction.atomic
def membership_create(
    *,
    alliance: Alliance,
    actor,
    role: str,
    start_date: datetime.date,
    person: Person | None = None,
    person_name: str = "",
    email: str = "",
    phone: str = "",
    organisation: Organisation | None = None,
    rank: str = "",
    ministry: str = "",
    is_mayor: bool = False,
    end_date: datetime.date | None = None,
    succession: bool = False,
) -> Membership:
    """Seat a person (an existing one, or a new one by name) at the alliance's table.

    With `succession` a new chair or rijksvertegenwoordiger succeeds the current one: the current term
    ends on the day before `start_date`, in the same transaction, so the seat is never empty or doubled.
    """
    require(actor, MANAGE_ALLIANCE, alliance, message=NOT_YOUR_ALLIANCE)
    Alliance.objects.select_for_update().get(pk=alliance.pk)  # serialise composition changes per alliance
    if person is None:
        if not person_name.strip():
            raise ValidationError({"person_name": _("Kies een persoon of vul de naam van een nieuwe persoon in.")})
        person = Person(name=person_name.strip(), email=email, phone=phone, area=alliance.area)
    membership = Membership(
        alliance=alliance,
        person=person,
        organisation=organisation,
        role=role,
        rank=rank,
        ministry=ministry,
        is_mayor=is_mayor,
        start_date=start_date,
        end_date=end_date,
    )
    if succession and (errors := succession_errors(membership)):
        raise ValidationError(errors)
    membership_validate(membership, succession=succession)
    predecessor = membership_predecessor(membership) if succession else None
    if person.pk is None:
        person.full_clean()
        person.save()
        membership.person = person
    membership.full_clean()
    membership.save()
    if predecessor is not None:
        membership_end_predecessor(predecessor=predecessor, successor=membership)
    return membership


def membership_end_predecessor(*, predecessor: Membership, successor: Membership) -> Membership:
    """End the predecessor's term on the day before the successor starts (the successor is saved)."""
    predecessor = Membership.objects.select_for_update().get(pk=predecessor.pk)
    predecessor.end_date = successor.start_date - datetime.timedelta(days=1)
    membership_validate(predecessor)
    predecessor.full_clean()
    predecessor.save(update_fields=["end_date"])
    return predecessor


@transaction.atomic
def membership_delete(*, membership: Membership, actor) -> None:
    """Remove a seat recorded by mistake; a current chair or rijksvertegenwoordiger is refused."""
    require(actor, MANAGE_ALLIANCE, membership.alliance, message=NOT_YOUR_ALLIANCE)
    Alliance.objects.select_for_update().get(pk=membership.alliance_id)
    membership = Membership.objects.select_for_update().select_related("person").get(pk=membership.pk)
    membership_delete_validate(membership)
    try:
        membership.delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "%(person)s heeft overleggen bijgewoond of is eigenaar van een knelpunt; die geschiedenis blijft. "
                "Beëindig de termijn met een einddatum in plaats van het lidmaatschap te verwijderen."
            )
            % {"person": membership.person.name}
        ) from error


def _assign(obj, changes: dict, *, allowed: tuple[str, ...]) -> None:
    """Set the changed fields on a locked object; a field outside `allowed` is a programming error."""
    for field, value in changes.items():
        if field not in allowed:
            raise ValueError(field)
        setattr(obj, field, value)


MEMBERSHIP_FIELDS = ("organisation", "role", "rank", "ministry", "is_mayor", "start_date", "end_date")


@transaction.atomic
def membership_update(*, membership: Membership, actor, **changes) -> Membership:
    """Change a seat: role, organisation, rank, ministry, mayor flag or term."""
    require(actor, MANAGE_ALLIANCE, membership.alliance, message=NOT_YOUR_ALLIANCE)
    Alliance.objects.select_for_update().get(pk=membership.alliance_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _assign(membership, changes, allowed=MEMBERSHIP_FIELDS)
    membership_validate(membership)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def alliance_update(*, alliance: Alliance, actor, resident_seats: int, quorum_rule: str) -> Alliance:
    """Set the number of resident seats and the quorum rule."""
    require(actor, MANAGE_ALLIANCE, alliance, message=NOT_YOUR_ALLIANCE)
    alliance = Alliance.objects.select_for_update().get(pk=alliance.pk)
    if resident_seats < 0:
        raise ValidationError({"resident_seats": _("Regel bewonerszetels: het aantal zetels is 0 of meer.")})
    if quorum_rule not in QuorumRule.values:
        raise ValidationError({"quorum_rule": _("Kies een bestaande quorumregel.")})
    alliance.resident_seats = resident_seats
    alliance.quorum_rule = quorum_rule
    alliance.save(update_fields=["resident_seats", "quorum_rule"])
    return alliance


@transaction.atomic
def area_set_representation(*, area: Area, actor, mode: str) -> Area:
    """How residents are represented in the area: at the table, indirectly, or not (yet)."""
    require(actor, MANAGE_ALLIANCE, area, message=NOT_YOUR_ALLIANCE)
    if mode not in ResidentRepresentation.values:
        raise ValidationError({"resident_representation": _("Kies een bestaande vorm van bewonersvertegenwoordiging.")})
    area.resident_representation = mode
    area.save(update_fields=["resident_representation"])
    return area


def composition_problems(*, alliance: Alliance, day: datetime.date) -> list[str]:
    """What is missing at the table today: the rules say exactly one chair and one rijksvertegenwoordiger."""
    roles = list(alliance.memberships.active_on(day).values_list("role", flat=True))
    problems = []
    if roles.count(MemberRole.CHAIR) != 1:
        problems.append(_("Regel voorzitter: er is nu geen actieve voorzitter (burgemeester)."))
    if roles.count(MemberRole.NATIONAL_REPRESENTATIVE) != 1:
        problems.append(_("Regel rijksvertegenwoordiger: er is nu geen actieve rijksvertegenwoordiger."))
    return problems


# ---------------------------------------------------------------------------------------------
# Meetings, attendance, quorum and decisions


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


def _validate_upload(upload, *, field: str) -> None:
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


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


# ---------------------------------------------------------------------------------------------
# Endorsements: one decision for one application (or spending report)


def endorsement_validate(
    *, decision: Decision | None, target, area_id: int, subject: str, on: datetime.date
) -> Decision:
    """The rules of an endorsement, without writing: the decision of this area's alliance, with the
    endorsing `subject`, adopted, in a meeting that has taken place on or before `on` (the submission),
    that was quorate, and not yet bound to another object. Returns the decision, read fresh."""
    if decision is None:
        raise ValidationError(
            {"endorsement": _("Indienen kan pas als de alliantie in een overleg heeft ingestemd.")},
            code="endorsement_missing",
        )
    decision = Decision.objects.select_related("meeting__alliance").get(pk=decision.pk)
    meeting = decision.meeting
    if meeting.alliance.area_id != area_id:
        raise ValidationError(
            {"endorsement": _("Het besluit moet genomen zijn in een overleg van de alliantie van dit gebied.")},
            code="endorsement_other_area",
        )
    if decision.subject != subject or decision.outcome != DecisionOutcome.ADOPTED:
        raise ValidationError(
            {
                "endorsement": _("Het besluit moet een aangenomen besluit zijn met het onderwerp ‘%(subject)s’.")
                % {"subject": DecisionSubject(subject).label}
            },
            code="endorsement_not_adopted",
        )
    if meeting.date > on or meeting.date > timezone.localdate():
        raise ValidationError(
            {
                "endorsement": _(
                    "Regel instemming: het overleg van %(date)s heeft nog niet plaatsgevonden vóór de indiening."
                )
                % {"date": f"{meeting.date:%d-%m-%Y}"}
            },
            code="endorsement_meeting_later",
        )
    quorum = meeting_quorum(meeting=meeting)
    if not quorum.met:
        raise ValidationError(
            {
                "endorsement": _("Regel instemming: het overleg was niet beslissingsbevoegd (%(explain)s).")
                % {"explain": quorum.explain()}
            },
            code="endorsement_no_quorum",
        )
    if decision.endorses_id is not None and (
        decision.endorses_type_id != ContentType.objects.get_for_model(target).pk or decision.endorses_id != target.pk
    ):
        raise ValidationError(
            {
                "endorsement": _(
                    "Regel instemming: dit besluit stemt al in met iets anders en kan niet opnieuw worden gebruikt."
                )
            },
            code="endorsement_reused",
        )
    return decision


@transaction.atomic
def endorsement_bind(*, decision: Decision | None, target, area_id: int, subject: str, on: datetime.date) -> Decision:
    """Bind `decision` to `target` for good, after `endorsement_validate`; the decision row is locked so
    that two submissions cannot both take it. From now on the meeting's attendance is fixed."""
    if decision is not None:
        Decision.objects.select_for_update().filter(pk=decision.pk).first()
    decision = endorsement_validate(decision=decision, target=target, area_id=area_id, subject=subject, on=on)
    if decision.endorses_id is None:
        decision.endorses = target
        decision.save(update_fields=["endorses_type", "endorses_id"])
    return decision


# ---------------------------------------------------------------------------------------------
# Plans


@transaction.atomic
def plan_create(
    *,
    alliance: Alliance,
    actor,
    kind: str,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    document=None,
) -> Plan:
    """A new draft version of the area plan or an implementation plan."""
    require(actor, MANAGE_ALLIANCE, alliance, message=NOT_YOUR_ALLIANCE)
    Alliance.objects.select_for_update().get(pk=alliance.pk)
    latest = Plan.objects.filter(alliance=alliance, kind=kind).aggregate(v=Max("version"))["v"] or 0
    plan = Plan(
        alliance=alliance,
        kind=kind,
        title=title,
        version=latest + 1,
        period_start=period_start,
        period_end=period_end,
    )
    if document:
        _validate_upload(document, field="document")
        plan.document = document
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor, title: str, period_start, period_end, document=None) -> Plan:
    require(actor, MANAGE_ALLIANCE, plan.alliance, message=NOT_YOUR_ALLIANCE)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Regel vaststelling: een vastgesteld of vervangen plan wordt niet meer gewijzigd."))
    plan.title, plan.period_start, plan.period_end = title, period_start, period_end
    if document:
        _validate_upload(document, field="document")
        plan.document = document
    plan.full_clean()
    plan.save()
    return plan


def plan_adoption_validate(*, plan: Plan, decision: Decision) -> None:
    """Adoption points at an adopted 'adopt plan' decision of the same alliance."""
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Regel vaststelling: alleen een conceptplan kan worden vastgesteld."))
    if decision.subject != DecisionSubject.ADOPT_PLAN or decision.outcome != DecisionOutcome.ADOPTED:
        raise ValidationError(
            {
                "adopted_by": _(
                    "Regel vaststelling: een plan wordt vastgesteld bij een aangenomen besluit ‘Vaststellen plan’."
                )
            }
        )
    if decision.meeting.alliance_id != plan.alliance_id:
        raise ValidationError({"adopted_by": _("Regel vaststelling: het besluit is van een andere alliantie.")})


@transaction.atomic
def plan_adopt(*, plan: Plan, decision: Decision, actor, comment: str = "") -> Plan:
    """Adopt a draft plan by a decision; the adopted plan of the same kind becomes superseded."""
    require(actor, MANAGE_ALLIANCE, plan.alliance, message=NOT_YOUR_ALLIANCE)
    siblings = list(
        Plan.objects.select_for_update().filter(alliance_id=plan.alliance_id, kind=plan.kind).order_by("pk")
    )
    plan = next(p for p in siblings if p.pk == plan.pk)
    decision = Decision.objects.select_related("meeting").get(pk=decision.pk)
    plan_adoption_validate(plan=plan, decision=decision)
    for previous in siblings:
        if previous.status == PlanStatus.ADOPTED:
            apply_transition(
                obj=previous,
                name="supersede",
                actor=actor,
                comment=_("Vervangen door versie %(version)s.") % {"version": plan.version},
            )
    apply_transition(obj=plan, name="adopt", actor=actor, comment=comment, decision=decision)
    return plan


# ---------------------------------------------------------------------------------------------
# Bottlenecks


def bottleneck_validate(bottleneck: Bottleneck) -> None:
    """The owner is the area's rijksvertegenwoordiger; escalation names one; a closed bottleneck says how."""
    errors: dict[str, list[str]] = {}
    if bottleneck.owner_id is not None:
        owner = bottleneck.owner
        if owner.role != MemberRole.NATIONAL_REPRESENTATIVE or owner.alliance.area_id != bottleneck.area_id:
            errors["owner"] = [
                _("Regel eigenaar knelpunt: de eigenaar is de rijksvertegenwoordiger van %(area)s.")
                % {"area": bottleneck.area.name}
            ]
        elif owner.end_date is not None and owner.end_date < timezone.localdate():
            errors["owner"] = [_("Regel eigenaar knelpunt: de termijn van deze rijksvertegenwoordiger is voorbij.")]
    if bottleneck.status == BottleneckStatus.ESCALATED and bottleneck.owner_id is None:
        errors.setdefault("owner", []).append(
            _("Regel escalatie: een geëscaleerd knelpunt noemt de rijksvertegenwoordiger als eigenaar.")
        )
    if (
        bottleneck.status in (BottleneckStatus.RESOLVED, BottleneckStatus.NOT_SOLVABLE)
        and not bottleneck.resolution.strip()
    ):
        errors.setdefault("resolution", []).append(
            _("Regel afhandeling: beschrijf de oplossing of waarom het knelpunt niet oplosbaar is.")
        )
    if errors:
        raise ValidationError(errors)


def representative_of(*, area: Area, day: datetime.date | None = None) -> Membership | None:
    day = day or timezone.localdate()
    return (
        Membership.objects.filter(alliance__area=area, role=MemberRole.NATIONAL_REPRESENTATIVE)
        .active_on(day)
        .select_related("person")
        .first()
    )


@transaction.atomic
def bottleneck_create(
    *,
    area: Area,
    actor,
    title: str,
    description: str,
    regulation: str,
    action_line: ActionLine,
    owner: Membership | None = None,
    signalled_on: datetime.date | None = None,
) -> Bottleneck:
    """Signal a bottleneck; without an owner it goes to the area's rijksvertegenwoordiger."""
    require(actor, MANAGE_ALLIANCE, area, message=NOT_YOUR_ALLIANCE)
    bottleneck = Bottleneck(
        area=area,
        title=title,
        description=description,
        regulation=regulation,
        action_line=action_line,
        owner=owner or representative_of(area=area),
        signalled_on=signalled_on or timezone.localdate(),
    )
    bottleneck_validate(bottleneck)
    bottleneck.full_clean()
    bottleneck.save()
    return bottleneck


BOTTLENECK_FIELDS = ("title", "description", "regulation", "action_line", "owner")


@transaction.atomic
def bottleneck_update(*, bottleneck: Bottleneck, actor, **changes) -> Bottleneck:
    require(actor, MANAGE_ALLIANCE, bottleneck, message=NOT_YOUR_ALLIANCE)
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    _assign(bottleneck, changes, allowed=BOTTLENECK_FIELDS)
    bottleneck_validate(bottleneck)
    bottleneck.full_clean()
    bottleneck.save()
    return bottleneck


BOTTLENECK_TRANSITIONS = {
    "start": gettext_lazy("In behandeling nemen"),
    "escalate": gettext_lazy("Escaleren"),
    "resolve": gettext_lazy("Opgelost"),
    "mark_not_solvable": gettext_lazy("Niet oplosbaar"),
}


@transaction.atomic
def bottleneck_transition(
    *, bottleneck: Bottleneck, actor, name: str, comment: str = "", resolution: str = ""
) -> Bottleneck:
    """Move a bottleneck along signalled → in_progress → escalated → resolved / not solvable."""
    require(actor, MANAGE_ALLIANCE, bottleneck, message=NOT_YOUR_ALLIANCE)
    if name not in BOTTLENECK_TRANSITIONS:
        raise ValidationError(_("Onbekende statuswijziging: %(name)s.") % {"name": name})
    bottleneck = Bottleneck.objects.select_for_update().select_related("area").get(pk=bottleneck.pk)
    kwargs = {"resolution": resolution} if name in ("resolve", "mark_not_solvable") else {}
    if name == "escalate" and bottleneck.owner_id is None:
        raise ValidationError(
            _("Regel escalatie: een geëscaleerd knelpunt noemt de rijksvertegenwoordiger als eigenaar.")
        )
    if kwargs and not resolution.strip():
        raise ValidationError(
            {"resolution": _("Regel afhandeling: beschrijf de oplossing of waarom het knelpunt niet oplosbaar is.")}
        )
    return apply_transition(obj=bottleneck, name=name, actor=actor, comment=comment, **kwargs)


# ---------------------------------------------------------------------------------------------
# Privacy (AVG)


def person_export(*, person: Person) -> dict:
    """Everything stored about a person: contact details, memberships, attendance, user account, history."""
    memberships = person.memberships.select_related("alliance__area", "organisation").order_by("start_date", "pk")
    attendances = (
        Attendance.objects.filter(membership__person=person).select_related("meeting").order_by("meeting__date", "pk")
    )
    return {
        "persoon": {
            "id": person.pk,
            "naam": person.name,
            "e-mailadres": person.email,
            "telefoon": person.phone,
            "gebied": person.area.name if person.area_id else None,
            "gebruiker": person.user.username if person.user_id else None,
            "geanonimiseerd_op": person.anonymised_at.isoformat() if person.anonymised_at else None,
        },
        "lidmaatschappen": [
            {
                "id": m.pk,
                "alliantie": m.alliance.name,
                "gebied": m.alliance.area.name,
                "rol": str(m.get_role_display()),
                "organisatie": m.organisation.name if m.organisation_id else None,
                "rang": str(m.get_rank_display()) if m.rank else None,
                "ministerie": m.ministry or None,
                "burgemeester": m.is_mayor,
                "vanaf": m.start_date.isoformat(),
                "tot_en_met": m.end_date.isoformat() if m.end_date else None,
            }
            for m in memberships
        ],
        "aanwezigheid": [
            {
                "overleg": a.meeting.date.isoformat(),
                "lidmaatschap": a.membership_id,
                "status": str(a.get_status_display()),
            }
            for a in attendances
        ],
        "historie": [
            {
                "op": h.history_date.isoformat(),
                "soort": h.history_type,
                "naam": h.name,
                "e-mailadres": h.email,
                "telefoon": h.phone,
            }
            for h in person.history.order_by("history_date", "history_id")
        ],
    }


@transaction.atomic
def person_anonymise(*, person: Person, actor) -> Person:
    """Blank a person's name and contact details, also in the history; memberships, attendance and decisions stay."""
    require(
        actor, "alliances.anonymise_person", message=_("Alleen het nationaal programmateam mag personen anonimiseren.")
    )
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.name, person.email, person.phone = ANONYMOUS_NAME, "", ""
    person.anonymised_at = timezone.now()
    person.save()
    # simple-history keeps the old values: blank them there too.
    person.history.all().update(name=ANONYMOUS_NAME, email="", phone="")
    return person


# ---------------------------------------------------------------------------------------------
# Organisations and people outside a seat (kept by the national team in the admin)


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor) -> Organisation:
    """Add or change an organisation: an area's own by those who manage that alliance, a national one
    (no area) by the national team."""
    if organisation.pk is not None:
        require(actor, MANAGE_ALLIANCE, Organisation.objects.get(pk=organisation.pk), message=NOT_YOUR_ALLIANCE)
    require(actor, MANAGE_ALLIANCE, organisation, message=NOT_YOUR_ALLIANCE)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def person_save(*, person: Person, actor) -> Person:
    """Add or change a person's name and contact details; an anonymised person stays anonymous."""
    if person.pk is not None:
        stored = Person.objects.select_for_update().get(pk=person.pk)
        require(actor, MANAGE_ALLIANCE, stored, message=NOT_YOUR_ALLIANCE)
        if stored.anonymised_at is not None:
            raise ValidationError(_("Regel AVG: een geanonimiseerde persoon wordt niet meer gewijzigd."))
    require(actor, MANAGE_ALLIANCE, person, message=NOT_YOUR_ALLIANCE)
    person.full_clean()
    person.save()
    return person
