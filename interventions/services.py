"""Every write to interventions: keyword-only, in one transaction, permission and rules checked here.

Pages, the API and the admin call these functions; a broken rule is a `ValidationError` with a Dutch
message that names the rule, a missing permission a `PermissionDenied`. Nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.models import User
from alliances.models import Organisation
from areas.models import Area
from core.permissions import require
from core.workflow import apply_transition, record_transition

from .extensions import funding_provider
from .models import (
    FundingSource,
    Intervention,
    InterventionStatus,
    OtherFunding,
    OutputMeasure,
    ProgressStatus,
    ProgressUpdate,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "action_line",
    "theme",
    "target_group",
    "age_min",
    "age_max",
    "lead_organisation",
    "start_date",
    "end_date",
    "planned_budget",
    "evidence_level",
    "evidence_reference",
    "resident_involvement",
)
# What a copy from the library takes over: the public summary, never budget, dates or organisations.
COPIED_FIELDS = (
    "title",
    "description",
    "action_line",
    "theme",
    "target_group",
    "age_min",
    "age_max",
    "evidence_level",
    "evidence_reference",
    "resident_involvement",
)
TRANSITIONS = ("plan", "start", "complete", "stop")
TRANSITION_TARGETS = {
    "plan": InterventionStatus.PLANNED,
    "start": InterventionStatus.RUNNING,
    "complete": InterventionStatus.COMPLETED,
    "stop": InterventionStatus.STOPPED,
}


# ---------------------------------------------------------------------------------------------
# Helpers


def _require_edit(*, actor: User, intervention: Intervention) -> None:
    require(
        actor,
        "interventions.edit_intervention",
        intervention,
        message=_("Alleen het programmabureau van %(area)s kan deze interventie wijzigen.")
        % {"area": intervention.area},
    )


def _locked(intervention: Intervention) -> Intervention:
    return Intervention.objects.select_for_update().get(pk=intervention.pk)


def _check_organisations(*, area: Area, lead: Organisation | None, partners: Iterable[Organisation]) -> None:
    """Lead and partners are organisations of the intervention's own area or national ones."""
    foreign = [o.name for o in [lead, *partners] if o is not None and o.area_id not in (None, area.pk)]
    if foreign:
        raise ValidationError(
            _("Trekker en partners horen bij %(area)s of zijn landelijk; niet: %(names)s.")
            % {"area": area, "names": ", ".join(foreign)},
            code="organisation_outside_area",
        )


def _validate(obj) -> None:
    """Field rules (ages 0–120, figures ≥ 0), model rules (end not before start) and constraints."""
    obj.full_clean()


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    return dict(fields)


# The SPUK theme is funding's data (`interventions.extensions`); it is edited with the other fields.
THEME = "theme"
_KEEP = object()


def _split_theme(fields: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The model fields, and the theme to store (or `_KEEP` when the caller did not send one)."""
    theme = fields.pop(THEME, _KEEP)
    return fields, theme


# ---------------------------------------------------------------------------------------------
# Interventions


@transaction.atomic
def intervention_create(
    *,
    actor: User,
    area: Area,
    fields: Mapping[str, Any],
    partners: Iterable[Organisation] = (),
    comment: str = "",
) -> Intervention:
    """A new intervention in `area`, starting as an idea. Only that area's programme bureau (or an admin)."""
    require(
        actor,
        "interventions.create_intervention",
        area,
        message=_("U kunt alleen interventies in uw eigen gebied vastleggen."),
    )
    partners = list(partners)
    model_fields, theme = _split_theme(_clean_fields(fields))
    intervention = Intervention(area=area, status=InterventionStatus.IDEA, **model_fields)
    _check_organisations(area=area, lead=intervention.lead_organisation, partners=partners)
    _validate(intervention)
    intervention.save()
    intervention.partners.set(partners)
    if theme is not _KEEP:
        funding_provider().set_theme(intervention=intervention, theme=theme)
    record_transition(obj=intervention, source="", target=intervention.status, actor=actor, comment=comment)
    return intervention


@transaction.atomic
def intervention_update(
    *,
    intervention: Intervention,
    actor: User,
    fields: Mapping[str, Any],
    partners: Iterable[Organisation] | None = None,
) -> Intervention:
    _require_edit(actor=actor, intervention=intervention)
    locked = _locked(intervention)
    model_fields, theme = _split_theme(_clean_fields(fields))
    for name, value in model_fields.items():
        setattr(locked, name, value)
    partner_list = list(partners) if partners is not None else list(locked.partners.all())
    _check_organisations(area=locked.area, lead=locked.lead_organisation, partners=partner_list)
    _validate(locked)
    locked.save()
    if partners is not None:
        locked.partners.set(partner_list)
    if theme is not _KEEP:
        funding_provider().set_theme(intervention=locked, theme=theme)
    return locked


def _check_transition(*, intervention: Intervention, name: str) -> None:
    """Refuse a move that the workflow idea → planned → running → completed / stopped does not have."""
    method = getattr(intervention, name, None) if name in TRANSITIONS else None
    if method is None or not can_proceed(method):
        possible = [
            str(TRANSITION_TARGETS[t.name].label)
            for t in intervention.get_available_status_transitions()
            if t.name in TRANSITION_TARGETS
        ]
        target = TRANSITION_TARGETS.get(name)
        raise ValidationError(
            _(
                "Deze statuswijziging is niet toegestaan: een interventie met status ‘%(source)s’ kan niet naar "
                "‘%(target)s’. Mogelijk: %(possible)s."
            )
            % {
                "source": intervention.get_status_display(),
                "target": target.label if target else name,
                "possible": ", ".join(possible) or _("geen (eindstatus)"),
            },
            code="transition_not_allowed",
        )


@transaction.atomic
def intervention_plan(*, intervention: Intervention, actor: User, comment: str = "") -> Intervention:
    _require_edit(actor=actor, intervention=intervention)
    locked = _locked(intervention)
    _check_transition(intervention=locked, name="plan")
    return apply_transition(obj=locked, name="plan", actor=actor, comment=comment)


@transaction.atomic
def intervention_start(*, intervention: Intervention, actor: User, comment: str = "") -> Intervention:
    _require_edit(actor=actor, intervention=intervention)
    locked = _locked(intervention)
    _check_transition(intervention=locked, name="start")
    return apply_transition(obj=locked, name="start", actor=actor, comment=comment)


@transaction.atomic
def intervention_complete(
    *,
    intervention: Intervention,
    actor: User,
    end_date: date | None = None,
    actuals: Mapping[int, Decimal | None] | None = None,
    comment: str = "",
) -> Intervention:
    """Complete a running intervention: it needs an end date and a final figure for every output measure."""
    _require_edit(actor=actor, intervention=intervention)
    locked = _locked(intervention)
    _check_transition(intervention=locked, name="complete")
    end_date = end_date or locked.end_date
    errors: dict[str, list[str]] = {}
    if end_date is None:
        errors["end_date"] = [_("Afronden vraagt een einddatum.")]
    elif locked.start_date and end_date < locked.start_date:
        errors["end_date"] = [_("De einddatum mag niet voor de startdatum liggen.")]
    outputs = list(OutputMeasure.objects.select_for_update().filter(intervention=locked).order_by("pk"))
    actuals = dict(actuals or {})
    unknown = set(actuals) - {o.pk for o in outputs}
    if unknown:
        errors.setdefault("actuals", []).append(
            _("Deze outputmaten horen niet bij de interventie: %s.") % sorted(unknown)
        )
    for output in outputs:
        if output.pk in actuals and actuals[output.pk] is not None:
            output.actual = actuals[output.pk]
    if not outputs:
        errors.setdefault("actuals", []).append(
            _("Afronden vraagt eindcijfers: leg eerst minstens één outputmaat met doel en realisatie vast.")
        )
    missing = [o.name for o in outputs if o.actual is None]
    if missing:
        errors.setdefault("actuals", []).append(
            _("Afronden vraagt voor elke outputmaat een gerealiseerd eindcijfer; ontbreekt bij: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    negative = [o.name for o in outputs if o.actual is not None and o.actual < 0]
    if negative:
        errors.setdefault("actuals", []).append(
            _("Bedragen en aantallen mogen niet negatief zijn (%(names)s).") % {"names": ", ".join(negative)}
        )
    if errors:
        raise ValidationError(errors)
    for output in outputs:
        output.save(update_fields=["actual"])
    return apply_transition(obj=locked, name="complete", actor=actor, comment=comment, end_date=end_date)


@transaction.atomic
def intervention_stop(*, intervention: Intervention, actor: User, reason: str) -> Intervention:
    """Stop an intervention that has not ended yet; the reason is kept on it and in the history."""
    _require_edit(actor=actor, intervention=intervention)
    locked = _locked(intervention)
    _check_transition(intervention=locked, name="stop")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Stoppen vraagt een reden.")]}, code="stop_needs_reason")
    return apply_transition(obj=locked, name="stop", actor=actor, comment=reason, reason=reason)


def intervention_transition(*, intervention: Intervention, actor: User, name: str, **params) -> Intervention:
    """Dispatch a transition by name (pages and API); an unknown name is refused like an illegal move."""
    if name not in TRANSITIONS:
        _check_transition(intervention=intervention, name=name)
    service = {
        "plan": intervention_plan,
        "start": intervention_start,
        "complete": intervention_complete,
        "stop": intervention_stop,
    }[name]
    return service(intervention=intervention, actor=actor, **params)


@transaction.atomic
def intervention_copy(*, source: Intervention, actor: User) -> Intervention:
    """Copy a library intervention into the actor's own area as an idea that links back to the source."""
    require(
        actor,
        "interventions.copy_intervention",
        message=_("Alleen medewerkers van een programmabureau kunnen een interventie naar hun eigen gebied overnemen."),
    )
    copy = Intervention(
        area_id=actor.area_id,
        status=InterventionStatus.IDEA,
        copied_from=source,
        **{name: getattr(source, name) for name in COPIED_FIELDS if name != THEME},
    )
    _validate(copy)
    copy.save()
    provider = funding_provider()
    provider.set_theme(intervention=copy, theme=provider.theme_of(source))
    OutputMeasure.objects.bulk_create(
        OutputMeasure(intervention=copy, name=o.name, unit=o.unit, target=o.target)
        for o in OutputMeasure.objects.filter(intervention=source).order_by("pk")
    )
    record_transition(
        obj=copy,
        source="",
        target=copy.status,
        actor=actor,
        comment=_("Overgenomen uit de bibliotheek: %(title)s (%(area)s).")
        % {"title": source.title, "area": source.area},
    )
    return copy


# ---------------------------------------------------------------------------------------------
# Outputs, progress and other funding


@transaction.atomic
def output_measure_create(
    *,
    intervention: Intervention,
    actor: User,
    name: str,
    unit: str,
    target: Decimal | None = None,
    actual: Decimal | None = None,
) -> OutputMeasure:
    _require_edit(actor=actor, intervention=intervention)
    _locked(intervention)
    output = OutputMeasure(intervention=intervention, name=name, unit=unit, target=target, actual=actual)
    _validate(output)
    output.save()
    return output


@transaction.atomic
def output_measure_update(
    *,
    output: OutputMeasure,
    actor: User,
    name: str,
    unit: str,
    target: Decimal | None,
    actual: Decimal | None,
) -> OutputMeasure:
    _require_edit(actor=actor, intervention=output.intervention)
    locked = OutputMeasure.objects.select_for_update().get(pk=output.pk)
    locked.name, locked.unit, locked.target, locked.actual = name, unit, target, actual
    _validate(locked)
    locked.save()
    return locked


@transaction.atomic
def progress_update_create(
    *,
    intervention: Intervention,
    actor: User,
    year: int,
    quarter: int,
    narrative: str,
    rag_status: str,
    reach: int | None = None,
) -> ProgressUpdate:
    """A quarterly report on a running intervention: narrative, reach and green / amber / red."""
    _require_edit(actor=actor, intervention=intervention)
    locked = _locked(intervention)
    if locked.status != InterventionStatus.RUNNING:
        raise ValidationError(
            _(
                "Voortgang wordt per kwartaal gerapporteerd zolang een interventie loopt; deze heeft status ‘%(status)s’."
            )
            % {"status": locked.get_status_display()},
            code="progress_needs_running",
        )
    update = ProgressUpdate(
        intervention=locked,
        year=year,
        quarter=quarter,
        narrative=narrative,
        reach=reach,
        rag_status=ProgressStatus(rag_status) if rag_status in ProgressStatus.values else rag_status,
    )
    _validate(update)
    update.save()
    return update


@transaction.atomic
def other_funding_create(
    *, intervention: Intervention, actor: User, source: str, amount: Decimal, note: str = ""
) -> OtherFunding:
    """Money from outside the SPUK application (municipality, housing corporation, Preventie met Gezag, …)."""
    _require_edit(actor=actor, intervention=intervention)
    _locked(intervention)
    funding = OtherFunding(
        intervention=intervention,
        source=FundingSource(source) if source in FundingSource.values else source,
        amount=amount,
        note=note,
    )
    _validate(funding)
    funding.save()
    return funding


@transaction.atomic
def other_funding_delete(*, funding: OtherFunding, actor: User) -> None:
    _require_edit(actor=actor, intervention=funding.intervention)
    _locked(funding.intervention)
    funding.delete()
