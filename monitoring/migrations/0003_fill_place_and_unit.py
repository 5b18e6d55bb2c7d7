"""Data: give existing values their place key and existing indicators the unit 'percentage'."""

from django.db import migrations


def forwards(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    IndicatorValue = apps.get_model("monitoring", "IndicatorValue")
    Indicator.objects.filter(unit="%").update(unit="percentage")
    for value in IndicatorValue.objects.filter(place="").only("pk", "scope", "area_id"):
        value.place = f"a{value.area_id}" if value.scope == "area" else value.scope
        value.save(update_fields=["place"])


def backwards(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    Indicator.objects.filter(unit="percentage").update(unit="%")


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_indicator_units_places_import_runs")]

    operations = [migrations.RunPython(forwards, backwards)]
