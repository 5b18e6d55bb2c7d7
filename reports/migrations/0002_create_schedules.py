"""The periodic jobs as django-celery-beat schedules (UTC), editable in the admin afterwards.

Created once; running this again (or after someone changed a schedule) leaves existing ones alone.
"""

import json

from django.db import migrations

CRON = {
    # name: (minute, hour, day_of_month, month_of_year, day_of_week, kwargs, description)
    "Budgetmomentopname (elke nacht)": (
        "0", "2", "*", "*", "*", {"kind": "budget_snapshot"},
        "Plafond, aangevraagd, toegekend, betaald en besteed per regeling × gebied × thema.",
    ),
    "Herinneringen (elke dag)": (
        "0", "6", "*", "*", "*", {"kind": "reminders", "days_before": [7, 1], "days_after": [1, 7]},
        "days_before / days_after: op hoeveel dagen vóór en na de datum een herinnering gaat.",
    ),
    "Overzicht open taken (elke maandag)": (
        "0", "6", "*", "*", "1", {"kind": "weekly_digest"}, "Eén e-mail per gebruiker met open taken.",
    ),
    "Kwartaalrapportage per gebied": (
        "0", "4", "1", "1,4,7,10", "*", {"kind": "area_quarterly"}, "Over het afgelopen kwartaal, per gebied (PDF, CSV).",
    ),
    "Landelijke voortgangsrapportage (jaarlijks)": (
        "0", "5", "15", "1", "*", {"kind": "national_yearly"}, "Over het afgelopen jaar (PDF, Excel).",
    ),
    "SiSa-bijlage per gemeente (jaarlijks)": (
        "0", "5", "20", "1", "*", {"kind": "sisa_export"},
        "Per gemeente over het afgelopen jaar (CSV, Excel), voor de jaarrekening; naar het CBS vóór 15 juli.",
    ),
    "Verlopen rapportbestanden opruimen (elke nacht)": (
        "30", "3", "*", "*", "*", {"kind": "files_cleanup"}, "Verwijdert bestanden na hun vervaldatum.",
    ),
}
HEARTBEAT = "Hartslag beat (elke minuut)"


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, (minute, hour, day_of_month, month_of_year, day_of_week, kwargs, description) in CRON.items():
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_month=day_of_month, month_of_year=month_of_year,
            day_of_week=day_of_week, timezone="UTC",
        )
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={
                "task": "reports.tasks.run_scheduled",
                "crontab": crontab,
                "kwargs": json.dumps(kwargs),
                "description": description,
                "enabled": True,
            },
        )
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=HEARTBEAT,
        defaults={
            "task": "reports.tasks.heartbeat",
            "interval": every_minute,
            "description": "Laat zien dat beat en een worker draaien (manage.py check_beat).",
        },
    )
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[*CRON, HEARTBEAT]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
