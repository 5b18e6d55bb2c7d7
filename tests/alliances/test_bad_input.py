"""Dates outside 1900–2100, over-long text and zip bombs are refused at the service, the page and the API."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliances import services
from alliances.models import Meeting
from core.validation import TEXT_MAX_LENGTH

from .conftest import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1899, 12, 31)])
def test_service_refuses_meeting_dates_outside_the_sane_range(alliance_a, bureau_a, day):
    with pytest.raises(ValidationError, match="1900 en 2100"):
        services.meeting_create(alliance=alliance_a, actor=bureau_a, date=day)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2101-01-01"])
def test_page_and_api_refuse_meeting_dates_outside_the_sane_range(client, api_client, alliance_a, bureau_a, day):
    client.force_login(bureau_a)
    response = client.post(reverse("meeting-create", args=[alliance_a.area.slug]), {"date": day})
    assert response.status_code == 400 and response.context["form"].errors.get("date")
    api_client.force_authenticate(bureau_a)
    response = api_client.post("/api/v1/meetings/", {"alliance": alliance_a.pk, "date": day}, format="json")
    assert response.status_code == 400 and "date" in response.json()
    assert not Meeting.objects.exists()


def test_over_long_agenda_is_refused(client, api_client, alliance_a, bureau_a):
    agenda = "a" * (TEXT_MAX_LENGTH + 1)
    with pytest.raises(ValidationError):
        services.meeting_create(alliance=alliance_a, actor=bureau_a, date=datetime.date(2025, 1, 1), agenda=agenda)
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/meetings/", {"alliance": alliance_a.pk, "date": "2025-01-01", "agenda": agenda}, format="json"
    )
    assert response.status_code == 400 and "agenda" in response.json()
    assert not Meeting.objects.exists()


def test_zip_bomb_minutes_are_refused_on_the_page(client, alliance_a, bureau_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
        archive.writestr("bomb.bin", b"\0" * (101 * 1024 * 1024))
    client.force_login(bureau_a)
    response = client.post(
        reverse("meeting-create", args=[alliance_a.area.slug]),
        {"date": "2025-01-01", "minutes": upload("verslag.odt", buffer.getvalue())},
    )
    assert response.status_code == 400
    assert "100 MB" in str(response.context["form"].errors)
    assert not Meeting.objects.exists()


def test_nul_byte_in_bottleneck_search_is_a_400(client, bureau_a):
    client.force_login(bureau_a)
    assert client.get(reverse("bottleneck-list"), {"q": "\x00"}).status_code == 400
    assert client.get("/api/v1/bottlenecks/", {"search": "x\x00"}).status_code == 400
