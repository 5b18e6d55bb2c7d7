"""Daily reminders by e-mail: information requests, spending reports and application windows.

Which reminders are due is a pure selection (`due_reminders`): an item is due for a reminder when its
date lies exactly one of the configured numbers of days ahead (`days_before`) or behind
(`days_after`). Sending records each (rule, item, offset) in `ReminderSent` first, under a unique
constraint, so that running the job twice on a day, or on two workers, sends each reminder once.
The numbers of days are the keyword arguments of the daily schedule, editable in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role, User
from areas.models import Area
from funding.models import (
    Application,
    ApplicationStatus,
    InformationRequest,
    Scheme,
    SpendingReport,
)

from .models import ReminderSent

DEFAULT_DAYS_BEFORE = (7, 1)
DEFAULT_DAYS_AFTER = (1, 7)
# A spending report over year T is due on 15 July of T + 1 (the SiSa deadline of the municipality).
SPENDING_REPORT_DUE = (7, 15)
DONE_SPENDING_STATUSES = ("submitted", "accepted")


@dataclass(frozen=True)
class Reminder:
    rule: str
    item_key: str
    offset_days: int
    due_on: date
    recipients: tuple[str, ...]
    subject: str
    body: str


def _bureau_addresses() -> dict[int, tuple[str, ...]]:
    addresses: dict[int, set[str]] = {}
    for area_id, email in (
        User.objects.filter(role=Role.PROGRAMME_BUREAU, is_active=True)
        .exclude(email="")
        .values_list("area_id", "email")
    ):
        addresses.setdefault(area_id, set()).add(email)
    return {area_id: tuple(sorted(emails)) for area_id, emails in addresses.items()}


def _offsets(day: date, days_before, days_after) -> dict[date, int]:
    """Due date → offset: positive for reminders before the date, negative for those after it."""
    offsets = {day + timedelta(days=int(n)): int(n) for n in days_before}
    offsets.update({day - timedelta(days=int(n)): -int(n) for n in days_after if int(n) > 0})
    return offsets


def _when(offset: int, due_on: date) -> str:
    if offset > 0:
        return _("uiterlijk %(date)s (over %(days)s dagen)") % {"date": date_format(due_on, "j F Y"), "days": offset}
    if offset == 0:
        return _("uiterlijk vandaag, %(date)s") % {"date": date_format(due_on, "j F Y")}
    return _("uiterlijk %(date)s, %(days)s dagen geleden") % {"date": date_format(due_on, "j F Y"), "days": -offset}


def due_reminders(*, day: date, days_before=DEFAULT_DAYS_BEFORE, days_after=DEFAULT_DAYS_AFTER) -> list[Reminder]:
    offsets = _offsets(day, days_before, days_after)
    bureaus = _bureau_addresses()
    reminders: list[Reminder] = []
    with override("nl"):
        for request in (
            InformationRequest.objects.filter(answered_at__isnull=True, deadline__in=list(offsets))
            .exclude(application__status__in=[ApplicationStatus.WITHDRAWN])
            .select_related("application__area")
            .order_by("pk")
        ):
            application = request.application
            offset = offsets[request.deadline]
            reminders.append(
                Reminder(
                    rule="information_request",
                    item_key=f"information_request:{request.pk}",
                    offset_days=offset,
                    due_on=request.deadline,
                    recipients=bureaus.get(application.area_id, ()),
                    subject=(
                        _("Herinnering: vraag over aanvraag %(reference)s")
                        if offset >= 0
                        else _("Verlopen: vraag over aanvraag %(reference)s")
                    )
                    % {"reference": application.reference},
                    body=_(
                        "Er staat een vraag open bij aanvraag %(reference)s (%(area)s); antwoord %(when)s.\n%(url)s\n"
                    )
                    % {
                        "reference": application.reference,
                        "area": application.area.name,
                        "when": _when(offset, request.deadline),
                        "url": application.get_absolute_url(),
                    },
                )
            )
        month, day_of_month = SPENDING_REPORT_DUE
        for due_on, offset in offsets.items():
            if (due_on.month, due_on.day) != (month, day_of_month):
                continue
            year = due_on.year - 1
            reported = SpendingReport.objects.filter(year=year, status__in=DONE_SPENDING_STATUSES).values("application")
            for application in (
                Application.objects.filter(
                    status__in=[ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED],
                    scheme__first_year__lte=year,
                    scheme__last_year__gte=year,
                )
                .exclude(pk__in=reported)
                .select_related("area")
                .order_by("pk")
            ):
                reminders.append(
                    Reminder(
                        rule="spending_report",
                        item_key=f"spending_report:{application.pk}:{year}",
                        offset_days=offset,
                        due_on=due_on,
                        recipients=bureaus.get(application.area_id, ()),
                        subject=(
                            _("Herinnering: verantwoording %(year)s van %(reference)s")
                            if offset >= 0
                            else _("Te laat: verantwoording %(year)s van %(reference)s")
                        )
                        % {"year": year, "reference": application.reference},
                        body=_(
                            "De verantwoording over %(year)s van aanvraag %(reference)s (%(area)s) is %(when)s nodig.\n%(url)s\n"
                        )
                        % {
                            "year": year,
                            "reference": application.reference,
                            "area": application.area.name,
                            "when": _when(offset, due_on),
                            "url": application.get_absolute_url(),
                        },
                    )
                )
        ahead = {d: o for d, o in offsets.items() if o >= 0}
        all_bureaus = tuple(sorted({e for emails in bureaus.values() for e in emails}))
        for scheme in Scheme.objects.filter(application_opens__in=list(ahead)).order_by("pk"):
            offset = ahead[scheme.application_opens]
            reminders.append(
                Reminder(
                    rule="window_opens",
                    item_key=f"window_opens:{scheme.pk}",
                    offset_days=offset,
                    due_on=scheme.application_opens,
                    recipients=all_bureaus,
                    subject=_("Aanvragen voor %(scheme)s kan vanaf %(date)s")
                    % {"scheme": scheme.name, "date": date_format(scheme.application_opens, "j F Y")},
                    body=_("Vanaf %(date)s kunt u aanvragen indienen voor %(scheme)s.\n%(url)s\n")
                    % {
                        "date": date_format(scheme.application_opens, "j F Y"),
                        "scheme": scheme.name,
                        "url": reverse("funding:application-list"),
                    },
                )
            )
        for scheme in Scheme.objects.filter(application_closes__in=list(ahead)).order_by("pk"):
            offset = ahead[scheme.application_closes]
            submitted = (
                Application.objects.filter(scheme=scheme)
                .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
                .values("area")
            )
            waiting = Area.objects.filter(ceilings__theme__scheme=scheme).exclude(pk__in=submitted).distinct()
            for area in waiting.order_by("pk"):
                reminders.append(
                    Reminder(
                        rule="window_closes",
                        item_key=f"window_closes:{scheme.pk}:{area.pk}",
                        offset_days=offset,
                        due_on=scheme.application_closes,
                        recipients=bureaus.get(area.pk, ()),
                        subject=_("Aanvragen voor %(scheme)s sluit %(date)s")
                        % {"scheme": scheme.name, "date": date_format(scheme.application_closes, "j F Y")},
                        body=_(
                            "%(area)s heeft nog geen aanvraag ingediend voor %(scheme)s; dat kan %(when)s.\n%(url)s\n"
                        )
                        % {
                            "area": area.name,
                            "scheme": scheme.name,
                            "when": _when(offset, scheme.application_closes),
                            "url": reverse("funding:application-list"),
                        },
                    )
                )
    return reminders


def reminders_send(*, day: date, days_before=DEFAULT_DAYS_BEFORE, days_after=DEFAULT_DAYS_AFTER, on_item=None) -> int:
    """Send every due reminder that was not sent before; returns how many went out now."""
    sent = 0
    for reminder in due_reminders(day=day, days_before=days_before, days_after=days_after):
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    rule=reminder.rule,
                    item_key=reminder.item_key,
                    offset_days=reminder.offset_days,
                    due_on=reminder.due_on,
                    recipients=len(reminder.recipients),
                )
                # Inside the transaction: when the mail server fails, the record goes too and the
                # retry sends it again.
                if reminder.recipients:
                    send_mass_mail(
                        [
                            (reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [to])
                            for to in reminder.recipients
                        ]
                    )
        except IntegrityError:
            continue
        sent += 1
        if on_item is not None:
            on_item()
    return sent
