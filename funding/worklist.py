"""Funding's tasks for "Mijn taken" (see core.worklist): questions to answer, drafts to submit,
lines to advise on, applications waiting for a decision, reports to accept."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from core.money import euro
from core.worklist import Task, provider

from . import selectors
from .models import (
    Application,
    ApplicationStatus,
    InformationRequest,
    Review,
    SpendingReport,
    SpendingReportStatus,
)


def _day(value):
    return timezone.localdate(value) if value is not None else None


def _open_requests(user):
    return (
        InformationRequest.objects.visible_to(user)
        .filter(answered_at__isnull=True, application__status=ApplicationStatus.INFO_REQUESTED)
        .select_related("application__area")
        .order_by("deadline", "pk")
    )


def _bureau_tasks(user) -> list[Task]:
    tasks = [
        Task(
            kind="information_request",
            title=_("Informatieverzoek bij %(ref)s beantwoorden") % {"ref": request.application.reference},
            detail=request.question[:140],
            url=reverse("funding:information-answer", kwargs={"pk": request.application_id, "request_pk": request.pk}),
            area=request.application.area.name,
            due=request.deadline,
            since=_day(request.asked_at),
            key=("information_request", request.pk),
        )
        for request in _open_requests(user)
    ]
    drafts = (
        Application.objects.visible_to(user)
        .filter(status=ApplicationStatus.DRAFT)
        .select_related("area", "scheme")
        .order_by("created_at", "pk")
    )
    tasks += [
        Task(
            kind="application_draft",
            title=_("Aanvraag %(ref)s indienen") % {"ref": application.reference},
            detail=application.scheme.name,
            url=reverse("funding:application-submit", kwargs={"pk": application.pk}),
            area=application.area.name,
            due=application.scheme.application_closes,
            since=_day(application.created_at),
            key=("application", application.pk),
        )
        for application in drafts
    ]
    reports = (
        SpendingReport.objects.visible_to(user)
        .filter(status__in=[SpendingReportStatus.DRAFT, SpendingReportStatus.RETURNED])
        .select_related("application__area")
        .order_by("year", "pk")
    )
    tasks += [
        Task(
            kind="spending_report_due",
            title=_("Verantwoording %(year)s van %(ref)s indienen")
            % {"year": report.year, "ref": report.application.reference},
            detail=report.get_status_display(),
            url=report.application.get_absolute_url(),
            area=report.application.area.name,
            key=("spending_report", report.pk),
        )
        for report in reports
    ]
    return tasks


def _lines_to_advise(user) -> list[Task]:
    """Lines of the user's ministry (national team: the integral part) without advice, oldest submission first."""
    advised = Review.objects.filter(line=OuterRef("pk"))
    lines = (
        selectors.reviewable_lines(user=user)
        .filter(~Exists(advised))
        .select_related("application__area", "theme")
        .order_by("application__submitted_at", "application__reference", "theme__position", "year")
    )
    return [
        Task(
            kind="line_to_advise",
            title=_("Advies: %(theme)s %(year)s in %(ref)s")
            % {"theme": line.theme.name, "year": line.year, "ref": line.application.reference},
            detail=euro(line.amount),
            url=reverse("admin:funding_applicationline_change", args=[line.pk]),
            area=line.application.area.name,
            since=_day(line.application.submitted_at),
            key=("line", line.pk),
        )
        for line in lines
    ]


def _national_tasks(user) -> list[Task]:
    waiting = (
        Application.objects.visible_to(user)
        .filter(status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW])
        .select_related("area", "scheme")
        .order_by("submitted_at", "pk")
    )
    tasks = [
        Task(
            kind="application_to_decide",
            title=_("Besluiten over %(ref)s") % {"ref": application.reference},
            detail=application.get_status_display(),
            url=reverse("admin:funding_application_change", args=[application.pk]),
            area=application.area.name,
            due=application.scheme.decision_deadline,
            since=_day(application.submitted_at),
            key=("application", application.pk),
        )
        for application in waiting
    ]
    reports = (
        SpendingReport.objects.visible_to(user)
        .filter(status=SpendingReportStatus.SUBMITTED)
        .select_related("application__area")
        .order_by("submitted_at", "pk")
    )
    tasks += [
        Task(
            kind="spending_report_to_accept",
            title=_("Verantwoording %(year)s van %(ref)s accepteren")
            % {"year": report.year, "ref": report.application.reference},
            url=reverse("admin:funding_spendingreport_change", args=[report.pk]),
            area=report.application.area.name,
            since=_day(report.submitted_at),
            key=("spending_report", report.pk),
        )
        for report in reports
    ]
    overdue = _open_requests(user).filter(deadline__lt=timezone.localdate())
    tasks += [
        Task(
            kind="information_request_overdue",
            title=_("Antwoord op informatieverzoek bij %(ref)s is te laat") % {"ref": request.application.reference},
            detail=request.question[:140],
            url=reverse("admin:funding_application_change", args=[request.application_id]),
            area=request.application.area.name,
            due=request.deadline,
            since=_day(request.asked_at),
            key=("information_request", request.pk),
        )
        for request in overdue
    ]
    return tasks


@provider
def funding_tasks(user) -> list[Task]:
    role = getattr(user, "role", None)
    if role == Role.PROGRAMME_BUREAU:
        return _bureau_tasks(user)
    if role == Role.MINISTRY_REVIEWER:
        return _lines_to_advise(user)
    if role == Role.NATIONAL_TEAM:
        return _national_tasks(user) + _lines_to_advise(user)
    return []
