"""Scoping by area: pages and API answer 404 for what lies outside the user's scope."""

import pytest
from django.urls import reverse

from accounts.models import Role
from alliances.models import Membership
from areas.models import Area
from funding.models import Application, ApplicationLine, Ceiling
from interventions.models import Intervention

pytestmark = pytest.mark.django_db


def test_bureau_sees_own_area_page_and_404_on_another(client, bureau_a, area_a, area_b):
    client.force_login(bureau_a)
    assert client.get(reverse("area-detail", args=[area_a.slug])).status_code == 200
    assert client.get(reverse("area-detail", args=[area_b.slug])).status_code == 404


def test_bureau_gets_404_on_another_area_by_api(api_client, bureau_a, area_a, area_b):
    api_client.force_authenticate(bureau_a)
    assert api_client.get(f"/api/v1/areas/{area_a.pk}/").status_code == 200
    assert api_client.get(f"/api/v1/areas/{area_b.pk}/").status_code == 404
    listed = api_client.get("/api/v1/areas/").json()
    assert [row["slug"] for row in listed["results"]] == [area_a.slug]


def test_ceilings_by_api_are_scoped(api_client, bureau_a, area_a, area_b):
    api_client.force_authenticate(bureau_a)
    other = Ceiling.objects.filter(area=area_b).first()
    assert api_client.get(f"/api/v1/ceilings/{other.pk}/").status_code == 404
    rows = api_client.get("/api/v1/ceilings/?scheme=spuk-kw-2026-2028").json()["results"]
    assert len(rows) == 7 and {row["area"] for row in rows} == {area_a.slug}


def test_national_team_sees_all_areas(api_client, national, reference_data):
    api_client.force_authenticate(national)
    assert api_client.get("/api/v1/areas/").json()["count"] == 20


def test_anonymous_is_denied_by_default(api_client, client, reference_data):
    for url in ["/api/v1/areas/", "/api/v1/municipalities/", "/api/v1/schemes/", "/api/v1/ceilings/"]:
        assert api_client.get(url).status_code in (401, 403), url
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_token_authentication(api_client, bureau_a):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=bureau_a)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/areas/").json()["count"] == 1


def test_api_is_read_only_for_reference_data(api_client, national, area_a):
    api_client.force_authenticate(national)
    assert api_client.post("/api/v1/areas/", {"name": "x"}).status_code == 405
    assert api_client.delete(f"/api/v1/areas/{area_a.pk}/").status_code == 405


@pytest.mark.parametrize(
    "model",
    [Area, Membership, Intervention, Application, ApplicationLine, Ceiling],
)
def test_every_model_scopes_area_roles_to_their_area(demo_data, bureau_a, model):
    visible = model.objects.visible_to(bureau_a)
    assert visible.exists()
    from areas.rules import area_id_of

    assert {area_id_of(obj) for obj in visible} == {bureau_a.area_id}


def test_reviewer_sees_only_own_ministrys_lines_in_all_areas(demo_data, reviewer_ocw):
    lines = ApplicationLine.objects.visible_to(reviewer_ocw)
    assert lines.exists()
    assert set(lines.values_list("theme__ministry", flat=True)) == {"OCW"}
    assert lines.values("application__area").distinct().count() > 1
    assert not lines.filter(application__status="draft").exists()


def test_inactive_or_anonymous_users_see_nothing(demo_data, bureau_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Area.objects.visible_to(AnonymousUser()).exists()
    bureau_a.is_active = False
    assert not Area.objects.visible_to(bureau_a).exists()


def test_area_role_without_area_sees_nothing(reference_data):
    from accounts.models import User

    user = User(username="x", role=Role.ALLIANCE_MEMBER)
    user.area_id = None
    assert not Area.objects.visible_to(user).exists()


def _domain_models():
    from django.apps import apps

    for label in ("alliances", "interventions", "funding"):
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def test_every_model_has_visible_to_and_shows_nothing_to_anonymous(demo_data):
    """Every read starts from `visible_to(user)`; nobody signed out sees a single row of anything."""
    from django.contrib.auth.models import AnonymousUser

    models = list(_domain_models())
    assert len(models) > 25
    for model in models:
        queryset = model._default_manager.all()
        assert hasattr(queryset, "visible_to"), model.__name__
        assert not queryset.visible_to(AnonymousUser()).exists(), model.__name__
