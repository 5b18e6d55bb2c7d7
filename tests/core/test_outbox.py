"""Notifications are never lost and never break a committed step (issue 9, rule 8)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage, OutboxStatus
from core.tasks import outbox_retry_due
from funding import services
from funding.models import ApplicationStatus
from tests.funding.conftest import add_line, endorsement_for, scheme, themes  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP-server onbereikbaar")


@pytest.fixture
def draft(area_a, scheme, bureau_a):  # noqa: F811
    return services.application_create(area=area_a, scheme=scheme, actor=bureau_a)


@pytest.fixture
def ready_draft(draft, bureau_a, themes, reviewer_ocw):  # noqa: F811
    reviewer_ocw.email = "ocw@example.nl"
    reviewer_ocw.save()
    add_line(draft, bureau_a, themes["jonge-kind"])
    return draft


def test_the_step_writes_outbox_rows_in_its_own_transaction(ready_draft, bureau_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(
            application=ready_draft, actor=bureau_a, endorsement=endorsement_for(ready_draft.area)
        )
    message = OutboxMessage.objects.get()
    assert (message.recipient, message.status, message.attempts) == ("ocw@example.nl", OutboxStatus.SENT, 1)
    assert [m.to for m in mail.outbox] == [["ocw@example.nl"]]


def test_a_refused_step_leaves_no_message(ready_draft, bureau_a):
    with pytest.raises(ValidationError):
        services.application_submit(application=ready_draft, actor=bureau_a, endorsement=None)
    assert not OutboxMessage.objects.exists()


def test_broker_down_the_page_still_answers_and_the_message_waits(
    client, ready_draft, bureau_a, django_capture_on_commit_callbacks
):
    endorsement = endorsement_for(ready_draft.area)
    client.force_login(bureau_a)
    with (
        mock.patch("core.tasks.outbox_send.delay", side_effect=OSError("broker down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("funding:application-submit", kwargs={"pk": ready_draft.pk}), {"endorsement": endorsement.pk}
        )
    assert response.status_code == 302
    ready_draft.refresh_from_db()
    assert ready_draft.status == ApplicationStatus.SUBMITTED
    assert OutboxMessage.objects.get().status == OutboxStatus.PENDING
    # The sweep hands it over once the broker is back.
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert outbox_retry_due() == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_mail_down_the_page_still_answers_and_the_error_is_kept(
    client, ready_draft, bureau_a, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.BrokenBackend"
    endorsement = endorsement_for(ready_draft.area)
    client.force_login(bureau_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("funding:application-submit", kwargs={"pk": ready_draft.pk}), {"endorsement": endorsement.pk}
        )
    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert "SMTP-server onbereikbaar" in message.last_error
    assert message.next_attempt_at > timezone.now()


def test_retries_back_off_and_end_as_failed(settings, db):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.BrokenBackend"
    message = OutboxMessage.objects.create(recipient="a@example.nl", subject="s", body="b")
    waits = []
    for _ in range(outbox.MAX_ATTEMPTS):
        message = outbox.send(message.pk)
        if message.next_attempt_at:
            waits.append(message.next_attempt_at - timezone.now())
    assert message.status == OutboxStatus.FAILED and message.attempts == outbox.MAX_ATTEMPTS
    assert all(later > earlier for earlier, later in zip(waits, waits[1:], strict=False))
    assert outbox.send(message.pk).attempts == outbox.MAX_ATTEMPTS  # a failed message is not sent again


def test_national_team_sees_the_outbox_with_a_status_filter(client, national, bureau_a, db):
    OutboxMessage.objects.create(recipient="a@example.nl", subject="Mislukt bericht", body="b", status="failed")
    OutboxMessage.objects.create(recipient="b@example.nl", subject="Verzonden bericht", body="b", status="sent")
    client.force_login(national)
    response = client.get(reverse("admin:core_outboxmessage_changelist"), {"status__exact": "failed"})
    assert response.status_code == 200
    assert "Mislukt bericht" in response.content.decode() and "Verzonden bericht" not in response.content.decode()
    client.force_login(bureau_a)
    assert client.get(reverse("admin:core_outboxmessage_changelist")).status_code in (302, 403)
