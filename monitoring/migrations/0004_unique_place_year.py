from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_fill_place_and_unit")]

    operations = [
        migrations.AddConstraint(
            model_name="indicatorvalue",
            constraint=models.UniqueConstraint(
                fields=("indicator", "place", "year"), name="indicator_value_unique_place_year"
            ),
        ),
    ]
