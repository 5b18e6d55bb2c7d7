"""A ministry reviewer sees only what concerns its ministry (issue 9, rule 1): the decision, the letter,
the totals and the questions of an application only when it has a line of the reviewer's ministry."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from funding import services
from funding.models import Application, GrantDecision, InformationRequest

from .conftest import add_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_ocw_only(draft, bureau_a, themes, endorsement, reviewer_ocw, national, national2, settings, tmp_path):
    """Granted: an OCW line and an integral line, no SZW line; with an information request."""
    add_line(draft, bureau_a, themes["jonge-kind"])
    add_line(draft, bureau_a, themes["integraal"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    services.information_request_create(
        application=draft, actor=reviewer_ocw, question="Welke scholen?", deadline=timezone.localdate()
    )
    services.information_request_answer(request=draft.information_requests.get(), actor=bureau_a, answer="Twee.")
    for line in draft.lines.select_related("theme"):
        actor = reviewer_ocw if line.theme.ministry else national
        services.review_record(line=line, actor=actor, recommendation="grant_full", reason="Goed.")
    services.application_decide(application=draft, actor=national2)
    return draft


def test_querysets_hide_other_ministries_applications(decided_ocw_only, reviewer_szw, reviewer_ocw):
    for model in (Application, GrantDecision, InformationRequest):
        assert not model.objects.visible_to(reviewer_szw).exists(), model
        assert model.objects.visible_to(reviewer_ocw).exists(), model


def test_reviewer_of_another_ministry_gets_404_for_decision_and_letter(client, decided_ocw_only, reviewer_szw):
    decision = decided_ocw_only.grant_decision
    client.force_login(reviewer_szw)
    assert client.get(reverse("funding:decision-letter", kwargs={"pk": decision.pk})).status_code == 404
    assert client.get(decided_ocw_only.get_absolute_url()).status_code == 404
    response = client.get(reverse("funding:application-list"), {"export": "csv"})
    assert decided_ocw_only.reference not in b"".join(response.streaming_content).decode()


def test_reviewer_of_another_ministry_sees_nothing_in_the_api(api_client, decided_ocw_only, reviewer_szw):
    decision = decided_ocw_only.grant_decision
    api_client.force_authenticate(reviewer_szw)
    assert api_client.get("/api/v1/grant-decisions/").json()["count"] == 0
    assert api_client.get(f"/api/v1/grant-decisions/{decision.pk}/").status_code == 404
    assert api_client.get("/api/v1/applications/").json()["count"] == 0
    assert api_client.get(f"/api/v1/applications/{decided_ocw_only.pk}/").status_code == 404
    assert api_client.get("/api/v1/application-lines/").json()["count"] == 0
    assert api_client.get("/api/v1/reviews/").json()["count"] == 0


def test_reviewer_of_the_ministry_sees_decision_letter_and_only_its_ceilings(
    client, api_client, decided_ocw_only, reviewer_ocw
):
    decision = decided_ocw_only.grant_decision
    client.force_login(reviewer_ocw)
    assert client.get(reverse("funding:decision-letter", kwargs={"pk": decision.pk})).status_code == 200
    api_client.force_authenticate(reviewer_ocw)
    body = api_client.get(f"/api/v1/applications/{decided_ocw_only.pk}/").json()
    assert body["ceilings"] and all(row["theme"] != "integraal" for row in body["ceilings"])
    lines = api_client.get("/api/v1/application-lines/").json()["results"]
    assert len(lines) == 1
