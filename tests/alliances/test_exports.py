"""The member and bottleneck exports read plain values in a fixed number of queries and write the same
rows as the lists' model instances would (the oracles below are the exports as they were before issue 14)."""

from __future__ import annotations

import csv
import io
from datetime import date
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliances import selectors
from alliances.models import Bottleneck, BottleneckStatus, MemberRole, Membership
from areas.models import ActionLine
from tests.alliances.conftest import seat

pytestmark = pytest.mark.django_db


def _text(value) -> str:
    if value is None:
        return ""
    value = str(value)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def exported(client, user, url, params=None) -> list[list[str]]:
    client.force_login(user)
    response = client.get(url, params or {})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def expected_bottlenecks(user, params) -> list[list[str]]:
    return [
        [
            _text(v)
            for v in (
                b.area.name,
                b.title,
                b.regulation,
                str(b.action_line),
                str(b.get_status_display()),
                b.owner.person.name if b.owner_id else "",
                b.signalled_on,
                b.description,
                b.resolution,
            )
        ]
        for b in selectors.bottleneck_list(user=user, filters=params)
    ]


@pytest.mark.parametrize("params", [{}, {"status": "signalled"}, {"area": "rotterdam-zuid"}])
def test_bottleneck_rows_equal_the_model_rows(client, demo_data, national, bureau_a, params):
    owner = Membership.objects.filter(alliance__area__slug="amsterdam-nieuw-west").first()
    Bottleneck.objects.create(
        area=owner.alliance.area,
        title="-1 wet",
        description="=WEBSERVICE()",
        regulation="Wet X",
        action_line=ActionLine.objects.get(number=2),
        owner=owner,
        status=BottleneckStatus.SIGNALLED,
        signalled_on=date(2026, 3, 1),
    )
    for user in (national, bureau_a):
        rows = exported(client, user, reverse("bottleneck-export", args=["csv"]), params)
        assert rows[1:] == expected_bottlenecks(user, params), (user.username, params)
    rows = exported(client, national, reverse("bottleneck-export", args=["csv"]))
    assert next(row[1:3] for row in rows if row[2] == "Wet X") == ["'-1 wet", "Wet X"]


def expected_members(user, alliance, *, current, with_contacts) -> list[list[str]]:
    return [
        [
            _text(v)
            for v in (
                m.person.name,
                m.organisation.name if m.organisation_id else "",
                str(m.get_role_display()),
                "ja" if m.is_mayor else "",
                str(m.get_rank_display()) if m.rank else "",
                m.ministry,
                m.start_date,
                m.end_date,
                m.person.email if with_contacts else "",
                m.person.phone if with_contacts else "",
            )
        ]
        for m in selectors.membership_list(user=user, alliance=alliance, current=current)
    ]


def test_member_rows_equal_the_model_rows_with_and_without_contacts(client, alliance_a, bureau_a, member_a):
    ended = seat(alliance_a, MemberRole.RESIDENT, "Oud Lid")
    ended.start_date, ended.end_date = date(2020, 1, 1), timezone.localdate().replace(year=2021)
    ended.save()
    url = reverse("member-export", args=[alliance_a.area.slug, "csv"])
    for user in (bureau_a, member_a):
        contacts = user.has_perm("alliances.see_contact_details", alliance_a)
        for current, params in ((True, {}), (False, {"historie": "1"})):
            rows = exported(client, user, url, params)
            assert rows[1:] == expected_members(user, alliance_a, current=current, with_contacts=contacts)
    assert any(row[0] == "Oud Lid" for row in exported(client, bureau_a, url, {"historie": "1"}))
    assert not any(row[0] == "Oud Lid" for row in exported(client, bureau_a, url))
    assert any(row[8] == "femke@example.nl" for row in exported(client, bureau_a, url))


def test_bottleneck_export_query_count_does_not_grow(client, demo_data, national):
    url = reverse("bottleneck-export", args=["csv"])

    def count() -> int:
        client.force_login(national)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(url).streaming_content)
        return len(queries.captured_queries)

    before = count()
    template = Bottleneck.objects.select_related("area", "action_line").first()
    Bottleneck.objects.bulk_create(
        Bottleneck(
            area=template.area,
            title=f"Extra {n}",
            description="x",
            regulation="y",
            action_line=template.action_line,
            owner=template.owner,
            signalled_on=date(2026, 1, 1),
        )
        for n in range(30)
    )
    assert count() == before


def test_exports_build_no_model_instances(client, demo_data, national, bureau_a):
    """Rows are plain values from the database: not a Bottleneck, Membership or Person is instantiated."""
    alliance = selectors.alliance_get(user=bureau_a, slug="amsterdam-nieuw-west")
    with (
        mock.patch.object(Bottleneck, "from_db", side_effect=AssertionError("instance")),
        mock.patch.object(Membership, "from_db", side_effect=AssertionError("instance")),
    ):
        assert len(exported(client, national, reverse("bottleneck-export", args=["csv"]))) > 1
        assert len(exported(client, bureau_a, reverse("member-export", args=[alliance.area.slug, "csv"]))) > 1
