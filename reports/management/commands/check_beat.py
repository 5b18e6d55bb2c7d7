"""Beat's liveness check: exits 1 when the heartbeat is missing or older than the allowed silence.

Use it as the health check of the beat container or in monitoring:
`python manage.py check_beat` (NPLV_BEAT_MAX_SILENCE_MINUTES, default 10).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.models import Heartbeat


class Command(BaseCommand):
    help = "Check that Celery beat (and a worker) ran the heartbeat task recently."

    def add_arguments(self, parser):
        parser.add_argument("--max-minutes", type=int, default=settings.NPLV_BEAT_MAX_SILENCE_MINUTES)

    def handle(self, *args, max_minutes, **options):
        beat = Heartbeat.objects.filter(name="beat").first()
        if beat is None:
            raise CommandError("No heartbeat from Celery beat yet: is beat running (with a worker)?")
        silence = timezone.now() - beat.at
        if silence > timedelta(minutes=max_minutes):
            raise CommandError(
                f"Celery beat is silent for {int(silence.total_seconds() // 60)} minutes (allowed: {max_minutes})."
            )
        self.stdout.write(f"Celery beat is alive: last heartbeat {int(silence.total_seconds())} s ago.")
