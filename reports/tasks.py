"""Celery tasks of the reports. They take ids or names, call one service and own their retry policy.

`report_generate` retries what may pass (a database or Redis outage, a mail server that is down)
with exponential backoff, and marks the run failed, with the error, when the retries run out or the
error will not pass by itself. Delivery is late-acknowledged (settings): a worker that dies in the
middle gives the task back, and `report_run_execute` completes it once.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import services

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError, BrokerError, RedisConnectionError, RedisTimeoutError, OSError)
MAX_RETRIES = 5
BACKOFF_BASE = 15
BACKOFF_MAX = 15 * 60


def backoff(retries: int) -> int:
    """15 s, 30 s, 60 s, 2 min, 4 min, ... at most 15 min."""
    return min(BACKOFF_MAX, BACKOFF_BASE * 2**retries)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def report_generate(self, run_id: int) -> str:
    try:
        run = services.report_run_execute(run_id=run_id)
    except TRANSIENT as exc:
        if self.request.retries < self.max_retries:
            countdown = backoff(self.request.retries)
            try:
                services.report_run_retry_noted(run_id=run_id, error=exc, countdown=countdown)
            except DatabaseError:
                logger.warning("Could not note the retry of report run %s: the database is away", run_id)
            if self.request.is_eager:
                # Without a broker (make run, tests) the next attempt follows at once, in-process.
                return self.apply(args=(run_id,), retries=self.request.retries + 1).result
            raise self.retry(exc=exc, countdown=countdown) from exc
        services.report_run_fail(run_id=run_id, error=exc)
        return "failed"
    except Exception as exc:
        # A bug or a rule: trying again gives the same. Visible at once, with the error.
        logger.exception("Report run %s failed", run_id)
        services.report_run_fail(run_id=run_id, error=exc)
        return "failed"
    return run.status


@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=BACKOFF_BASE,
    retry_backoff_max=BACKOFF_MAX,
    max_retries=MAX_RETRIES,
)
def run_scheduled(kind: str, **options) -> int:
    """What beat calls: create and queue this period's runs of a kind. Returns how many were new."""
    return len(services.report_runs_schedule(kind=kind, day=timezone.now().date(), options=options))


@shared_task(acks_late=True, ignore_result=True)
def heartbeat() -> None:
    """Sent by beat every minute and run by a worker: `manage.py check_beat` reads its mark."""
    services.heartbeat_record(name="beat")
