"""The Celery app. Without REDIS_URL every task runs eagerly (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nplv.settings")

app = Celery("nplv")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
