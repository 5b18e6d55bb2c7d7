"""Daily reminders: chosen at the configured days before and after the date, each sent once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from funding.models import ApplicationStatus, SpendingReportStatus
from reports.models import ReminderSent
from reports.reminders import due_reminders, reminders_send

from .conftest import granted_application
from .factories import ApplicationFactory, InformationRequestFactory, SpendingReportFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


@pytest.fixture
def bureau_a(area_a):
    from accounts.models import Role
    from tests.conftest import make_user

    return make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a, email="bureau_a@example.nl")


@pytest.fixture
def open_request(area_a, scheme):
    application = ApplicationFactory(area=area_a, scheme=scheme, status=ApplicationStatus.INFO_REQUESTED)
    return InformationRequestFactory(application=application, deadline=TODAY + timedelta(days=7))


def test_information_request_reminded_on_the_configured_days_only(open_request, bureau_a, bureau_b):
    """Due in 7 days: reminded today with days_before (7, 1); not with (3, 1); to its own bureau only."""
    [reminder] = due_reminders(day=TODAY, days_before=[7, 1], days_after=[1])
    assert (reminder.rule, reminder.offset_days, reminder.due_on) == ("information_request", 7, open_request.deadline)
    assert reminder.recipients == ("bureau_a@example.nl",)
    assert due_reminders(day=TODAY, days_before=[3, 1], days_after=[1]) == []
    # Day after the deadline, with days_after (1,): an overdue reminder.
    [late] = due_reminders(day=open_request.deadline + timedelta(days=1), days_before=[7], days_after=[1])
    assert late.offset_days == -1
    assert late.subject.startswith("Verlopen")


def test_answered_request_is_not_reminded(open_request, bureau_a):
    open_request.answered_at = timezone.now()
    open_request.answer = "Zo."
    open_request.save()
    assert due_reminders(day=TODAY, days_before=[7], days_after=[]) == []


def test_each_reminder_is_sent_once(open_request, bureau_a):
    """The daily job running twice (or on two workers) sends the reminder once."""
    assert reminders_send(day=TODAY, days_before=[7], days_after=[]) == 1
    assert reminders_send(day=TODAY, days_before=[7], days_after=[]) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bureau_a@example.nl"]
    assert ReminderSent.objects.get().item_key == f"information_request:{open_request.pk}"
    # The next configured day is a new reminder of the same item.
    assert reminders_send(day=open_request.deadline - timedelta(days=1), days_before=[7, 1], days_after=[]) == 1


def test_failed_mail_leaves_no_record_so_the_retry_sends_it(open_request, bureau_a, monkeypatch):
    """The record and the mail go together: a mail server outage raises and the reminder stays due."""
    import reports.reminders as reminders

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(reminders, "send_mass_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        reminders_send(day=TODAY, days_before=[7], days_after=[])
    assert not ReminderSent.objects.exists()


def test_spending_report_due_on_15_july_of_the_next_year(area_a, scheme, themes, bureau_a):
    """A granted 2026–2028 application owes its 2026 report on 15 July 2027; a submitted report ends it."""
    application, _ = granted_application(area_a, scheme, {themes[0]: "100.00"})
    [reminder] = due_reminders(day=date(2027, 7, 8), days_before=[7], days_after=[])
    assert reminder.item_key == f"spending_report:{application.pk}:2026"
    [late] = due_reminders(day=date(2027, 7, 22), days_before=[], days_after=[7])
    assert late.offset_days == -7
    SpendingReportFactory(application=application, year=2026, status=SpendingReportStatus.SUBMITTED)
    assert due_reminders(day=date(2027, 7, 8), days_before=[7], days_after=[]) == []


def test_application_window_opening_and_closing(area_a, area_b, scheme, bureau_a, bureau_b):
    """Opening: every bureau hears of it. Closing: only bureaus of areas that have not applied yet."""
    scheme.application_opens = date(2026, 4, 1)
    scheme.application_closes = date(2026, 5, 1)
    scheme.save()
    [opens] = [
        r for r in due_reminders(day=date(2026, 3, 25), days_before=[7], days_after=[]) if r.rule == "window_opens"
    ]
    assert set(opens.recipients) == {"bureau_a@example.nl", "bureau_b@example.nl"}
    ApplicationFactory(area=area_a, scheme=scheme, status=ApplicationStatus.SUBMITTED)
    closes = [
        r for r in due_reminders(day=date(2026, 4, 24), days_before=[7], days_after=[]) if r.rule == "window_closes"
    ]
    keys = {r.item_key for r in closes}
    assert f"window_closes:{scheme.pk}:{area_b.pk}" in keys
    assert f"window_closes:{scheme.pk}:{area_a.pk}" not in keys
    # Nothing after the window: days_after does not apply to windows.
    assert not [
        r for r in due_reminders(day=date(2026, 5, 2), days_before=[], days_after=[1]) if r.rule.startswith("window")
    ]
