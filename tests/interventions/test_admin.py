"""Admin: nationwide roles look, filter by area, action line, theme and status; only admins change."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/interventions/intervention/"


def test_admin_list_filters(client, admin_user, running_a, private_b):
    client.force_login(admin_user)
    page = client.get(URL).content.decode()
    for title in ("gebied", "actielijn", "SPUK-thema", "status"):
        assert f"Op {title}" in page or f"By {title}" in page, title
    page = client.get(URL, {"area__id__exact": private_b.area_id}).content.decode()
    assert "Buurtrechtbank Zuid" in page and "Straatmaatjes Nieuw-West" not in page
    page = client.get(URL, {"status__exact": "running", "action_line__id__exact": running_a.action_line_id}).content
    assert b"Straatmaatjes" in page
    assert client.get(f"{URL}{running_a.pk}/change/").status_code == 200


def test_national_team_views_but_does_not_change(client, national, running_a):
    client.force_login(national)
    assert client.get(URL).status_code == 200
    page = client.get(f"{URL}{running_a.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    response = client.post(f"{URL}{running_a.pk}/change/", {"title": "x"})
    assert response.status_code == 403
    running_a.refresh_from_db()
    assert running_a.title == "Straatmaatjes Nieuw-West"


def test_programme_bureau_has_no_admin(client, bureau_a):
    client.force_login(bureau_a)
    assert client.get(URL).status_code == 302
