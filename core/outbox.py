"""Notifications that are never lost and never break a committed step.

A step (submit, ask, decide) calls `enqueue` inside its own transaction: the e-mails become
`OutboxMessage` rows that commit or roll back with the step. After the commit each row is handed to
Celery (`core.tasks.outbox_send`); if the broker is down that hand-over is logged, not raised, so the
page still answers, and the beat task `outbox_retry_due` hands the row over again later. A failed send
is retried with exponential backoff up to `MAX_ATTEMPTS`; then the row is `failed`, with its last error,
for the national team to see in the admin (*Uitgaande berichten*, filter on status).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 60  # 1, 2, 4, 8, 16 minutes between the attempts


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def enqueue(*, recipients: list[str], subject: str, body: str) -> list[OutboxMessage]:
    """Write one message per recipient in the caller's transaction; hand them to Celery after commit."""
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(recipient=recipient, subject=subject[:300], body=body) for recipient in sorted(set(recipients))
    )
    ids = [m.pk for m in messages]
    transaction.on_commit(lambda: hand_over(ids), robust=True)
    return messages


def hand_over(ids: list[int]) -> None:
    """Queue each message; a broker that is down is logged, the beat task tries again later."""
    from .tasks import outbox_send

    for pk in ids:
        try:
            outbox_send.delay(pk)
        except Exception:  # noqa: BLE001 - the step is committed; the message waits in the outbox
            logger.warning("Outbox message %s not queued (broker unavailable); it stays pending.", pk, exc_info=True)


def send(message_id: int) -> OutboxMessage:
    """Try to send one message once: `sent`, or back to `pending` with a next attempt, or `failed`."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message_id)
        if message.status != OutboxStatus.PENDING:
            return message
        message.attempts += 1
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient])
        except Exception as exc:  # noqa: BLE001 - any mail failure is recorded, never raised into a page
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status, message.next_attempt_at = OutboxStatus.FAILED, None
            else:
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
        else:
            message.status, message.sent_at, message.next_attempt_at = OutboxStatus.SENT, timezone.now(), None
            message.last_error = ""
        message.save(update_fields=["attempts", "last_error", "status", "sent_at", "next_attempt_at"])
    return message


def due_ids() -> list[int]:
    """Pending messages whose next attempt is due (or that were never handed over)."""
    now = timezone.now()
    return list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
        .filter(
            Q(next_attempt_at__isnull=True, created_at__lte=now - timedelta(minutes=1)) | Q(next_attempt_at__lte=now)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
