"""The weekly digest: each user gets one e-mail listing the open tasks that wait for them.

Which tasks a user has is asked of one function, named by the setting `NPLV_DIGEST_TASKS` (a dotted
path). The default below is a simple reading of the funding workflow; the "my tasks" selector can
take its place without a change here. The function takes `user=` and returns a list of dicts with
`label`, `url` and optionally `due` (a date), and must read only what the user may see.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role, User
from funding import selectors as funding_selectors
from funding.models import (
    Application,
    ApplicationStatus,
    InformationRequest,
    SpendingReport,
    SpendingReportStatus,
)

from .models import ReminderSent

DEFAULT_DIGEST_TASKS = "reports.digest.open_tasks"


def open_tasks(*, user) -> list[dict]:
    """What waits for the user, by role, from what the user may see."""
    tasks: list[dict] = []
    if user.role == Role.PROGRAMME_BUREAU:
        for application in Application.objects.visible_to(user).filter(status=ApplicationStatus.DRAFT).order_by("pk"):
            tasks.append(
                {
                    "label": _("Aanvraag %(reference)s is nog een concept") % {"reference": application.reference},
                    "url": application.get_absolute_url(),
                }
            )
        for request in (
            InformationRequest.objects.visible_to(user)
            .filter(answered_at__isnull=True)
            .select_related("application")
            .order_by("deadline")
        ):
            tasks.append(
                {
                    "label": _("Vraag bij aanvraag %(reference)s beantwoorden")
                    % {"reference": request.application.reference},
                    "url": request.application.get_absolute_url(),
                    "due": request.deadline,
                }
            )
        for report in (
            SpendingReport.objects.visible_to(user)
            .filter(status__in=[SpendingReportStatus.DRAFT, SpendingReportStatus.RETURNED])
            .select_related("application")
            .order_by("year")
        ):
            tasks.append(
                {
                    "label": _("Verantwoording %(year)s van %(reference)s afmaken")
                    % {"year": report.year, "reference": report.application.reference},
                    "url": report.application.get_absolute_url(),
                }
            )
    elif user.role in (Role.MINISTRY_REVIEWER, Role.NATIONAL_TEAM):
        waiting = (
            funding_selectors.reviewable_lines(user=user)
            .filter(reviews__isnull=True)
            .order_by()
            .values("application_id", "application__reference")
            .annotate(n=Count("pk"))
            .order_by("application__reference")
        )
        for row in waiting:
            tasks.append(
                {
                    "label": _("Aanvraag %(reference)s: %(count)s regels wachten op uw advies")
                    % {"reference": row["application__reference"], "count": row["n"]},
                    "url": Application(pk=row["application_id"]).get_absolute_url(),
                }
            )
        if user.role == Role.NATIONAL_TEAM:
            ready = (
                Application.objects.visible_to(user)
                .filter(status=ApplicationStatus.IN_REVIEW)
                .annotate(unreviewed=Count("lines", filter=Q(lines__reviews__isnull=True)))
                .filter(unreviewed=0)
                .order_by("reference")
            )
            for application in ready:
                tasks.append(
                    {
                        "label": _("Aanvraag %(reference)s is klaar voor een besluit")
                        % {"reference": application.reference},
                        "url": application.get_absolute_url(),
                    }
                )
            for report in (
                SpendingReport.objects.visible_to(user)
                .filter(status=SpendingReportStatus.SUBMITTED)
                .select_related("application")
                .order_by("pk")
            ):
                tasks.append(
                    {
                        "label": _("Verantwoording %(year)s van %(reference)s beoordelen")
                        % {"year": report.year, "reference": report.application.reference},
                        "url": report.application.get_absolute_url(),
                    }
                )
    return tasks


def tasks_of(user) -> list[dict]:
    selector = import_string(getattr(settings, "NPLV_DIGEST_TASKS", DEFAULT_DIGEST_TASKS))
    return selector(user=user)


def digest_text(user, tasks: list[dict]) -> tuple[str, str]:
    with override("nl"):
        subject = _("Uw open taken in de NPLV-applicatie (%(count)s)") % {"count": len(tasks)}
        lines = [
            _("Goedemorgen %(name)s,") % {"name": user.get_full_name() or user.username},
            "",
            _("Dit wacht op u:"),
            "",
        ]
        for task in tasks:
            due = task.get("due")
            suffix = " " + _("(uiterlijk %(date)s)") % {"date": date_format(due, "j F Y")} if due else ""
            lines.append(f"- {task['label']}{suffix}: {task['url']}")
        return subject, "\n".join(lines) + "\n"


def digest_send(*, week: str, week_start, on_item=None) -> int:
    """One digest per user per week (recorded in `ReminderSent`), only to users with open tasks."""
    sent = 0
    for user in User.objects.filter(is_active=True).exclude(email="").order_by("pk"):
        with override("nl"):
            tasks = tasks_of(user)
        if not tasks:
            continue
        subject, body = digest_text(user, tasks)
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    rule="weekly_digest", item_key=f"{week}:{user.pk}", offset_days=0, due_on=week_start, recipients=1
                )
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except IntegrityError:
            continue
        sent += 1
        if on_item is not None:
            on_item()
    return sent
