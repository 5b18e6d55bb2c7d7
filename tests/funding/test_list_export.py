"""The application list export reads plain values in one query, sums every application's lines in one
grouped query and writes the same rows as the list's model instances would (the oracle below is the
export as it was before issue 14)."""

from __future__ import annotations

import csv
import io
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.money import cents
from funding import selectors
from funding.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db

DECIDED = {ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED, ApplicationStatus.REJECTED}


def _text(value) -> str:
    return f"{value:.2f}" if hasattr(value, "quantize") else str(value)


def expected_rows(user, params) -> list[list[str]]:
    applications = selectors.application_list(
        user=user, filters=params, search=params.get("q", "").strip(), ordering=params.get("sort", "")
    )
    return [
        [
            _text(v)
            for v in (
                a.reference,
                a.area.name,
                a.area.municipality.name,
                a.area.municipality.cbs_code,
                a.scheme.name,
                a.get_status_display(),
                timezone.localdate(a.submitted_at).isoformat() if a.submitted_at else "",
                cents(a.requested),
                cents(a.granted) if a.status in DECIDED else "",
            )
        ]
        for a in applications
    ]


def exported(client, user, params) -> list[list[str]]:
    client.force_login(user)
    response = client.get(reverse("funding:application-list"), {**params, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


PARAMS = [{}, {"status": "granted"}, {"q": "Heerlen"}, {"sort": "-reference"}, {"scheme": "spuk-kw-2026-2028"}]


@pytest.mark.parametrize("params", PARAMS)
def test_rows_equal_the_model_rows_for_every_role(client, demo_data, national, reviewer_ocw, bureau_a, params):
    for user in (national, reviewer_ocw, bureau_a):
        rows = exported(client, user, params)
        assert rows[0][0] == "Kenmerk"
        assert rows[1:] == expected_rows(user, params), (user.username, params)


def test_query_count_does_not_grow_and_no_instances_are_built(client, demo_data, national):
    from areas.models import Area
    from nplv import demo

    def count() -> int:
        client.force_login(national)
        url = reverse("funding:application-list")
        client.get(url, {"export": "csv"})
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(url, {"export": "csv"}).streaming_content)
        assert not any('= ("funding_application"."id")' in q["sql"] for q in queries.captured_queries)
        return len(queries.captured_queries)

    small = count()
    demo.demo_synthetic_areas(scale=2)
    areas = list(Area.objects.filter(is_synthetic=True).select_related("municipality"))
    demo.demo_alliances(areas)
    demo.demo_applications(areas, decided_by=national)
    with mock.patch.object(Application, "from_db", side_effect=AssertionError("instance")):
        assert count() == small


def test_submission_day_is_the_day_in_amsterdam_as_on_the_list_page(client, demo_data, national):
    """Ingediend op: 31 March 23:30 UTC is 1 April 01:30 in Amsterdam, the day the list page shows."""
    from datetime import UTC, datetime

    application = Application.objects.exclude(submitted_at=None).first()
    application.submitted_at = datetime(2025, 3, 31, 23, 30, tzinfo=UTC)
    application.save(update_fields=["submitted_at"])
    rows = exported(client, national, {})
    assert next(row for row in rows if row[0] == application.reference)[6] == "2025-04-01"
    client.force_login(national)
    assert (
        '<time datetime="2025-04-01T01:30:00+02:00">1 april 2025</time>'
        in client.get("/middelen/aanvragen/?sort=-submitted_at&q=" + application.reference).content.decode()
    )
    assert rows[1:] == expected_rows(national, {})
