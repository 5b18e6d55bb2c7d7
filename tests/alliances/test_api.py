"""The alliance API: the same rules (400 with the rule's message), permissions (403) and scoping (404)."""

import pytest

from alliances.models import (
    AttendanceStatus,
    Decision,
    Meeting,
    MemberRole,
    PlanStatus,
)

from .conftest import MEETING_DAY, attend, exe_bytes, members, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def messages(response) -> str:
    return str(response.json())


def test_second_chair_refused_by_api(api_client, bureau_a, alliance_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/memberships/",
        {
            "alliance": alliance_a.pk,
            "person_name": "Tweede",
            "role": MemberRole.CHAIR,
            "is_mayor": True,
            "start_date": "2025-01-01",
        },
        format="json",
    )
    assert response.status_code == 400 and "Regel voorzitter" in messages(response)


def test_national_representative_rank_refused_by_api(api_client, national, alliance_a):
    rep = members(alliance_a, MemberRole.NATIONAL_REPRESENTATIVE).get()
    api_client.force_authenticate(national)
    response = api_client.patch(f"/api/v1/memberships/{rep.pk}/", {"rank": ""}, format="json")
    assert response.status_code == 400 and "directeur, DG of SG" in messages(response)


def test_ending_the_only_representative_refused_by_api(api_client, bureau_a, alliance_a):
    """PATCHing an end date on the only rijksvertegenwoordiger without a successor is a 400 naming the rule."""
    rep = members(alliance_a, MemberRole.NATIONAL_REPRESENTATIVE).get()
    api_client.force_authenticate(bureau_a)
    response = api_client.patch(f"/api/v1/memberships/{rep.pk}/", {"end_date": "2025-06-30"}, format="json")
    assert response.status_code == 400 and "Regel rijksvertegenwoordiger" in messages(response)
    rep.refresh_from_db()
    assert rep.end_date is None


def test_successor_created_by_api_ends_the_current_representative(api_client, bureau_a, alliance_a):
    """POST with `succession` seats the successor from X+1 and ends the current term on X."""
    rep = members(alliance_a, MemberRole.NATIONAL_REPRESENTATIVE).get()
    api_client.force_authenticate(bureau_a)
    data = {
        "alliance": alliance_a.pk,
        "person_name": "Nieuwe Rijk",
        "role": MemberRole.NATIONAL_REPRESENTATIVE,
        "rank": "director",
        "ministry": "VWS",
        "start_date": "2025-07-01",
    }
    response = api_client.post("/api/v1/memberships/", data, format="json")
    assert response.status_code == 400 and "Leg een opvolging vast" in messages(response)
    response = api_client.post("/api/v1/memberships/", {**data, "succession": True}, format="json")
    assert response.status_code == 201, response.json()
    rep.refresh_from_db()
    assert str(rep.end_date) == "2025-06-30"


def test_term_and_duplicate_rules_by_api(api_client, bureau_a, alliance_a):
    api_client.force_authenticate(bureau_a)
    alderman = members(alliance_a, MemberRole.ALDERMAN).get()
    response = api_client.patch(f"/api/v1/memberships/{alderman.pk}/", {"end_date": "2020-01-01"}, format="json")
    assert response.status_code == 400 and "Regel termijn" in messages(response)
    response = api_client.post(
        "/api/v1/memberships/",
        {"alliance": alliance_a.pk, "person_id": alderman.person_id, "role": "alderman", "start_date": "2025-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "Regel één lidmaatschap per rol" in messages(response)


def test_member_created_by_api(api_client, bureau_a, alliance_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/memberships/",
        {"alliance": alliance_a.pk, "person_name": "Nieuwe GGD", "role": "ggd", "start_date": "2025-01-01"},
        format="json",
    )
    assert response.status_code == 201 and response.json()["person"]["name"] == "Nieuwe GGD"


def test_resident_seats_and_quorum_by_api(api_client, bureau_a, alliance_a):
    """More residents than seats is refused; a decision without quorum is refused; with quorum it is recorded."""
    api_client.force_authenticate(bureau_a)
    meeting = api_client.post(
        "/api/v1/meetings/", {"alliance": alliance_a.pk, "date": "2025-03-10"}, format="json"
    ).json()
    everyone = [{"membership": m.pk, "status": "present"} for m in members(alliance_a)]
    response = api_client.post(
        f"/api/v1/meetings/{meeting['id']}/attendance/", {"attendances": everyone}, format="json"
    )
    assert response.status_code == 400 and "Regel bewonerszetels" in messages(response)
    decision = {"meeting": meeting["id"], "subject": "other", "text": "x", "outcome": "adopted"}
    response = api_client.post("/api/v1/decisions/", decision, format="json")
    assert response.status_code == 400 and "Regel quorum" in messages(response)
    seated = [
        {"membership": m.pk, "status": "present" if m.role != "resident" else "excused"} for m in members(alliance_a)
    ]
    response = api_client.post(f"/api/v1/meetings/{meeting['id']}/attendance/", {"attendances": seated}, format="json")
    assert response.status_code == 200
    assert api_client.get(f"/api/v1/meetings/{meeting['id']}/quorum/").json()["met"] is True
    assert api_client.post("/api/v1/decisions/", decision, format="json").status_code == 201


def test_plan_adoption_by_api_supersedes_the_old_version(api_client, bureau_a, meeting_a, draft_plan_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/decisions/",
        {
            "meeting": meeting_a.pk,
            "subject": "adopt_plan",
            "text": "v1",
            "outcome": "adopted",
            "plan": draft_plan_a.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    v2 = api_client.post(
        "/api/v1/plans/",
        {
            "alliance": meeting_a.alliance_id,
            "kind": "area_plan",
            "title": "v2",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
            "document": upload("v2.pdf", pdf_bytes()),
        },
        format="multipart",
    ).json()
    assert v2["version"] == 2 and v2["has_document"] is True
    other = Decision.objects.create(meeting=meeting_a, subject="other", text="x", outcome="adopted")
    response = api_client.post(f"/api/v1/plans/{v2['id']}/adopt/", {"decision": other.pk}, format="json")
    assert response.status_code == 400 and "Regel vaststelling" in messages(response)
    adopt = Decision.objects.create(meeting=meeting_a, subject="adopt_plan", text="v2", outcome="adopted")
    response = api_client.post(f"/api/v1/plans/{v2['id']}/adopt/", {"decision": adopt.pk}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "adopted"
    draft_plan_a.refresh_from_db()
    assert draft_plan_a.status == PlanStatus.SUPERSEDED


def test_upload_of_renamed_executable_refused_by_api(api_client, bureau_a, alliance_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        "/api/v1/meetings/",
        {"alliance": alliance_a.pk, "date": "2025-03-10", "minutes": upload("verslag.pdf", exe_bytes())},
        format="multipart",
    )
    assert response.status_code == 400 and "Uploadregel" in messages(response)
    assert not Meeting.objects.filter(alliance=alliance_a).exists()


def test_bottleneck_rules_and_transitions_by_api(api_client, bureau_a, alliance_a, bottleneck_a):
    api_client.force_authenticate(bureau_a)
    police = members(alliance_a, MemberRole.POLICE).get()
    response = api_client.patch(f"/api/v1/bottlenecks/{bottleneck_a.pk}/", {"owner": police.pk}, format="json")
    assert response.status_code == 400 and "Regel eigenaar knelpunt" in messages(response)
    assert api_client.post(f"/api/v1/bottlenecks/{bottleneck_a.pk}/start/", {}, format="json").status_code == 200
    response = api_client.post(f"/api/v1/bottlenecks/{bottleneck_a.pk}/resolve/", {}, format="json")
    assert response.status_code == 400 and "Regel afhandeling" in messages(response)
    response = api_client.post(
        f"/api/v1/bottlenecks/{bottleneck_a.pk}/mark-not-solvable/", {"resolution": "Wet laat het niet toe."}
    )
    assert response.status_code == 200 and response.json()["status"] == "not_solvable"
    rows = api_client.get("/api/v1/bottlenecks/", {"status": "not_solvable"}).json()["results"]
    assert [row["id"] for row in rows] == [bottleneck_a.pk]


def test_api_scoping_is_404_for_another_area(api_client, alliance_b, meeting_a, draft_plan_a, bottleneck_a):
    from tests.conftest import make_user

    other = make_user("bureau_b", "programme_bureau", area=alliance_b.area)
    api_client.force_authenticate(other)
    member = members(meeting_a.alliance).first()
    decision = Decision.objects.create(meeting=meeting_a, subject="other", text="x", outcome="adopted")
    for url in [
        f"/api/v1/alliances/{meeting_a.alliance_id}/",
        f"/api/v1/memberships/{member.pk}/",
        f"/api/v1/people/{member.person_id}/",
        f"/api/v1/meetings/{meeting_a.pk}/",
        f"/api/v1/decisions/{decision.pk}/",
        f"/api/v1/plans/{draft_plan_a.pk}/",
        f"/api/v1/bottlenecks/{bottleneck_a.pk}/",
    ]:
        assert api_client.get(url).status_code == 404, url
    assert (
        api_client.post(f"/api/v1/meetings/{meeting_a.pk}/attendance/", {"attendances": []}, format="json").status_code
        == 404
    )
    assert {row["id"] for row in api_client.get("/api/v1/memberships/").json()["results"]} <= set(
        alliance_b.memberships.values_list("pk", flat=True)
    )
    # Creating in another area's alliance is refused: the alliance is not even a valid choice.
    response = api_client.post(
        "/api/v1/meetings/", {"alliance": meeting_a.alliance_id, "date": "2025-03-10"}, format="json"
    )
    assert response.status_code == 400


def test_contact_details_hidden_from_reviewers_in_api(api_client, reviewer_ocw, member_a, alliance_a):
    """A ministry reviewer sees the composition but not the contact details; an area member sees them."""
    chair = members(alliance_a, MemberRole.CHAIR).get()
    api_client.force_authenticate(reviewer_ocw)
    row = api_client.get(f"/api/v1/memberships/{chair.pk}/").json()
    assert row["person"]["name"] == "Femke Burgemeester" and row["person"]["email"] == ""
    api_client.force_authenticate(member_a)
    assert api_client.get(f"/api/v1/memberships/{chair.pk}/").json()["person"]["email"] == "femke@example.nl"


def test_alliance_member_cannot_write_by_api(api_client, member_a, alliance_a):
    api_client.force_authenticate(member_a)
    response = api_client.patch(f"/api/v1/alliances/{alliance_a.pk}/", {"resident_seats": 9}, format="json")
    assert response.status_code == 403


def test_bureau_sets_seats_by_api(api_client, bureau_a, alliance_a):
    api_client.force_authenticate(bureau_a)
    response = api_client.patch(f"/api/v1/alliances/{alliance_a.pk}/", {"resident_seats": 5}, format="json")
    assert response.status_code == 200 and response.json()["resident_seats"] == 5


def test_attendance_statuses_are_validated(api_client, bureau_a, alliance_a):
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    attend(meeting)
    api_client.force_authenticate(bureau_a)
    response = api_client.post(
        f"/api/v1/meetings/{meeting.pk}/attendance/",
        {"attendances": [{"membership": members(alliance_a).first().pk, "status": "maybe"}]},
        format="json",
    )
    assert response.status_code == 400
    assert meeting.attendances.filter(status=AttendanceStatus.PRESENT).exists()


def test_schema_is_valid(client, national):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
