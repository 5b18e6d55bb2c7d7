"""The real services CI provides: PostgreSQL and Redis. Skipped where they are not configured."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_backend_matches_configuration():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no live broker to talk to")
def test_celery_broker_round_trip():
    """A message put on the configured Redis broker comes back."""
    from kombu import Connection

    with Connection(os.environ["REDIS_URL"]) as conn:
        queue = conn.SimpleQueue("nplv-ci-check")
        queue.put({"ping": "pong"})
        message = queue.get(timeout=5)
        assert message.payload == {"ping": "pong"}
        message.ack()
        queue.close()
