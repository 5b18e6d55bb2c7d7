"""Composition: who sits at the alliance's table (memberships, succession, the single-seat rules), the
alliance's seats and quorum rule, and how residents are represented in the area.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Ministry
from areas.models import Area, ResidentRepresentation
from core.permissions import require

from ..models import Alliance, CivilServiceRank, MemberRole, Membership, Organisation, Person, QuorumRule
from ._common import MANAGE_ALLIANCE, NOT_YOUR_ALLIANCE, _assign

REPRESENTATIVE_RANKS = {CivilServiceRank.DIRECTOR, CivilServiceRank.DG, CivilServiceRank.SG}
REPRESENTATIVE_MINISTRIES = {Ministry.SZW, Ministry.OCW, Ministry.VWS, Ministry.JENV, Ministry.BZK, Ministry.VRO}


def _overlaps(start, end, other_start, other_end) -> bool:
    far = datetime.date.max
    return start <= (other_end or far) and other_start <= (end or far)


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
