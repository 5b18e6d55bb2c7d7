"""E-mails about applications: who hears what, in Dutch.

Called by the services inside the step's transaction: each e-mail becomes an outbox row
(`core.outbox.enqueue`) that is sent after the commit, so a mail server or broker that is down never
breaks a committed step, and nothing is lost.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role, User
from core import outbox
from core.money import euro

from .models import INTEGRAL, Application, GrantDecision, InformationRequest


def _addresses(users) -> list[str]:
    return sorted({u.email for u in users.filter(is_active=True).exclude(email="")})


def bureau_of(application: Application) -> list[str]:
    return _addresses(User.objects.filter(role=Role.PROGRAMME_BUREAU, area=application.area_id))


def reviewers_for(application: Application) -> list[str]:
    """Reviewers of the ministries whose themes the application asks for; the national team for the integral part."""
    ministries = application.lines.ministries()
    users = User.objects.filter(role=Role.MINISTRY_REVIEWER, ministry__in=ministries - {INTEGRAL})
    addresses = _addresses(users)
    if INTEGRAL in ministries:
        addresses = sorted(set(addresses) | set(_addresses(User.objects.filter(role=Role.NATIONAL_TEAM))))
    return addresses


def _send(subject: str, body: str, recipients: list[str]) -> int:
    """Queue one message per recipient in the outbox; returns how many."""
    return len(outbox.enqueue(recipients=recipients, subject=subject, body=body)) if recipients else 0


def application_submitted(application_id: int) -> int:
    application = Application.objects.select_related("area", "scheme").get(pk=application_id)
    with override("nl"):
        subject = _("Aanvraag %(reference)s ingediend: %(area)s") % {
            "reference": application.reference,
            "area": application.area.name,
        }
        body = _(
            "Het programmabureau van %(area)s heeft de aanvraag %(reference)s voor %(scheme)s ingediend.\n"
            "U vindt de regels van uw thema's in het beheer: %(url)s\n"
        ) % {
            "area": application.area.name,
            "reference": application.reference,
            "scheme": application.scheme.name,
            "url": reverse("admin:funding_applicationline_changelist") + f"?application__id__exact={application.pk}",
        }
    return _send(subject, body, reviewers_for(application))


def information_requested(request_id: int) -> int:
    request = InformationRequest.objects.select_related("application__area").get(pk=request_id)
    application = request.application
    with override("nl"):
        subject = _("Vraag over aanvraag %(reference)s") % {"reference": application.reference}
        body = _(
            "Bij de beoordeling van aanvraag %(reference)s is een vraag gesteld:\n\n%(question)s\n\n"
            "Graag uw antwoord uiterlijk %(deadline)s, via %(url)s\n"
        ) % {
            "reference": application.reference,
            "question": request.question,
            "deadline": request.deadline.strftime("%d-%m-%Y"),
            "url": application.get_absolute_url(),
        }
    return _send(subject, body, bureau_of(application))


def application_decided(decision_id: int) -> int:
    decision = GrantDecision.objects.select_related("application__area").get(pk=decision_id)
    application = decision.application
    with override("nl"):
        subject = _("Beschikking %(reference)s: %(outcome)s") % {
            "reference": decision.reference,
            "outcome": decision.get_outcome_display().lower(),
        }
        body = _(
            "Over aanvraag %(application)s is besloten: %(outcome)s, in totaal %(total)s.\n"
            "De beschikking staat bij de aanvraag: %(url)s\n"
        ) % {
            "application": application.reference,
            "outcome": decision.get_outcome_display().lower(),
            "total": euro(decision.total_granted),
            "url": application.get_absolute_url(),
        }
    return _send(subject, body, bureau_of(application))
