"""Demo data: every area has believable interventions with outputs, progress and a funding mix."""

import pytest
from django.db.models import Count, Q

from areas.models import Area
from interventions.models import Intervention, ProgressUpdate
from nplv import demo

pytestmark = pytest.mark.django_db


def test_every_area_has_interventions_with_outputs_and_progress(demo_data):
    areas = Area.objects.annotate(
        n=Count("interventions", distinct=True),
        outputs=Count("interventions__outputs", distinct=True),
        running=Count("interventions", filter=Q(interventions__status="running"), distinct=True),
    )
    assert areas.count() == 20
    for area in areas:
        assert area.n >= 3 and area.outputs >= area.n, area.name
    assert ProgressUpdate.objects.values("intervention__area").distinct().count() >= 15
    assert set(Intervention.objects.values_list("status", flat=True)) == {
        "idea",
        "planned",
        "running",
        "completed",
        "stopped",
    }
    completed = Intervention.objects.filter(status="completed")
    assert not completed.filter(end_date__isnull=True).exists()
    assert not completed.filter(outputs__actual__isnull=True).exists()
    assert not Intervention.objects.filter(status="stopped", stop_reason="").exists()
    assert Intervention.objects.filter(area__name="Leeuwarden-Oost", title="Lifecoaching voor jongeren").exists()


def test_demo_interventions_are_idempotent_and_link_funding(demo_data):
    areas = list(Area.objects.all())
    before = Intervention.objects.count()
    assert demo.demo_interventions(areas) == 0
    assert Intervention.objects.count() == before
    linked = demo.demo_link_interventions(areas)
    assert linked > 0
    assert demo.demo_link_interventions(areas) == 0
    assert Intervention.objects.filter(application_lines__isnull=False).distinct().count() >= 20
