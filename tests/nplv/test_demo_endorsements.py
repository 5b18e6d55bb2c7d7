"""Every demo application that was submitted has its own endorsing decision, from a quorate meeting
held before its submission (issue 9, rule 3)."""

import pytest

from alliances.services import meeting_quorum
from funding.models import Application, ApplicationStatus


@pytest.mark.django_db
def test_every_submitted_demo_application_has_its_own_earlier_quorate_endorsement(demo_data):
    applications = list(
        Application.objects.exclude(status=ApplicationStatus.DRAFT).select_related("endorsement__meeting__alliance")
    )
    assert len(applications) >= 20
    endorsements = [a.endorsement for a in applications]
    assert None not in endorsements
    assert len({e.pk for e in endorsements}) == len(applications)
    for application in applications:
        decision = application.endorsement
        assert decision.meeting.date <= application.submitted_at.date(), application.reference
        assert decision.endorses == application
        assert meeting_quorum(meeting=decision.meeting).met
