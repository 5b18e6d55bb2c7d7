"""An endorsement belongs to one application (issue 9, rule 3).

The endorsing decision names what it endorses; it was taken in a meeting that has taken place before
the submission and was quorate; it is not reused; the attendance of its meeting is fixed from then on.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliances import services as alliance_services
from alliances.models import AttendanceStatus, Decision, DecisionOutcome, DecisionSubject
from funding import selectors, services
from funding.models import Application, ApplicationStatus

from .conftest import add_line, endorsement_for

pytestmark = pytest.mark.django_db


def test_submit_binds_the_decision_to_the_application(draft, bureau_a, themes, endorsement):
    add_line(draft, bureau_a, themes["jonge-kind"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    endorsement.refresh_from_db()
    assert endorsement.endorses == draft
    assert endorsement.endorses_type == ContentType.objects.get_for_model(Application)


def _second_draft(draft, bureau_a, themes, endorsement, reviewer_ocw, national2, national):
    """The first application granted with `endorsement`; a supplementary draft of the same area."""
    add_line(draft, bureau_a, themes["jonge-kind"], amount="10.00")
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    services.review_record(line=draft.lines.get(), actor=reviewer_ocw, recommendation="grant_full", reason="ok")
    services.application_decide(application=draft, actor=national)
    second = services.application_create(area=draft.area, scheme=draft.scheme, actor=bureau_a)
    add_line(second, bureau_a, themes["jonge-kind"], amount="10.00")
    return second


def test_a_used_decision_cannot_endorse_a_second_application(
    client, api_client, draft, bureau_a, themes, endorsement, reviewer_ocw, national, national2
):
    """Service, API and page refuse the decision that already endorsed the granted first application."""
    second = _second_draft(draft, bureau_a, themes, endorsement, reviewer_ocw, national2, national)
    with pytest.raises(ValidationError) as info:
        services.application_submit(application=second, actor=bureau_a, endorsement=endorsement)
    assert "endorsement" in info.value.message_dict
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        f"/api/v1/applications/{second.pk}/submit/", {"endorsement": endorsement.pk}, format="json"
    )
    assert response.status_code == 400 and "endorsement" in response.json()
    assert endorsement not in selectors.endorsement_choices(area=second.area, application=second)
    client.force_login(bureau_a)
    response = client.post(
        reverse("funding:application-submit", kwargs={"pk": second.pk}), {"endorsement": endorsement.pk}
    )
    second.refresh_from_db()
    assert second.status == ApplicationStatus.DRAFT
    # Its own decision does it.
    own = endorsement_for(draft.area)
    services.application_submit(application=second, actor=bureau_a, endorsement=own)


def test_meeting_in_the_future_does_not_endorse(draft, bureau_a, themes):
    add_line(draft, bureau_a, themes["jonge-kind"])
    later = endorsement_for(draft.area, day=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="nog niet plaatsgevonden"):
        services.application_submit(application=draft, actor=bureau_a, endorsement=later)
    assert later not in selectors.endorsement_choices(area=draft.area)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_meeting_without_quorum_does_not_endorse(draft, bureau_a, themes, endorsement):
    add_line(draft, bureau_a, themes["jonge-kind"])
    endorsement.meeting.attendances.update(status=AttendanceStatus.ABSENT)
    with pytest.raises(ValidationError, match="niet beslissingsbevoegd"):
        services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)


@pytest.mark.parametrize(
    "kind",
    [{"subject": DecisionSubject.ADOPT_PLAN}, {"outcome": DecisionOutcome.REJECTED}],
)
def test_only_an_adopted_endorsing_decision_endorses(draft, bureau_a, themes, kind):
    add_line(draft, bureau_a, themes["jonge-kind"])
    with pytest.raises(ValidationError):
        services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement_for(draft.area, **kind))


def test_attendance_of_a_used_meeting_is_fixed(client, api_client, submitted, bureau_a):
    """Service, page and API refuse to change who attended once a decision of the meeting was used."""
    meeting = Decision.objects.get(pk=submitted.endorsement_id).meeting
    chair = meeting.attendances.get().membership
    with pytest.raises(ValidationError, match="gebruikt"):
        alliance_services.attendance_record(meeting=meeting, actor=bureau_a, statuses={chair.pk: "absent"})
    with pytest.raises(ValidationError, match="gebruikt"):
        alliance_services.meeting_update(meeting=meeting, actor=bureau_a, date=meeting.date + timedelta(days=400))
    client.force_login(bureau_a)
    response = client.post(reverse("meeting-attendance", args=[meeting.pk]), {f"member_{chair.pk}": "absent"})
    assert response.status_code == 400
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        f"/api/v1/meetings/{meeting.pk}/attendance/",
        {"attendances": [{"membership": chair.pk, "status": "absent"}]},
        format="json",
    )
    assert response.status_code == 400
    assert meeting.attendances.get().status == AttendanceStatus.PRESENT


def test_decision_of_another_area_is_unknown_to_the_api(api_client, draft, bureau_a, themes, area_b):
    add_line(draft, bureau_a, themes["jonge-kind"])
    other = endorsement_for(area_b)
    api_client.force_authenticate(bureau_a)
    response = api_client.post(f"/api/v1/applications/{draft.pk}/submit/", {"endorsement": other.pk}, format="json")
    assert response.status_code == 400
    assert "bestaat niet" in str(response.json()) or "does not exist" in str(response.json())
