"""Background work for applications. Tasks take ids, call one function and are queued after commit.

E-mails go through the outbox (`core.outbox`, sent by `core.tasks.outbox_send`)."""

from __future__ import annotations

from celery import shared_task

RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "retry_backoff_max": 600, "max_retries": 5}


@shared_task(**RETRY)
def decision_letter_generate(decision_id: int) -> None:
    """Idempotent: a decision that already has its letter keeps it."""
    from .models import GrantDecision
    from .services import decision_letter_generate as generate

    generate(decision=GrantDecision.objects.get(pk=decision_id))
