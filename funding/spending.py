"""Every write of a spending report (verantwoording): drafting lines, submitting, accepting, returning,
reopening, and the final account with the reclaim.

Each service is one transaction that locks the report row (and, where money is at stake, the
application row before it, in the same order as the application services), checks the permission
and the rule, writes and logs the transition. Every refusal is a `ValidationError` whose Dutch
message names the rule and gives the figures.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances.models import Decision, DecisionOutcome, DecisionSubject
from core.money import ZERO, cents, euro, has_more_than_two_decimals
from core.workflow import apply_transition, record_transition

from .accounting_selectors import GRANTED_STATUSES, application_ledger
from .carryover import final_account
from .models import (
    Application,
    ApplicationLine,
    Payment,
    SpendingLine,
    SpendingReport,
    SpendingReportStatus,
    Theme,
)

# A yearly spending that differs from the planned (granted) amount by more than this share needs an explanation.
EXPLANATION_THRESHOLD = Decimal("0.10")


def _require(actor, perm: str, obj=None, message: str = "") -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("U heeft geen toestemming voor deze handeling."))


def _lock(report: SpendingReport) -> SpendingReport:
    Application.objects.select_for_update(of=("self",)).filter(pk=report.application_id).first()
    return (
        SpendingReport.objects.select_for_update(of=("self",))
        .select_related("application__area__municipality", "application__scheme")
        .get(pk=report.pk)
    )


def _require_draft(report: SpendingReport) -> None:
    if report.status != SpendingReportStatus.DRAFT:
        raise ValidationError(
            _(
                "De verantwoording %(year)s is %(status)s: de bestedingen liggen vast en kunnen niet meer worden gewijzigd."
            )
            % {"year": report.year, "status": report.get_status_display().lower()},
            code="report_frozen",
        )


def _excess_errors(report: SpendingReport, *, extra: bool = True, accepted_only: bool = False) -> list[str]:
    """Spending above what the grant plus the allowed carry-over permits, up to the report's year."""
    book = application_ledger(
        application=report.application, extra_report=report if extra else None, accepted_only=accepted_only
    )
    names = dict(Theme.objects.filter(scheme=report.application.scheme).values_list("pk", "name"))
    return [
        _(
            "Regel meenemen: op %(theme)s is in %(year)s %(spent)s besteed, maar beschikbaar was %(available)s "
            "(toegekend %(granted)s, meegenomen %(carried)s); %(excess)s te veel."
        )
        % {
            "theme": names.get(cell.theme, cell.theme),
            "year": cell.year,
            "spent": euro(cell.spent),
            "available": euro(cell.available),
            "granted": euro(cell.granted),
            "carried": euro(cell.carried_in + cell.moved_in - cell.moved_out),
            "excess": euro(cell.excess),
        }
        for cell in book.excesses(until=report.year)
    ]


def _earlier_years_not_accepted(report: SpendingReport) -> list[int]:
    scheme = report.application.scheme
    accepted = set(
        SpendingReport.objects.filter(
            application=report.application, status=SpendingReportStatus.ACCEPTED, year__lt=report.year
        ).values_list("year", flat=True)
    )
    return [year for year in range(scheme.first_year, report.year) if year not in accepted]


def _check_final_after_earlier(report: SpendingReport) -> None:
    missing = _earlier_years_not_accepted(report)
    if report.is_final and missing:
        raise ValidationError(
            _(
                "Regel eindverantwoording: de eindverantwoording %(year)s kan pas als elk eerder jaar is geaccepteerd; nog niet geaccepteerd: %(years)s."
            )
            % {"year": report.year, "years": ", ".join(str(y) for y in missing)},
            code="earlier_years_open",
        )


# ---------------------------------------------------------------------------------------------
# Drafting


@transaction.atomic
def spending_report_create(*, application: Application, year: int, actor) -> SpendingReport:
    """A draft report for a granted application and one year of its scheme, not in the future, once per year."""
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("scheme", "area").get(pk=application.pk)
    )
    _require(actor, "funding.edit_spending_report", application)
    scheme = application.scheme
    if application.status not in GRANTED_STATUSES:
        raise ValidationError(
            _(
                "Regel verantwoording na toekenning: aanvraag %(reference)s is %(status)s; alleen een toegekende aanvraag wordt verantwoord."
            )
            % {"reference": application.reference, "status": application.get_status_display().lower()},
            code="not_granted",
        )
    if year is None or not scheme.first_year <= year <= scheme.last_year:
        raise ValidationError(
            {
                "year": _("Regel jaar: %(year)s valt buiten de regeling %(scheme)s (%(first)s–%(last)s).")
                % {"year": year, "scheme": scheme.name, "first": scheme.first_year, "last": scheme.last_year}
            },
            code="year_outside_scheme",
        )
    this_year = timezone.localdate().year
    if year > this_year:
        raise ValidationError(
            {
                "year": _("Regel jaar: %(year)s ligt in de toekomst (het is nu %(now)s).")
                % {"year": year, "now": this_year}
            },
            code="year_in_future",
        )
    if SpendingReport.objects.filter(application=application, year=year).exists():
        raise ValidationError(
            {
                "year": _("Regel één per jaar: aanvraag %(reference)s heeft al een verantwoording over %(year)s.")
                % {"reference": application.reference, "year": year}
            },
            code="report_exists",
        )
    report = SpendingReport(application=application, year=year, is_final=year == scheme.last_year, created_by=actor)
    _check_final_after_earlier(report)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Regel één per jaar: aanvraag %(reference)s heeft al een verantwoording over %(year)s.")
            % {"reference": application.reference, "year": year},
            code="report_exists",
        ) from exc
    record_transition(obj=report, source="", target=report.status, actor=actor)
    return report


@transaction.atomic
def spending_line_save(
    *,
    report: SpendingReport,
    actor,
    theme: Theme,
    amount: Decimal,
    explanation: str = "",
    intervention=None,
    line: SpendingLine | None = None,
) -> SpendingLine:
    """Add (or change) a line of a draft: spending ≥ 0 on a theme of the scheme, within grant plus carry-over."""
    report = _lock(report)
    _require(actor, "funding.edit_spending_report", report)
    _require_draft(report)
    application = report.application
    errors = {}
    if theme.scheme_id != application.scheme_id:
        errors["theme"] = _("Het thema %(theme)s hoort niet bij de regeling %(scheme)s.") % {
            "theme": theme.name,
            "scheme": application.scheme.name,
        }
    if amount is None or amount < 0:
        errors["amount"] = _("Regel niet negatief: besteed %(amount)s op %(theme)s is minder dan € 0,00.") % {
            "amount": euro(amount or 0),
            "theme": theme.name,
        }
    elif has_more_than_two_decimals(amount):
        errors["amount"] = _("Een bedrag heeft hoogstens twee cijfers achter de komma.")
    if intervention is not None and intervention.area_id != application.area_id:
        errors["intervention"] = _("Een besteding hoort bij een interventie in het eigen gebied.")
    if errors:
        raise ValidationError(errors, code="line_invalid")
    if line is None:
        line = SpendingLine(report=report)
    elif not SpendingLine.objects.filter(pk=line.pk, report=report).exists():
        raise PermissionDenied(_("Deze besteding hoort niet bij deze verantwoording."))
    line.report = report
    line.theme = theme
    line.intervention = intervention
    line.amount = amount
    line.explanation = (explanation or "").strip()
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"theme": _("Dit thema (met deze interventie) staat al in de verantwoording.")}, code="line_exists"
        ) from exc
    problems = _excess_errors(report)
    if problems:
        raise ValidationError({"amount": problems}, code="above_available")
    return line


@transaction.atomic
def spending_line_delete(*, line: SpendingLine, actor) -> None:
    report = _lock(line.report)
    _require(actor, "funding.edit_spending_report", report)
    _require_draft(report)
    SpendingLine.objects.filter(pk=line.pk, report=report).delete()


def planned_per_theme(report: SpendingReport) -> dict[int, Decimal]:
    """The granted amount per theme for the report's year: what the bureau planned to spend."""
    return {
        row["theme_id"]: cents(row["total"])
        for row in ApplicationLine.objects.filter(application=report.application, year=report.year)
        .order_by()
        .values("theme_id")
        .annotate(total=Sum("granted_amount"))
    }


def explanation_errors(report: SpendingReport) -> list[str]:
    """Themes whose spending differs from the plan by more than 10% without an explanation."""
    planned = planned_per_theme(report)
    spent: dict[int, Decimal] = {}
    explained: set[int] = set()
    for line in report.lines.all():
        spent[line.theme_id] = spent.get(line.theme_id, ZERO) + line.amount
        if line.explanation.strip():
            explained.add(line.theme_id)
    names = dict(Theme.objects.filter(scheme=report.application.scheme).values_list("pk", "name"))
    problems = []
    for theme_id in sorted(set(planned) | set(spent), key=lambda pk: list(names).index(pk) if pk in names else 0):
        plan = planned.get(theme_id, ZERO)
        actual = spent.get(theme_id, ZERO)
        if abs(actual - plan) > plan * EXPLANATION_THRESHOLD and theme_id not in explained:
            share = f"{(abs(actual - plan) / plan * 100):.0f}%" if plan else "100%"
            problems.append(
                _(
                    "Regel toelichting: op %(theme)s is %(spent)s besteed tegen %(planned)s gepland, %(share)s verschil "
                    "(meer dan 10%%); licht het verschil toe."
                )
                % {"theme": names.get(theme_id, theme_id), "spent": euro(actual), "planned": euro(plan), "share": share}
            )
    return problems


# ---------------------------------------------------------------------------------------------
# Submitting, accepting, returning, reopening


def _check_endorsement(report: SpendingReport, endorsement: Decision | None) -> Decision:
    if endorsement is None:
        raise ValidationError(
            {
                "endorsement": _(
                    "Regel instemming: indienen kan pas als de alliantie in een overleg met deze verantwoording heeft ingestemd."
                )
            },
            code="endorsement_missing",
        )
    endorsement = Decision.objects.select_related("meeting__alliance").get(pk=endorsement.pk)
    if endorsement.meeting.alliance.area_id != report.application.area_id:
        raise ValidationError(
            {
                "endorsement": _(
                    "Regel instemming: het besluit moet genomen zijn in een overleg van de alliantie van dit gebied."
                )
            },
            code="endorsement_other_area",
        )
    if endorsement.subject != DecisionSubject.ENDORSE_SPENDING_REPORT or endorsement.outcome != DecisionOutcome.ADOPTED:
        raise ValidationError(
            {
                "endorsement": _(
                    "Regel instemming: het besluit moet een aangenomen besluit zijn dat instemt met een verantwoording."
                )
            },
            code="endorsement_not_adopted",
        )
    other = SpendingReport.objects.filter(endorsement=endorsement).exclude(pk=report.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "endorsement": _(
                    "Regel instemming: dit besluit hoort al bij de verantwoording %(year)s van %(reference)s."
                )
                % {"year": other.year, "reference": other.application.reference}
            },
            code="endorsement_bound",
        )
    return endorsement


@transaction.atomic
def spending_report_submit(
    *, report: SpendingReport, actor, endorsement: Decision | None, comment: str = ""
) -> SpendingReport:
    """Submit a draft: at least one line, every difference over 10% explained, no theme above what is
    available, a final report only after every earlier year is accepted, endorsed by the alliance."""
    report = _lock(report)
    _require(actor, "funding.edit_spending_report", report)
    _require_draft(report)
    if not report.lines.exists():
        raise ValidationError(
            _(
                "Een verantwoording zonder bestedingen kan niet worden ingediend; vul per thema in wat is besteed (ook € 0,00)."
            ),
            code="no_lines",
        )
    _check_final_after_earlier(report)
    endorsement = _check_endorsement(report, endorsement)
    problems = explanation_errors(report) + _excess_errors(report)
    if problems:
        raise ValidationError(problems, code="submit_refused")
    report.endorsement = endorsement
    report.submitted_at = timezone.now()
    report.review_comment = ""
    return apply_transition(obj=report, name="submit", actor=actor, comment=comment)


@transaction.atomic
def spending_report_accept(*, report: SpendingReport, actor, comment: str = "") -> SpendingReport:
    """Accept a submitted report. The final report also fixes the grant and the reclaim (vaststelling)."""
    report = _lock(report)
    _require(
        actor,
        "funding.review_spending_report",
        report,
        _("Alleen het nationaal programmateam accepteert een verantwoording."),
    )
    if report.status != SpendingReportStatus.SUBMITTED:
        raise ValidationError(
            _("Alleen een ingediende verantwoording kan worden geaccepteerd (deze is %(status)s).")
            % {"status": report.get_status_display().lower()},
            code="not_submitted",
        )
    _check_final_after_earlier(report)
    problems = _excess_errors(report, accepted_only=True)
    if problems:
        raise ValidationError(problems, code="accept_refused")
    report.accepted_by = actor
    report.accepted_at = timezone.now()
    if report.is_final:
        book = application_ledger(application=report.application, extra_report=report, accepted_only=True)
        paid = cents(
            Payment.objects.filter(grant_decision__application=report.application).aggregate(total=Sum("amount"))[
                "total"
            ]
        )
        account = final_account(book=book, paid=paid)
        report.eligible_amount = account.eligible
        report.paid_amount = account.paid
        report.fixed_amount = account.fixed
        report.reclaim_amount = account.reclaim
        report.still_to_pay_amount = account.still_to_pay
    return apply_transition(obj=report, name="accept", actor=actor, comment=comment)


@transaction.atomic
def spending_report_return(*, report: SpendingReport, actor, comment: str) -> SpendingReport:
    """Send a submitted report back to the bureau, with the comments it needs."""
    report = _lock(report)
    _require(
        actor,
        "funding.review_spending_report",
        report,
        _("Alleen het nationaal programmateam stuurt een verantwoording terug."),
    )
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Geef bij terugsturen aan wat er anders moet.")}, code="comment_missing")
    report.review_comment = comment.strip()
    return apply_transition(obj=report, name="return_to_bureau", actor=actor, comment=comment.strip())


@transaction.atomic
def spending_report_reopen(*, report: SpendingReport, actor, comment: str = "") -> SpendingReport:
    """A returned report becomes a draft again, for the bureau to correct."""
    report = _lock(report)
    _require(actor, "funding.edit_spending_report", report)
    return apply_transition(obj=report, name="reopen", actor=actor, comment=comment)
