"""A guided endorsement: the submit page explains and links to recording it, and comes back with it chosen."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from alliances.models import Attendance, Decision, DecisionSubject, Meeting
from tests.alliances.conftest import MEETING_DAY, attend, build_alliance

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_a(area_a) -> Meeting:
    """A quorate meeting of an alliance with members (as in the alliance tests)."""
    meeting = Meeting.objects.create(alliance=build_alliance(area_a), date=MEETING_DAY)
    attend(meeting)
    return meeting


def test_submit_page_guides_meeting_attendance_and_decision(client, bureau_a, draft, themes, meeting_a):
    from .conftest import add_line

    add_line(draft, bureau_a, themes["jonge-kind"])
    meeting = meeting_a
    client.force_login(bureau_a)
    submit_url = reverse("funding:application-submit", args=[draft.pk])
    page = client.get(submit_url).content.decode()
    assert "Instemming van de alliantie vastleggen" in page
    decision_link = reverse("decision-create", args=[meeting.pk]) + "?onderwerp=endorse_application"
    assert decision_link in page and f"next={submit_url}" in page

    # The decision form comes prefilled for this application and returns to the submit page with it chosen.
    url = reverse("decision-create", args=[meeting.pk])
    query = {
        "onderwerp": "endorse_application",
        "tekst": f"De alliantie stemt in met {draft.reference}.",
        "next": submit_url,
    }
    form_page = client.get(url, query).content.decode()
    assert 'value="endorse_application" selected' in form_page and draft.reference in form_page
    response = client.post(
        f"{url}?next={submit_url}",
        {"subject": "endorse_application", "text": f"Instemming {draft.reference}", "outcome": "adopted"},
    )
    decision = Decision.objects.get(text=f"Instemming {draft.reference}")
    target = urlparse(response["Location"])
    assert target.path == submit_url and parse_qs(target.query) == {"besluit": [str(decision.pk)]}
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{decision.pk}" selected>' in page


def test_only_endorsing_decisions_are_offered_each_labelled_differently(client, bureau_a, draft, endorsement):
    meeting = endorsement.meeting
    other = Decision.objects.create(
        meeting=meeting, subject=DecisionSubject.OTHER, text="Iets anders", outcome="adopted"
    )
    twin = Decision.objects.create(
        meeting=meeting, subject=DecisionSubject.ENDORSE_APPLICATION, text=endorsement.text, outcome="adopted"
    )
    client.force_login(bureau_a)
    response = client.get(reverse("funding:application-submit", args=[draft.pk]))
    field = response.context["form"].fields["endorsement"]
    labels = [label for value, label in field.choices if value]
    assert len(labels) == len(set(labels)) >= 2
    assert str(other.pk) not in [str(value) for value, _ in field.choices]
    assert any(f"besluit {twin.pk}" in label for label in labels)


def test_next_must_stay_on_this_site(client, bureau_a, meeting_a):
    meeting = meeting_a
    client.force_login(bureau_a)
    url = reverse("decision-create", args=[meeting.pk]) + "?next=https://evil.example/"
    response = client.post(url, {"subject": "other", "text": "x", "outcome": "adopted"})
    assert response["Location"] == meeting.get_absolute_url()


def test_attendance_can_start_with_everyone_present(client, bureau_a, meeting_a):
    meeting = Meeting.objects.create(alliance=meeting_a.alliance, date=meeting_a.date)
    client.force_login(bureau_a)
    url = reverse("meeting-attendance", args=[meeting.pk])
    page = client.get(url, {"iedereen": "aanwezig"}).content.decode()
    present, absent = re.compile(r'value="present"[^>]*checked'), re.compile(r'value="absent"[^>]*checked')
    assert present.search(page) and not absent.search(page)
    assert absent.search(client.get(url).content.decode())
    assert not Attendance.objects.filter(meeting=meeting).exists()
