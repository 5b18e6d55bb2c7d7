"""Four eyes bind everyone, superusers included (issue 9, rule 2).

Whoever created, submitted, reviewed or asked information on an application cannot decide it; advice
on a line comes only from a reviewer of that theme's ministry (integral lines: the national team);
the admin role (beheerder) manages users and reference data but drafts, reviews and decides nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Role
from funding import services
from funding.models import ApplicationStatus, GrantDecision, Review
from tests.conftest import make_user

from .conftest import add_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(db):
    return make_user("beheerder_x", Role.ADMIN, is_superuser=True)


@pytest.fixture
def super_national(db):
    return make_user("super_national", Role.NATIONAL_TEAM, is_superuser=True)


def _advise_all(application, reviewer_ocw, reviewer_szw):
    for line in application.lines.select_related("theme"):
        actor = reviewer_ocw if line.theme.ministry == "OCW" else reviewer_szw
        services.review_record(line=line, actor=actor, recommendation="grant_full", reason="Goed.")


def test_beheerder_does_not_draft_review_or_decide(draft, bureau_a, themes, submitted, beheerder, api_client):
    """A superuser with the admin role is refused at every step of an application, service and API."""
    with pytest.raises(PermissionDenied):
        services.application_create(area=bureau_a.area, scheme=draft.scheme, actor=beheerder)
    line = submitted.lines.first()
    with pytest.raises(PermissionDenied):
        services.review_record(line=line, actor=beheerder, recommendation="grant_full", reason="x")
    with pytest.raises(PermissionDenied):
        services.application_decide(application=submitted, actor=beheerder)
    api_client.force_authenticate(beheerder)
    response = api_client.post(
        "/api/v1/reviews/", {"line": line.pk, "recommendation": "grant_full", "reason": "x"}, format="json"
    )
    assert response.status_code == 403
    assert api_client.post(f"/api/v1/applications/{submitted.pk}/decide/", {}, format="json").status_code == 403
    assert not Review.objects.exists() and not GrantDecision.objects.exists()


def test_superuser_who_asked_information_cannot_decide(submitted, super_national, reviewer_ocw, reviewer_szw, bureau_a):
    request = services.information_request_create(
        application=submitted, actor=super_national, question="Welke school?", deadline=timezone.localdate()
    )
    services.information_request_answer(request=request, actor=bureau_a, answer="De Regenboog.")
    _advise_all(submitted, reviewer_ocw, reviewer_szw)
    with pytest.raises(PermissionDenied, match="Vier ogen"):
        services.application_decide(application=submitted, actor=super_national)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW


def test_decider_who_asked_information_is_refused_by_api(
    api_client, submitted, national, reviewer_ocw, reviewer_szw, bureau_a
):
    request = services.information_request_create(
        application=submitted, actor=national, question="?", deadline=timezone.localdate() + timedelta(days=3)
    )
    services.information_request_answer(request=request, actor=bureau_a, answer="!")
    _advise_all(submitted, reviewer_ocw, reviewer_szw)
    api_client.force_authenticate(national)
    response = api_client.post(f"/api/v1/applications/{submitted.pk}/decide/", {}, format="json")
    assert response.status_code == 403 and "Vier ogen" in response.json()["detail"]
    assert not GrantDecision.objects.exists()


def test_who_created_and_submitted_cannot_decide_even_after_a_role_change(
    draft, bureau_a, themes, endorsement, reviewer_ocw, reviewer_szw
):
    """The bureau member who drafted and submitted, later moved to the national team, still may not decide."""
    add_line(draft, bureau_a, themes["jonge-kind"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    _advise_all(draft, reviewer_ocw, reviewer_szw)
    bureau_a.role, bureau_a.is_superuser = Role.NATIONAL_TEAM, True
    bureau_a.save()
    with pytest.raises(PermissionDenied, match="Vier ogen"):
        services.application_decide(application=draft, actor=bureau_a)


def test_superuser_national_team_member_who_reviewed_the_integral_line_cannot_decide(
    draft, bureau_a, themes, endorsement, super_national
):
    add_line(draft, bureau_a, themes["integraal"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    line = draft.lines.get()
    services.review_record(line=line, actor=super_national, recommendation="grant_full", reason="Goed.")
    with pytest.raises(PermissionDenied, match="Vier ogen"):
        services.application_decide(application=draft, actor=super_national)


def test_uninvolved_superuser_of_the_national_team_decides(submitted, super_national, reviewer_ocw, reviewer_szw):
    _advise_all(submitted, reviewer_ocw, reviewer_szw)
    decision = services.application_decide(application=submitted, actor=super_national)
    assert decision.decided_by == super_national


def test_advice_only_from_the_theme_s_own_ministry(draft, bureau_a, themes, endorsement, reviewer_ocw, national):
    """OCW advises its OCW line only; the integral line only the national team; a superuser gets no pass."""
    add_line(draft, bureau_a, themes["jonge-kind"])
    add_line(draft, bureau_a, themes["financiele-educatie"])
    add_line(draft, bureau_a, themes["integraal"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    lines = {line.theme.code: line for line in draft.lines.select_related("theme")}
    reviewer_ocw.is_superuser = True
    reviewer_ocw.save()
    for code in ("financiele-educatie", "integraal"):
        with pytest.raises(PermissionDenied):
            services.review_record(line=lines[code], actor=reviewer_ocw, recommendation="grant_full", reason="x")
    with pytest.raises(PermissionDenied):
        services.review_record(line=lines["jonge-kind"], actor=national, recommendation="grant_full", reason="x")
    services.review_record(line=lines["jonge-kind"], actor=reviewer_ocw, recommendation="grant_full", reason="x")
    services.review_record(line=lines["integraal"], actor=national, recommendation="grant_full", reason="x")
    assert Review.objects.count() == 2
