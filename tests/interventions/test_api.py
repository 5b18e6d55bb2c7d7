"""API: the same filters, rules and scoping as the pages; transitions as actions; the library."""

from __future__ import annotations

import pytest

from interventions.models import PUBLIC_FIELDS, Intervention, InterventionStatus, ProgressUpdate

from .conftest import SECRET_NARRATIVE, SECRET_NOTE, SECRET_STOP

pytestmark = pytest.mark.django_db

URL = "/api/v1/interventions/"
LIBRARY = "/api/v1/library/"


def payload(**extra):
    return {"title": "Halt-spreekuur op school", "action_line": 4, **extra}


def test_bureau_creates_and_moves_an_intervention(api_client, bureau_a, reference_data):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(URL, payload(age_min=10, age_max=18), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "idea" and data["area"] == "amsterdam-nieuw-west"
    pk = data["id"]
    assert api_client.post(f"{URL}{pk}/plan/", {"comment": "akkoord"}, format="json").json()["status"] == "planned"
    assert api_client.post(f"{URL}{pk}/start/", {}, format="json").json()["status"] == "running"
    output = api_client.post(
        f"{URL}{pk}/outputs/", {"name": "Scholen", "unit": "scholen", "target": "50"}, format="json"
    )
    assert output.status_code == 201
    update = api_client.post(
        f"{URL}{pk}/progress-updates/",
        {"year": 2025, "quarter": 4, "narrative": "Loopt", "rag_status": "green", "reach": 120},
        format="json",
    )
    assert update.status_code == 201, update.json()
    response = api_client.post(
        f"{URL}{pk}/complete/",
        {"end_date": "2026-07-31", "actuals": [{"output": output.json()["id"], "actual": "48"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "completed" and response.json()["outputs"][0]["actual"] == "48.00"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"start_date": "2025-02-01", "end_date": "2025-01-01"}, "einddatum mag niet voor de startdatum"),
        ({"age_min": 27, "age_max": 8}, "minimumleeftijd mag niet hoger"),
        ({"age_min": 8, "age_max": 121}, "tussen 0 en 120"),
        ({"planned_budget": "-1.00"}, "niet negatief"),
    ],
)
def test_api_refuses_each_rule(api_client, bureau_a, reference_data, extra, message):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(URL, payload(**extra), format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert not Intervention.objects.exists()


def test_api_refuses_transitions_not_in_the_workflow(api_client, bureau_a, running_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(f"{URL}{running_a.pk}/plan/", {}, format="json")
    assert response.status_code == 400 and "niet toegestaan" in str(response.json())
    response = api_client.post(f"{URL}{running_a.pk}/stop/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "Stoppen vraagt een reden" in str(response.json())
    response = api_client.post(f"{URL}{running_a.pk}/complete/", {}, format="json")
    assert response.status_code == 400 and "einddatum" in str(response.json())
    response = api_client.post(
        f"{URL}{running_a.pk}/other-funding/", {"source": "municipality", "amount": "-3"}, format="json"
    )
    assert response.status_code == 400
    running_a.refresh_from_db()
    assert running_a.status == InterventionStatus.RUNNING


def test_api_progress_update_once_per_quarter(api_client, bureau_a, running_a):
    api_client.force_authenticate(bureau_a)
    data = {"year": 2025, "quarter": 1, "narrative": "x", "rag_status": "red"}
    assert api_client.post(f"{URL}{running_a.pk}/progress-updates/", data, format="json").status_code == 201
    response = api_client.post(f"{URL}{running_a.pk}/progress-updates/", data, format="json")
    assert response.status_code == 400 and "al een voortgangsrapportage" in str(response.json())
    assert ProgressUpdate.objects.count() == 1


def test_another_areas_intervention_is_404(api_client, bureau_a, private_b):
    api_client.force_authenticate(bureau_a)
    assert api_client.get(f"{URL}{private_b.pk}/").status_code == 404
    assert api_client.patch(f"{URL}{private_b.pk}/", {"title": "x"}, format="json").status_code == 404
    assert api_client.post(f"{URL}{private_b.pk}/stop/", {"reason": "x"}, format="json").status_code == 404
    assert [row["id"] for row in api_client.get(URL).json()["results"]] == []


def test_member_and_national_team_cannot_edit(api_client, member_a, national, running_a):
    for user in (member_a, national):
        api_client.force_authenticate(user)
        assert api_client.get(f"{URL}{running_a.pk}/").status_code == 200
        response = api_client.patch(f"{URL}{running_a.pk}/", {"title": "x"}, format="json")
        assert response.status_code == 403
        assert "Alleen het programmabureau" in str(response.json())


def test_bureau_updates_its_own(api_client, bureau_a, running_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.patch(f"{URL}{running_a.pk}/", {"title": "Nieuw", "age_max": 27}, format="json")
    assert response.status_code == 200, response.json()
    running_a.refresh_from_db()
    assert (running_a.title, running_a.age_max, running_a.age_min) == ("Nieuw", 27, 12)


def test_api_uses_the_same_filters(api_client, national, running_a, private_b):
    api_client.force_authenticate(national)
    titles = lambda params: {r["title"] for r in api_client.get(URL, params).json()["results"]}  # noqa: E731
    assert titles({"q": "geschillen"}) == {"Buurtrechtbank Zuid"}
    assert titles({"age": 13}) == {"Straatmaatjes Nieuw-West"}
    assert titles({"age": 60}) == {"Buurtrechtbank Zuid"}
    assert titles({"area": "amsterdam-nieuw-west", "status": "running", "action_line": 4}) == {
        "Straatmaatjes Nieuw-West"
    }
    assert api_client.get(URL, {"age": 300}).status_code == 400


def test_library_api_returns_other_areas_with_public_fields_only(api_client, bureau_a, private_b):
    api_client.force_authenticate(bureau_a)
    response = api_client.get(LIBRARY, {"q": "buurtrechtbank", "age": 70, "evidence_level": "promising"})
    results = response.json()["results"]
    assert [r["title"] for r in results] == ["Buurtrechtbank Zuid"]
    allowed = {*PUBLIC_FIELDS, "area_slug", "action_line_name"}
    assert set(results[0]) == allowed
    detail = api_client.get(f"{LIBRARY}{private_b.pk}/").json()
    assert set(detail) == allowed | {"outputs"}
    text = str(response.json()) + str(detail)
    for secret in (SECRET_NOTE, SECRET_NARRATIVE, SECRET_STOP, "987654"):
        assert secret not in text
    for private in ("planned_budget", "other_funding", "stop_reason", "partners", "spuk_granted"):
        assert private not in detail


def test_library_api_copy(api_client, bureau_a, member_a, national, private_b):
    for user in (member_a, national):
        api_client.force_authenticate(user)
        response = api_client.post(f"{LIBRARY}{private_b.pk}/copy/")
        assert response.status_code == 403
        assert "Alleen medewerkers van een programmabureau" in str(response.json())
    api_client.force_authenticate(bureau_a)
    response = api_client.post(f"{LIBRARY}{private_b.pk}/copy/")
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "idea" and data["copied_from"] == private_b.pk and data["area"] == "amsterdam-nieuw-west"


def test_library_list_query_count_is_fixed(api_client, bureau_a, private_b, running_a, django_assert_max_num_queries):
    api_client.force_authenticate(bureau_a)
    with django_assert_max_num_queries(6):
        api_client.get(LIBRARY)
