"""Background work of the shared kernel: sending the outbox."""

from __future__ import annotations

from celery import shared_task

from . import outbox
from .models import OutboxStatus


@shared_task(bind=True, max_retries=outbox.MAX_ATTEMPTS, acks_late=True)
def outbox_send(self, message_id: int) -> str:
    """Send one outbox message; on failure retry after the backoff (a worker), or leave it to the sweep (eager)."""
    message = outbox.send(message_id)
    if message.status == OutboxStatus.PENDING and message.next_attempt_at and not self.request.is_eager:
        raise self.retry(countdown=outbox.backoff(message.attempts).total_seconds())
    return message.status


@shared_task
def outbox_retry_due() -> int:
    """Beat, every few minutes: hand over pending messages that are due (broker was down, or eager mode)."""
    ids = outbox.due_ids()
    outbox.hand_over(ids)
    return len(ids)
