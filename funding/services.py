"""Every write of an application: drafting lines, submitting, reviewing, deciding.

Each service is one transaction. It locks the application row first (and, where money is at stake,
the area's ceiling rows after it, always in that order so two services never wait on each other in
a circle), re-reads the state under the lock, checks the permission and the rule, writes, logs the
transition and queues the notifications for after the commit. A broken rule is a `ValidationError`
with a Dutch message that names it; nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances import services as alliance_services
from alliances.models import Decision, DecisionSubject
from core.money import ZERO, cents, check_money, euro, has_more_than_two_decimals
from core.permissions import require
from core.validation import check_date, check_text
from core.workflow import apply_transition

from . import notifications, selectors, tasks
from .models import (
    OPEN_APPLICATION_STATUSES,
    REVIEWABLE_APPLICATION_STATUSES,
    Application,
    ApplicationLine,
    ApplicationStatus,
    Ceiling,
    GrantDecision,
    GrantOutcome,
    InformationRequest,
    Recommendation,
    Review,
    Scheme,
    SisaIndicator,
    Theme,
)


def _lock(application: Application) -> Application:
    """The application row, locked until the transaction ends, with its state read fresh."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("area__municipality", "scheme")
        .get(pk=application.pk)
    )


def _require_visible(actor, application: Application) -> None:
    if not Application.objects.visible_to(actor).filter(pk=application.pk).exists():
        raise PermissionDenied(_("Deze aanvraag valt buiten uw bereik."))


def _require_draft(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(
            _("De aanvraag is %(status)s: de regels liggen vast en kunnen niet meer worden gewijzigd.")
            % {"status": application.get_status_display().lower()},
            code="lines_frozen",
        )


# ---------------------------------------------------------------------------------------------
# Drafting


def application_reference(*, area, scheme: Scheme) -> str:
    base = f"{scheme.code.upper()}-{area.pk:05d}"
    count = Application.objects.filter(area=area, scheme=scheme).count()
    return base if count == 0 else f"{base}-{count + 1}"


@transaction.atomic
def application_create(*, area, scheme: Scheme, actor) -> Application:
    """A new draft for the area; refused while the area has an open application for the scheme."""
    require(actor, "funding.create_application", area)
    if Application.objects.filter(area=area, scheme=scheme, status__in=OPEN_APPLICATION_STATUSES).exists():
        raise ValidationError(_("Dit gebied heeft al een openstaande aanvraag voor deze regeling."), code="open_exists")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                area=area,
                scheme=scheme,
                reference=application_reference(area=area, scheme=scheme),
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Dit gebied heeft al een openstaande aanvraag voor deze regeling."), code="open_exists"
        ) from exc
    return application


@transaction.atomic
def application_line_save(
    *,
    application: Application,
    actor,
    theme: Theme,
    year: int,
    amount: Decimal,
    description: str,
    partners: str = "",
    school_share_in_area: Decimal | None = None,
    interventions: Iterable | None = None,
    line: ApplicationLine | None = None,
) -> ApplicationLine:
    """Add a line to a draft (or change `line`). Exceeding a ceiling is allowed in a draft, not on submit."""
    application = _lock(application)
    require(actor, "funding.edit_application", application)
    _require_draft(application)
    if line is None:
        line = ApplicationLine()
    elif line.pk is not None and not ApplicationLine.objects.filter(pk=line.pk, application=application).exists():
        raise PermissionDenied(_("Deze regel hoort niet bij deze aanvraag."))
    line.application = application
    line.theme = theme
    line.year = year
    line.amount = amount
    line.description = description
    line.partners = partners or ""
    line.school_share_in_area = school_share_in_area
    line.granted_amount = None
    line.full_clean()
    line.save()
    if interventions is not None:
        interventions = list(interventions)
        foreign = [i for i in interventions if i.area_id != application.area_id]
        if foreign:
            raise ValidationError(
                {"interventions": _("Een regel financiert alleen interventies in het eigen gebied.")},
                code="intervention_other_area",
            )
        line.interventions.set(interventions)
    return line


@transaction.atomic
def application_line_delete(*, line: ApplicationLine, actor) -> None:
    application = _lock(line.application)
    require(actor, "funding.edit_application", application)
    _require_draft(application)
    ApplicationLine.objects.filter(pk=line.pk, application=application).delete()


def ceiling_warnings(*, application: Application) -> list[str]:
    """The themes over their ceiling: allowed while drafting, refused on submit."""
    return [
        _excess_message(row)
        for row in selectors.ceiling_overview(area=application.area, scheme=application.scheme)
        if row["remaining"] < 0
    ]


def _excess_message(row: dict) -> str:
    values = {
        "theme": row["theme"].name,
        "requested": euro(row["requested"]),
        "ceiling": euro(row["ceiling"]),
        "excess": euro(-row["remaining"]),
    }
    if not row["has_ceiling"]:
        return (
            _(
                "Het thema %(theme)s heeft geen plafond voor dit gebied (plafond %(ceiling)s): "
                "aangevraagd %(requested)s, %(excess)s te veel."
            )
            % values
        )
    return (
        _(
            "Het thema %(theme)s overschrijdt het plafond: aangevraagd %(requested)s, plafond %(ceiling)s, %(excess)s te veel."
        )
        % values
    )


# ---------------------------------------------------------------------------------------------
# Submitting and withdrawing


def _check_endorsement(*, application: Application, endorsement: Decision | None) -> Decision:
    """The alliance's endorsement of this one application (see `alliances.services.endorsement_validate`)."""
    return alliance_services.endorsement_validate(
        decision=endorsement,
        target=application,
        area_id=application.area_id,
        subject=DecisionSubject.ENDORSE_APPLICATION,
        on=timezone.localdate(),
    )


@transaction.atomic
def application_submit(
    *, application: Application, actor, endorsement: Decision | None, comment: str = ""
) -> Application:
    """Submit a draft: at least one line, every line valid, every theme within its ceiling, endorsed."""
    application = _lock(application)
    require(actor, "funding.edit_application", application)
    _require_draft(application)
    # The area's ceilings are locked too: a second application of the area waits here.
    list(
        Ceiling.objects.select_for_update(of=("self",)).filter(area=application.area, theme__scheme=application.scheme)
    )
    lines = list(application.lines.select_related("theme", "application__scheme"))
    if not lines:
        raise ValidationError(_("Een aanvraag zonder regels kan niet worden ingediend."), code="no_lines")
    _check_endorsement(application=application, endorsement=endorsement)
    problems = []
    for line in lines:
        try:
            line.full_clean()
        except ValidationError as exc:
            problems += [f"{line.theme.name} {line.year}: {message}" for message in exc.messages]
    problems += ceiling_warnings(application=application)
    if problems:
        raise ValidationError(problems, code="submit_refused")
    if Application.objects.filter(endorsement=endorsement).exclude(pk=application.pk).exists():
        raise ValidationError(
            {"endorsement": _("Regel instemming: dit besluit is al gebruikt voor een andere aanvraag.")},
            code="endorsement_reused",
        )
    application.endorsement = alliance_services.endorsement_bind(
        decision=endorsement,
        target=application,
        area_id=application.area_id,
        subject=DecisionSubject.ENDORSE_APPLICATION,
        on=timezone.localdate(),
    )
    application.submitted_at = timezone.now()
    apply_transition(obj=application, name="submit", actor=actor, comment=comment)
    notifications.application_submitted(application.pk)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor, comment: str = "") -> Application:
    application = _lock(application)
    require(actor, "funding.edit_application", application)
    return apply_transition(obj=application, name="withdraw", actor=actor, comment=comment)


# ---------------------------------------------------------------------------------------------
# Review


def _start_review_locked(application: Application, actor, comment: str) -> Application:
    return apply_transition(obj=application, name="start_review", actor=actor, comment=comment)


@transaction.atomic
def application_start_review(*, application: Application, actor, comment: str = "") -> Application:
    """Submitted → in review. Also happens by itself with the first recommendation or question."""
    application = _lock(application)
    require(actor, "funding.start_review", application)
    _require_visible(actor, application)
    return _start_review_locked(application, actor, comment)


def review_check(
    *,
    line: ApplicationLine,
    actor,
    recommendation: str,
    reason: str,
    recommended_amount: Decimal | None = None,
) -> Decimal:
    """The rules of a recommendation (no writes); returns the amount it advises."""
    require(
        actor,
        "funding.review_line",
        line,
        message=_("U beoordeelt alleen regels van de thema's van uw eigen ministerie."),
    )
    _require_visible(actor, line.application)
    if line.application.status not in REVIEWABLE_APPLICATION_STATUSES:
        raise ValidationError(
            _("Een regel kan alleen worden beoordeeld als de aanvraag is ingediend of in beoordeling is."),
            code="not_reviewable",
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Een advies heeft een motivering.")}, code="reason_missing")
    if recommendation == Recommendation.GRANT_FULL:
        return line.amount
    if recommendation == Recommendation.REJECT:
        return ZERO
    if recommendation == Recommendation.GRANT_AMOUNT:
        if recommended_amount is None:
            raise ValidationError({"recommended_amount": _("Bij 'bedrag toekennen' hoort een bedrag.")})
        return _check_granted(line, recommended_amount, field="recommended_amount")
    raise ValidationError({"recommendation": _("Kies een advies.")})


@transaction.atomic
def review_record(
    *,
    line: ApplicationLine,
    actor,
    recommendation: str,
    reason: str,
    recommended_amount: Decimal | None = None,
) -> Review:
    """A reviewer's recommendation on one line. A later one replaces the earlier as the advice.

    The first recommendation on a submitted application starts its review.
    """
    application = _lock(line.application)
    line = ApplicationLine.objects.select_related("theme").get(pk=line.pk)
    line.application = application
    amount = review_check(
        line=line, actor=actor, recommendation=recommendation, reason=reason, recommended_amount=recommended_amount
    )
    if application.status == ApplicationStatus.SUBMITTED:
        _start_review_locked(application, actor, _("Beoordeling gestart met het eerste advies."))
    return Review.objects.create(
        line=line, reviewer=actor, recommendation=recommendation, recommended_amount=amount, reason=reason.strip()
    )


def _check_granted(line: ApplicationLine, amount: Decimal, *, field: str) -> Decimal:
    amount = check_money(amount, field=field)
    if amount < 0 or amount > line.amount:
        raise ValidationError(
            {
                field: _("Het bedrag voor %(line)s ligt tussen € 0,00 en het aangevraagde %(requested)s.")
                % {"line": f"{line.theme.name} {line.year}", "requested": euro(line.amount)}
            },
            code="granted_out_of_range",
        )
    if has_more_than_two_decimals(amount):
        raise ValidationError({field: _("Een bedrag heeft hoogstens twee cijfers achter de komma.")})
    return amount


def information_request_check(*, application: Application, actor, question: str, deadline: date | None) -> None:
    """The rules of a question to the bureau (no writes)."""
    require(actor, "funding.request_information", application)
    _require_visible(actor, application)
    if application.status not in REVIEWABLE_APPLICATION_STATUSES:
        raise ValidationError(
            _("Informatie opvragen kan alleen bij een ingediende aanvraag of een aanvraag in beoordeling."),
            code="not_in_review",
        )
    if not (question or "").strip():
        raise ValidationError({"question": _("Stel een vraag.")}, code="question_missing")
    check_text(question, field="question")
    if deadline is not None:
        check_date(deadline, field="deadline")
    if deadline is None or deadline < timezone.localdate():
        raise ValidationError(
            {"deadline": _("De uiterste antwoorddatum ligt vandaag of later.")}, code="deadline_in_past"
        )


@transaction.atomic
def information_request_create(*, application: Application, actor, question: str, deadline: date) -> InformationRequest:
    """Ask the programme bureau a question; the application waits in 'information requested'."""
    application = _lock(application)
    information_request_check(application=application, actor=actor, question=question, deadline=deadline)
    if application.status == ApplicationStatus.SUBMITTED:
        _start_review_locked(application, actor, _("Beoordeling gestart met een informatieverzoek."))
    if application.status == ApplicationStatus.IN_REVIEW:
        apply_transition(obj=application, name="request_info", actor=actor, comment=question.strip())
    request = InformationRequest.objects.create(
        application=application, question=question.strip(), deadline=deadline, asked_by=actor
    )
    notifications.information_requested(request.pk)
    return request


@transaction.atomic
def information_request_answer(*, request: InformationRequest, actor, answer: str) -> InformationRequest:
    """The bureau answers; with no question left open the application goes back into review."""
    application = _lock(request.application)
    require(actor, "funding.edit_application", application)
    request = InformationRequest.objects.select_for_update().get(pk=request.pk, application=application)
    if request.answered_at is not None:
        raise ValidationError(_("Deze vraag is al beantwoord."), code="already_answered")
    if application.status != ApplicationStatus.INFO_REQUESTED:
        raise ValidationError(_("Er wordt geen informatie gevraagd bij deze aanvraag."), code="not_requested")
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Geef een antwoord.")}, code="answer_missing")
    check_text(answer, field="answer")
    request.answer = answer.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    if not application.information_requests.filter(answered_at__isnull=True).exists():
        apply_transition(
            obj=application, name="resubmit", actor=actor, comment=_("Informatie aangevuld en opnieuw ingediend.")
        )
    return request


# ---------------------------------------------------------------------------------------------
# Decision (four eyes)


def recommended_grants(*, application: Application) -> dict[int, Decimal | None]:
    """Per line id the amount the latest recommendation advises (None: no recommendation yet)."""
    latest = Review.objects.filter(line=OuterRef("pk")).order_by("-created_at", "-pk")
    lines = ApplicationLine.objects.filter(application=application).annotate(
        advised=Subquery(latest.values("recommended_amount")[:1])
    )
    return {line.pk: line.advised for line in lines}


@transaction.atomic
def application_decide(
    *,
    application: Application,
    actor,
    granted: Mapping[int, Decimal] | None = None,
    comment: str = "",
) -> GrantDecision:
    """Decide on an application in review: granted per line (≤ requested), outcome from the amounts.

    Four eyes: whoever recommended on any line of this application may not decide on it. Every
    line needs a recommendation first; without `granted` the recommendations are followed.
    """
    application = _lock(application)
    require(
        actor,
        "funding.decide_application",
        application,
        message=_("Alleen het nationaal programmateam besluit over een aanvraag."),
    )
    if application.status != ApplicationStatus.IN_REVIEW:
        raise ValidationError(
            _("Alleen over een aanvraag in beoordeling kan worden besloten (deze is %(status)s).")
            % {"status": application.get_status_display().lower()},
            code="not_in_review",
        )
    if actor.pk in selectors.involved_in(application=application):
        raise PermissionDenied(
            _(
                "Vier ogen: u heeft deze aanvraag opgesteld, ingediend, beoordeeld of er informatie over "
                "gevraagd, en mag er daarom niet over besluiten."
            )
        )
    # The area's ceilings are locked after the application (the lock order of submit) and checked again:
    # a ceiling may have been changed since the submission.
    list(
        Ceiling.objects.select_for_update(of=("self",)).filter(area=application.area, theme__scheme=application.scheme)
    )
    over = ceiling_warnings(application=application)
    if over:
        raise ValidationError(over, code="ceiling_exceeded")
    lines = list(application.lines.select_for_update(of=("self",)).select_related("theme").order_by("pk"))
    advice = recommended_grants(application=application)
    missing = [f"{line.theme.name} {line.year}" for line in lines if advice.get(line.pk) is None]
    if missing:
        raise ValidationError(
            _("Elke regel heeft eerst een advies nodig; nog zonder advies: %(lines)s.") % {"lines": ", ".join(missing)},
            code="recommendation_missing",
        )
    granted = dict(granted or {})
    unknown = set(granted) - {line.pk for line in lines}
    if unknown:
        raise ValidationError(_("Onbekende regels in het besluit: %(ids)s.") % {"ids": sorted(unknown)})
    for line in lines:
        amount = _check_granted(line, granted.get(line.pk, advice[line.pk]), field="granted")
        line.granted_amount = amount
        # One save per line (not bulk_update): each granted amount gets its own history entry.
        line.save(update_fields=["granted_amount"])
    if all(line.granted_amount == line.amount for line in lines):
        outcome, transition = GrantOutcome.GRANTED, "grant"
    elif all(line.granted_amount == 0 for line in lines):
        outcome, transition = GrantOutcome.REJECTED, "reject"
    else:
        outcome, transition = GrantOutcome.PARTLY_GRANTED, "grant_partly"
    total = cents(application.lines.aggregate(total=Sum("granted_amount"))["total"])
    apply_transition(obj=application, name=transition, actor=actor, comment=comment)
    decision = GrantDecision.objects.create(
        application=application,
        reference=f"BES-{application.reference}",
        outcome=outcome,
        decided_by=actor,
        decided_at=timezone.now(),
        total_granted=total,
    )
    # A broker that is down must not turn the committed decision into an error page: the letter is
    # also written when it is first downloaded.
    transaction.on_commit(lambda: tasks.decision_letter_generate.delay(decision.pk), robust=True)
    notifications.application_decided(decision.pk)
    return decision


@transaction.atomic
def decision_letter_generate(*, decision: GrantDecision) -> GrantDecision:
    """Write the decision letter (PDF) into the decision's private file, once."""
    from .letters import decision_letter_pdf

    decision = GrantDecision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    if decision.letter:
        return decision
    pdf = decision_letter_pdf(decision=decision)
    decision.letter.save(f"beschikking-{decision.reference}.pdf", ContentFile(pdf), save=False)
    decision.save(update_fields=["letter"])
    return decision


# ---------------------------------------------------------------------------------------------
# Budgets: ceilings per area and theme, theme budgets per scheme (reference data, kept by the admin)


def claimed_in_open_or_granted(*, area, theme: Theme) -> Decimal:
    """What submitted, in-review and granted applications of the area claim of the theme (drafts may
    still exceed a ceiling; they are checked on submit)."""
    total = ApplicationLine.objects.filter(
        application__area=area,
        theme=theme,
        application__status__in=[s for s in selectors.COUNTING_STATUSES if s != ApplicationStatus.DRAFT],
    ).aggregate(total=Sum(selectors.CLAIMED))["total"]
    return cents(total)


@transaction.atomic
def ceiling_update(*, ceiling: Ceiling, actor, amount) -> Ceiling:
    """Set an area's ceiling for a theme; never below what open or granted applications already claim."""
    require(actor, "funding.change_ceiling", ceiling)
    ceiling = Ceiling.objects.select_for_update().select_related("theme", "area").get(pk=ceiling.pk)
    amount = check_money(amount, field="amount")
    claimed = claimed_in_open_or_granted(area=ceiling.area, theme=ceiling.theme)
    if amount < claimed:
        raise ValidationError(
            {
                "amount": _(
                    "Regel plafond: %(area)s vraagt voor %(theme)s al %(claimed)s aan in ingediende of "
                    "toegekende aanvragen; het plafond kan niet lager."
                )
                % {"area": ceiling.area.name, "theme": ceiling.theme.name, "claimed": euro(claimed)}
            },
            code="ceiling_below_claimed",
        )
    ceiling.amount = amount
    ceiling.is_illustrative = False
    ceiling.full_clean()
    ceiling.save(update_fields=["amount", "is_illustrative"])
    return ceiling


@transaction.atomic
def theme_budgets_update(
    *, scheme: Scheme, actor, budgets: Mapping[int, Decimal], total_budget: Decimal | None = None
) -> Scheme:
    """Change theme budgets (and, if given, the scheme's total) together: afterwards the themes with a
    budget add up to the scheme's total exactly."""
    require(actor, "funding.change_theme", scheme)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    themes = {theme.pk: theme for theme in Theme.objects.select_for_update().filter(scheme=scheme)}
    unknown = set(budgets) - set(themes)
    if unknown:
        raise ValidationError(_("Deze thema's horen niet bij de regeling: %(ids)s.") % {"ids": sorted(unknown)})
    for pk, amount in budgets.items():
        themes[pk].budget = check_money(amount, field="budget")
    if total_budget is not None:
        scheme.total_budget = check_money(total_budget, field="total_budget")
    with_budget = [theme.budget for theme in themes.values() if theme.budget is not None]
    if with_budget and sum(with_budget, ZERO) != scheme.total_budget:
        raise ValidationError(
            _(
                "Regel themabudgetten: de thema's van %(scheme)s tellen op tot %(sum)s, het totaal van de "
                "regeling is %(total)s; die moeten gelijk zijn."
            )
            % {"scheme": scheme.name, "sum": euro(sum(with_budget, ZERO)), "total": euro(scheme.total_budget or 0)},
            code="theme_budgets_sum",
        )
    for pk in budgets:
        themes[pk].full_clean()
        themes[pk].save(update_fields=["budget"])
    if total_budget is not None:
        scheme.full_clean()
        scheme.save(update_fields=["total_budget"])
    return scheme


# ---------------------------------------------------------------------------------------------
# SiSa codes: set yearly by the ministry, kept by the national team


@transaction.atomic
def sisa_indicator_save(*, indicator: SisaIndicator, actor) -> SisaIndicator:
    """Add or change a SiSa indicator of a scheme and year. A theme must belong to that scheme, and the
    year must lie within it; a code the national team entered is no longer illustrative."""
    require(actor, "funding.change_sisaindicator" if indicator.pk else "funding.add_sisaindicator", indicator)
    scheme = indicator.scheme
    if not scheme.first_year <= indicator.year <= scheme.last_year + 1:
        raise ValidationError(
            {
                "year": _("Regel SiSa: %(year)s valt buiten de regeling (%(first)s–%(last)s, plus het jaar erna).")
                % {"year": indicator.year, "first": scheme.first_year, "last": scheme.last_year}
            }
        )
    if indicator.theme_id is not None and indicator.theme.scheme_id != scheme.pk:
        raise ValidationError({"theme": _("Regel SiSa: dit thema hoort niet bij de regeling.")})
    indicator.is_illustrative = False
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def sisa_indicator_delete(*, indicator: SisaIndicator, actor) -> None:
    require(actor, "funding.delete_sisaindicator", indicator)
    indicator.delete()
