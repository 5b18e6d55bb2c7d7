"""People and organisations: a person's data export and anonymisation (AVG), and organisations and
people outside a seat (kept by the national team in the admin).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import require

from ..models import Attendance, Organisation, Person
from ._common import MANAGE_ALLIANCE, NOT_YOUR_ALLIANCE

ANONYMOUS_NAME = "Geanonimiseerd"


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
