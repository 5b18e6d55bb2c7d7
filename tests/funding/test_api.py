"""The API: the same rules and scoping as the pages, transitions as POST actions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role
from funding.models import Application, ApplicationLine, ApplicationStatus, GrantDecision, Review
from tests.conftest import make_user

from .conftest import add_line

pytestmark = pytest.mark.django_db


def line_payload(application, theme, **extra):
    payload = {"application": application.pk, "theme": theme.pk, "year": 2026, "amount": "1000.00", "description": "x"}
    payload.update(extra)
    return payload


def test_bureau_drafts_and_submits_by_api(api_client, bureau_a, scheme, themes, endorsement):
    api_client.force_authenticate(bureau_a)
    response = api_client.post("/api/v1/applications/", {"scheme": scheme.code}, format="json")
    assert response.status_code == 201, response.json()
    application = response.json()
    assert {row["theme"] for row in application["ceilings"]} >= {"jonge-kind"}
    response = api_client.post(
        "/api/v1/application-lines/", line_payload_for(application["id"], themes["jonge-kind"]), format="json"
    )
    assert response.status_code == 201, response.json()
    jonge_kind = next(row for row in response.json()["ceilings"] if row["theme"] == "jonge-kind")
    assert Decimal(jonge_kind["requested"]) == Decimal("1000.00")
    assert Decimal(jonge_kind["remaining"]) == Decimal(jonge_kind["ceiling"]) - 1000
    response = api_client.post(
        f"/api/v1/applications/{application['id']}/submit/", {"endorsement": endorsement.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"


def line_payload_for(application_id, theme, **extra):
    payload = {"application": application_id, "theme": theme.pk, "year": 2026, "amount": "1000.00", "description": "x"}
    payload.update(extra)
    return payload


@pytest.mark.parametrize(
    "changes",
    [{"year": 2030}, {"amount": "0.00"}, {"amount": "-1.00"}, {"amount": "1.001"}],
)
def test_line_rules_refused_by_api(api_client, bureau_a, draft, themes, changes):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/application-lines/", line_payload(draft, themes["jonge-kind"], **changes), format="json"
    )
    assert response.status_code == 400, response.json()
    assert not ApplicationLine.objects.exists()


def test_theme_of_other_scheme_and_school_rules_refused_by_api(api_client, bureau_a, draft, themes):
    from funding.models import Theme

    api_client.force_authenticate(bureau_a)
    other = Theme.objects.get(scheme__code="spuk-kw-2023-2025", code="jonge-kind")
    response = api_client.post("/api/v1/application-lines/", line_payload(draft, other), format="json")
    assert response.status_code == 400 and "theme" in response.json()
    response = api_client.post(
        "/api/v1/application-lines/",
        line_payload(draft, themes["school-omgeving"], partners="Gemeente en school", school_share_in_area="50"),
        format="json",
    )
    assert response.status_code == 400 and "85%" in str(response.json())


def test_submit_over_ceiling_refused_by_api(api_client, bureau_a, draft, themes, ceiling, endorsement):
    add_line(draft, bureau_a, themes["jonge-kind"], amount=str(ceiling["jonge-kind"] + 1))
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        f"/api/v1/applications/{draft.pk}/submit/", {"endorsement": endorsement.pk}, format="json"
    )
    assert response.status_code == 400
    assert "overschrijdt het plafond" in str(response.json())


def test_lines_frozen_after_submit_by_api(api_client, bureau_a, submitted, themes):
    api_client.force_authenticate(bureau_a)
    line = submitted.lines.first()
    response = api_client.patch(f"/api/v1/application-lines/{line.pk}/", {"amount": "1.00"}, format="json")
    assert response.status_code == 400 and "liggen vast" in str(response.json())
    assert api_client.delete(f"/api/v1/application-lines/{line.pk}/").status_code == 400
    response = api_client.post(
        "/api/v1/application-lines/", line_payload(submitted, themes["jonge-kind"]), format="json"
    )
    assert response.status_code == 400
    assert submitted.lines.count() == 2


def test_api_scoping(api_client, submitted, area_b, reviewer_ocw):
    bureau_b = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    api_client.force_authenticate(bureau_b)
    assert api_client.get(f"/api/v1/applications/{submitted.pk}/").status_code == 404
    assert api_client.post(f"/api/v1/applications/{submitted.pk}/withdraw/", {}, format="json").status_code == 404
    assert api_client.get("/api/v1/application-lines/").json()["count"] == 0
    api_client.force_authenticate(reviewer_ocw)
    rows = api_client.get("/api/v1/application-lines/").json()["results"]
    assert len(rows) == 1  # the OCW line, not the SZW one


def test_review_request_info_and_decide_by_api(api_client, submitted, reviewer_ocw, reviewer_szw, national, bureau_a):
    ocw_line = submitted.lines.get(theme__ministry="OCW")
    szw_line = submitted.lines.get(theme__ministry="SZW")
    api_client.force_authenticate(reviewer_ocw)
    response = api_client.post(
        "/api/v1/reviews/", {"line": szw_line.pk, "recommendation": "grant_full", "reason": "x"}, format="json"
    )
    assert response.status_code == 400  # not among the reviewer's lines
    response = api_client.post(
        "/api/v1/reviews/", {"line": ocw_line.pk, "recommendation": "grant_full", "reason": "Goed."}, format="json"
    )
    assert response.status_code == 201, response.json()
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = api_client.post(
        f"/api/v1/applications/{submitted.pk}/request-info/", {"question": "Hoe?", "deadline": deadline}, format="json"
    )
    assert response.json()["status"] == "info_requested"
    api_client.force_authenticate(bureau_a)
    info = submitted.information_requests.get()
    response = api_client.post(
        f"/api/v1/applications/{submitted.pk}/answer/", {"request": info.pk, "answer": "Zo."}, format="json"
    )
    assert response.json()["status"] == "in_review"
    api_client.force_authenticate(reviewer_szw)
    api_client.post(
        "/api/v1/reviews/",
        {"line": szw_line.pk, "recommendation": "reject", "reason": "Te weinig effect."},
        format="json",
    )
    api_client.force_authenticate(reviewer_ocw)
    assert api_client.post(f"/api/v1/applications/{submitted.pk}/decide/", {}, format="json").status_code == 403
    api_client.force_authenticate(national)
    response = api_client.post(
        f"/api/v1/applications/{submitted.pk}/decide/",
        {"lines": [{"line": ocw_line.pk, "granted_amount": str(ocw_line.amount + 1)}]},
        format="json",
    )
    assert response.status_code == 400 and not GrantDecision.objects.exists()
    response = api_client.post(f"/api/v1/applications/{submitted.pk}/decide/", {}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["outcome"] == "partly_granted"
    assert Decimal(response.json()["total_granted"]) == ocw_line.amount
    assert api_client.post(f"/api/v1/applications/{submitted.pk}/decide/", {}, format="json").status_code == 400
    listed = api_client.get("/api/v1/grant-decisions/").json()
    assert listed["count"] == 1 and listed["results"][0]["outcome"] == "partly_granted"
    assert Review.objects.count() == 2


def test_four_eyes_by_api(api_client, draft, bureau_a, themes, endorsement, national, national2):
    from funding import services

    add_line(draft, bureau_a, themes["integraal"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    services.review_record(line=draft.lines.get(), actor=national, recommendation="grant_full", reason="x")
    api_client.force_authenticate(national)
    response = api_client.post(f"/api/v1/applications/{draft.pk}/decide/", {}, format="json")
    assert response.status_code == 403 and "Vier ogen" in str(response.json())
    api_client.force_authenticate(national2)
    assert api_client.post(f"/api/v1/applications/{draft.pk}/decide/", {}, format="json").status_code == 201
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.GRANTED


def test_api_list_query_count_does_not_grow(api_client, demo_data, national):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from areas.models import Area
    from nplv import demo

    def count():
        with CaptureQueriesContext(connection) as context:
            assert api_client.get("/api/v1/applications/").status_code == 200
        return len(context.captured_queries)

    api_client.force_authenticate(national)
    small = count()
    demo.demo_synthetic_areas(scale=3)
    areas = list(Area.objects.filter(is_synthetic=True).select_related("municipality"))
    demo.demo_alliances(areas)
    demo.demo_applications(areas, decided_by=national)
    assert count() == small <= 8


def test_the_list_gives_each_application_its_own_ceilings_as_the_detail_does(
    api_client, national, submitted, area_b, scheme, themes
):
    """The list builds one row serializer for the page; its rows must equal the detail's, per application."""
    other = Application.objects.create(area=area_b, scheme=scheme)
    api_client.force_authenticate(national)
    listed = {row["id"]: row["ceilings"] for row in api_client.get("/api/v1/applications/").json()["results"]}
    assert set(listed) >= {submitted.pk, other.pk}
    for pk in (submitted.pk, other.pk):
        assert listed[pk] == api_client.get(f"/api/v1/applications/{pk}/").json()["ceilings"]
    requested = {row["theme"]: Decimal(row["requested"]) for row in listed[submitted.pk]}
    assert requested["jonge-kind"] == Decimal("1000.00")
    assert all(Decimal(row["requested"]) == 0 for row in listed[other.pk])
