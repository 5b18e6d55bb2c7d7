"""Every write of a grant's payments: the schedule stated in the decision letter and the payments made.

Grants are paid to the municipality of the area (Amsterdam's two areas: one municipal account, two
decisions). Each service locks the grant decision's row first, so two payments on one grant never pass
the granted total together. A broken rule is a `ValidationError` whose message gives the figures.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import cents, euro, has_more_than_two_decimals

from .carryover import payment_room
from .models import (
    Application,
    ApplicationStatus,
    GrantDecision,
    GrantOutcome,
    Payment,
    PaymentInstalment,
)

DECIDED_WITH_MONEY = (ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED)


def _require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("Alleen het nationaal programmateam legt betalingen vast."))


def _locked_decision(application: Application) -> GrantDecision:
    """The grant decision of a decided application, locked; refused when nothing is granted."""
    application = Application.objects.select_related("area__municipality", "scheme").get(pk=application.pk)
    decision = (
        GrantDecision.objects.select_for_update(of=("self",))
        .select_related("application__area__municipality", "application__scheme")
        .filter(application=application)
        .first()
    )
    if decision is None or application.status not in DECIDED_WITH_MONEY:
        raise ValidationError(
            _("Regel betalen na besluit: over aanvraag %(reference)s is nog niet besloten (status: %(status)s).")
            % {"reference": application.reference, "status": application.get_status_display().lower()},
            code="not_decided",
        )
    if decision.outcome == GrantOutcome.REJECTED or decision.total_granted <= 0:
        raise ValidationError(
            _("Regel betalen na besluit: aanvraag %(reference)s is afgewezen; er is niets toegekend.")
            % {"reference": application.reference},
            code="nothing_granted",
        )
    return decision


def _check_amount(amount: Decimal) -> None:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Een bedrag is groter dan € 0,00.")}, code="amount_not_positive")
    if has_more_than_two_decimals(amount):
        raise ValidationError({"amount": _("Een bedrag heeft hoogstens twee cijfers achter de komma.")})


def paid_total(decision: GrantDecision) -> Decimal:
    return cents(Payment.objects.filter(grant_decision=decision).aggregate(total=Sum("amount"))["total"])


def scheduled_total(decision: GrantDecision, *, exclude_pk=None) -> Decimal:
    qs = PaymentInstalment.objects.filter(grant_decision=decision)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return cents(qs.aggregate(total=Sum("amount"))["total"])


@transaction.atomic
def payment_instalment_save(
    *,
    application: Application,
    actor,
    year: int,
    amount: Decimal,
    due_on: date,
    instalment: PaymentInstalment | None = None,
) -> PaymentInstalment:
    """Add (or change) a term of the payment schedule: within the scheme's years, the schedule within the grant."""
    _require(actor, "funding.manage_payments", application)
    decision = _locked_decision(application)
    scheme = decision.application.scheme
    _check_amount(amount)
    if not scheme.first_year <= year <= scheme.last_year:
        raise ValidationError(
            {
                "year": _("Het jaar %(year)s valt buiten de regeling (%(first)s–%(last)s).")
                % {"year": year, "first": scheme.first_year, "last": scheme.last_year}
            },
            code="year_outside_scheme",
        )
    planned = scheduled_total(decision, exclude_pk=instalment.pk if instalment else None)
    if planned + amount > decision.total_granted:
        raise ValidationError(
            {
                "amount": _(
                    "Regel niet meer dan toegekend: het betaalschema komt met %(amount)s op %(total)s, "
                    "maar toegekend is %(granted)s (al gepland %(planned)s)."
                )
                % {
                    "amount": euro(amount),
                    "total": euro(planned + amount),
                    "granted": euro(decision.total_granted),
                    "planned": euro(planned),
                }
            },
            code="schedule_above_granted",
        )
    if instalment is None:
        instalment = PaymentInstalment(grant_decision=decision)
    elif instalment.grant_decision_id != decision.pk:
        raise PermissionDenied(_("Deze termijn hoort niet bij deze beschikking."))
    instalment.year = year
    instalment.amount = amount
    instalment.due_on = due_on
    instalment.save()
    return instalment


@transaction.atomic
def payment_instalment_delete(*, instalment: PaymentInstalment, actor) -> None:
    _require(actor, "funding.manage_payments", instalment)
    PaymentInstalment.objects.filter(pk=instalment.pk).delete()


@transaction.atomic
def payment_record(
    *,
    application: Application,
    actor,
    amount: Decimal,
    paid_on: date,
    reference: str,
    municipality=None,
) -> Payment:
    """Record a payment made on a grant: to the area's municipality, never more than granted in all."""
    _require(actor, "funding.manage_payments", application)
    decision = _locked_decision(application)
    own = decision.application.area.municipality
    if municipality is not None and municipality.pk != own.pk:
        raise ValidationError(
            {
                "municipality": _(
                    "Regel betalen aan de gemeente: de uitkering voor %(area)s wordt betaald aan de gemeente "
                    "%(own)s (%(code)s), niet aan %(other)s."
                )
                % {
                    "area": decision.application.area.name,
                    "own": own.name,
                    "code": own.cbs_code,
                    "other": municipality.name,
                }
            },
            code="other_municipality",
        )
    _check_amount(amount)
    if paid_on is None or paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Een betaling is gedaan: de datum ligt niet in de toekomst.")})
    if not (reference or "").strip():
        raise ValidationError({"reference": _("Geef het betalingskenmerk.")}, code="reference_missing")
    paid = paid_total(decision)
    room = payment_room(granted=decision.total_granted, paid=paid)
    if amount > room:
        raise ValidationError(
            {
                "amount": _(
                    "Regel niet meer dan toegekend: met %(amount)s komt het betaalde op %(total)s, maar toegekend is "
                    "%(granted)s (al betaald %(paid)s, nog te betalen ten hoogste %(room)s)."
                )
                % {
                    "amount": euro(amount),
                    "total": euro(paid + amount),
                    "granted": euro(decision.total_granted),
                    "paid": euro(paid),
                    "room": euro(room),
                }
            },
            code="paid_above_granted",
        )
    try:
        with transaction.atomic():
            return Payment.objects.create(
                grant_decision=decision,
                municipality=own,
                year=paid_on.year,
                amount=amount,
                paid_on=paid_on,
                reference=reference.strip(),
                recorded_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"reference": _("Het betalingskenmerk %(reference)s is al gebruikt.") % {"reference": reference.strip()}},
            code="reference_taken",
        ) from exc
