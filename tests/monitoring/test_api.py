"""The monitor's API: read for everyone signed in (scoped), write only through an import run."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.models import IndicatorValue
from monitoring.services import import_commit, import_preview
from tests.monitoring.conftest import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["indicator_code", "jaar", "gebied", "waarde"]


def test_indicators_and_averages_are_read_by_everyone_signed_in(api_client, member_a):
    api_client.force_authenticate(member_a)
    indicators = api_client.get("/api/v1/indicators/?action_line=3").json()
    assert indicators["count"] > 0 and all(row["action_line"] == 3 for row in indicators["results"])
    values = api_client.get("/api/v1/indicator-values/?indicator=lbm_algemeen&scope=nplv").json()
    assert [row["year"] for row in values["results"]] == [2018, 2020, 2022, 2024]


def test_anonymous_is_denied(api_client, reference_data):
    assert api_client.get("/api/v1/indicator-values/").status_code in (401, 403)


def test_area_figures_that_are_not_public_stay_in_the_area(api_client, national, bureau_a, area_a, area_b):
    for area, public in ((area_a, False), (area_b, False)):
        run = import_preview(
            data=csv_bytes([HEADER, ["bijstand", "2023", area.slug, "5"]]),
            name="x.csv",
            actor=national,
            is_public=public,
        )
        import_commit(run=run, actor=national)
    api_client.force_authenticate(bureau_a)
    rows = api_client.get("/api/v1/indicator-values/?scope=area").json()["results"]
    assert [row["area"] for row in rows] == [area_a.slug]
    hidden = IndicatorValue.objects.get(area=area_b)
    assert api_client.get(f"/api/v1/indicator-values/{hidden.pk}/").status_code == 404
    IndicatorValue.objects.filter(pk=hidden.pk).update(is_public=True)
    assert api_client.get(f"/api/v1/indicator-values/{hidden.pk}/").status_code == 200


def test_values_cannot_be_written_directly(api_client, reference_data, national):
    api_client.force_authenticate(national)
    value = IndicatorValue.objects.first()
    assert api_client.post("/api/v1/indicator-values/", {"value": 1}).status_code == 405
    assert api_client.patch(f"/api/v1/indicator-values/{value.pk}/", {"value": 1}).status_code == 405
    assert api_client.delete(f"/api/v1/indicator-values/{value.pk}/").status_code == 405


def test_import_by_api_previews_then_loads(api_client, national, area_b):
    api_client.force_authenticate(national)
    data = csv_bytes([HEADER, ["bijstand", "2023", area_b.slug, "5"], ["geluk", "2023", area_b.slug, "1"]])
    response = api_client.post("/api/v1/import-runs/", {"file": SimpleUploadedFile("x.csv", data)}, format="multipart")
    assert response.status_code == 201
    run = response.json()
    assert run["status"] == "previewed" and run["problems"][0]["line"] == 3
    assert not IndicatorValue.objects.filter(area=area_b).exists()
    refused = api_client.post(f"/api/v1/import-runs/{run['id']}/load/", {}, format="json")
    assert refused.status_code == 400 and "niets geladen" in str(refused.json())
    loaded = api_client.post(f"/api/v1/import-runs/{run['id']}/load/", {"only_good_rows": True}, format="json")
    assert loaded.status_code == 200 and loaded.json()["status"] == "partly_loaded"
    assert IndicatorValue.objects.filter(area=area_b).count() == 1


def test_import_by_api_is_refused_for_members_and_bad_files(api_client, member_a, national):
    api_client.force_authenticate(member_a)
    data = csv_bytes([HEADER, ["bijstand", "2023", "rotterdam-zuid", "5"]])
    assert api_client.post("/api/v1/import-runs/", {"file": SimpleUploadedFile("x.csv", data)}).status_code == 403
    api_client.force_authenticate(national)
    response = api_client.post("/api/v1/import-runs/", {"file": SimpleUploadedFile("x.csv", b"%PDF-1.7 ...")})
    assert response.status_code == 400 and "alleen CSV of Excel" in str(response.json())


def test_municipality_figures_follow_the_area(api_client, national, bureau_a, area_a, area_b):
    """Amsterdam's figures are seen by Amsterdam Nieuw-West's bureau, once; Rotterdam's are not."""
    rows = [
        ["indicator_code", "jaar", "gemeente", "waarde"],
        ["bijstand", "2023", "GM0363", "5"],
        ["bijstand", "2023", "GM0599", "6"],
    ]
    import_commit(run=import_preview(data=csv_bytes(rows), name="gm.csv", actor=national), actor=national)
    api_client.force_authenticate(bureau_a)
    listed = api_client.get("/api/v1/indicator-values/?scope=municipality").json()["results"]
    assert [row["municipality"] for row in listed] == ["GM0363"]
