"""Admin: nationwide roles look, filter by area, action line, theme and status; only admins change."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/interventions/intervention/"


def test_admin_list_filters(client, admin_user, running_a, private_b):
    client.force_login(admin_user)
    page = client.get(URL).content.decode()
    for title in ("gebied", "actielijn", "SPUK-thema", "status"):
        assert f"Op {title}" in page or f"By {title}" in page, title
    page = client.get(URL, {"gebied": private_b.area.name}).content.decode()
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


def _form(client, url) -> dict:
    from tests.admin_forms import form_data

    return form_data(client.get(url).content.decode())


def test_intervention_added_in_the_admin_goes_through_the_service(client, admin_user, area_a, line):
    """An intervention added in the admin starts as an idea with its first history entry (who, from, to)."""
    from core.workflow import transitions_of
    from interventions.models import Intervention

    client.force_login(admin_user)
    data = _form(client, f"{URL}add/")
    data.update({"area": area_a.pk, "title": "Buurtvaders", "action_line": line.pk, "evidence_level": "unknown"})
    response = client.post(f"{URL}add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    intervention = Intervention.objects.get(title="Buurtvaders")
    assert intervention.status == "idea"
    [entry] = transitions_of(intervention)
    assert (entry.source, entry.target, entry.actor) == ("", "idea", admin_user)


def test_progress_inline_on_an_idea_is_refused_and_nothing_is_saved(client, admin_user, running_a):
    """The progress inline asks the service, which takes progress only on a running intervention; the refusal
    is a form error and the rest of the POST (a new title) is rolled back with it."""
    from interventions.models import InterventionStatus, ProgressUpdate

    running_a.status = InterventionStatus.IDEA
    running_a.save()
    client.force_login(admin_user)
    url = f"{URL}{running_a.pk}/change/"
    data = _form(client, url)
    data.update(
        {
            "title": "Nieuwe titel",
            "progress_updates-TOTAL_FORMS": "1",
            "progress_updates-0-year": "2026",
            "progress_updates-0-quarter": "1",
            "progress_updates-0-narrative": "Gaat goed",
            "progress_updates-0-rag_status": "green",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Voortgang wordt per kwartaal gerapporteerd" in response.content.decode()
    assert not ProgressUpdate.objects.filter(intervention=running_a).exists()
    running_a.refresh_from_db()
    assert running_a.title == "Straatmaatjes Nieuw-West"


def test_status_changes_only_through_the_actions(client, admin_user, running_a):
    """The status is read-only in the form; the stop action asks for a reason and writes the history."""
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    from core.workflow import transitions_of

    client.force_login(admin_user)
    url = f"{URL}{running_a.pk}/change/"
    data = {**_form(client, url), "status": "completed"}
    assert client.post(url, data).status_code == 302
    running_a.refresh_from_db()
    assert running_a.status == "running"
    action = {"action": "stop", ACTION_CHECKBOX_NAME: [running_a.pk]}
    assert 'name="reason"' in client.post(URL, action).content.decode()
    client.post(URL, {**action, "apply": "1", "reason": "Geen deelnemers meer."})
    running_a.refresh_from_db()
    assert (running_a.status, running_a.stop_reason) == ("stopped", "Geen deelnemers meer.")
    assert transitions_of(running_a).last().comment == "Geen deelnemers meer."
