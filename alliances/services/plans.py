"""Plans of the alliance (the area plan and implementation plans): drafts, versions and adoption."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.permissions import require
from core.workflow import apply_transition

from ..models import Alliance, Decision, DecisionOutcome, DecisionSubject, Plan, PlanStatus
from ._common import MANAGE_ALLIANCE, NOT_YOUR_ALLIANCE, _validate_upload


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
