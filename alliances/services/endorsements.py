"""Endorsements: one decision of the alliance for one application (or spending report)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Decision, DecisionOutcome, DecisionSubject
from .meetings import meeting_quorum


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
