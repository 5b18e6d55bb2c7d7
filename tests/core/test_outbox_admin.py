"""The outbox's admin list: the national team reads it, filtered by status; nobody writes it there."""

import pytest
from django.urls import reverse

from core.models import OutboxMessage, OutboxStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_national_team_reads_the_outbox_and_filters_failures(client, reference_data):
    OutboxMessage.objects.create(
        recipient="a@example.nl", subject="Verzonden bericht", body="x", status=OutboxStatus.SENT
    )
    OutboxMessage.objects.create(
        recipient="b@example.nl", subject="Mislukt bericht", body="x", status=OutboxStatus.FAILED
    )
    client.force_login(f.UserFactory(national_team=True))
    url = reverse("admin:core_outboxmessage_changelist")
    body = client.get(url, {"status__exact": OutboxStatus.FAILED}).content.decode()
    assert "Mislukt bericht" in body and "Verzonden bericht" not in body
    message = OutboxMessage.objects.get(status=OutboxStatus.FAILED)
    client.post(reverse("admin:core_outboxmessage_change", args=[message.pk]), {"subject": "Anders"})
    message.refresh_from_db()
    assert message.subject == "Mislukt bericht"


def test_reviewer_and_bureau_do_not_see_the_outbox(client, reference_data):
    OutboxMessage.objects.create(recipient="a@example.nl", subject="Bericht", body="x")
    url = reverse("admin:core_outboxmessage_changelist")
    client.force_login(f.UserFactory(reviewer=True))
    assert client.get(url).status_code == 403
    assert OutboxMessage.objects.visible_to(f.UserFactory(reviewer=True)).count() == 0
