"""The admin shows the catalogue, the figures and the import runs; figures are never edited by hand."""

import pytest
from django.urls import reverse

from monitoring.models import ImportRun, IndicatorValue

pytestmark = pytest.mark.django_db


def test_national_team_reads_figures_and_runs_but_cannot_edit_them(client, national, reference_data):
    client.force_login(national)
    value = IndicatorValue.objects.first()
    run = ImportRun.objects.first()
    assert client.get(reverse("admin:monitoring_indicatorvalue_changelist")).status_code == 200
    assert client.get(reverse("admin:monitoring_importrun_change", args=[run.pk])).status_code == 200
    assert client.get(reverse("admin:monitoring_indicatorvalue_add")).status_code == 403
    response = client.post(reverse("admin:monitoring_indicatorvalue_change", args=[value.pk]), {"value": "1"})
    assert response.status_code in (302, 403)
    value.refresh_from_db()
    assert value.value != 1


def test_national_team_keeps_the_catalogue(client, national, reference_data):
    client.force_login(national)
    assert client.get(reverse("admin:monitoring_indicator_changelist")).status_code == 200
    assert client.get(reverse("admin:monitoring_indicatorpartition_changelist")).status_code == 200


def test_bureau_has_no_admin(client, bureau_a):
    client.force_login(bureau_a)
    response = client.get(reverse("admin:monitoring_importrun_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
