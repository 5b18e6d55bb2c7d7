"""Pages of the alliance: the main paths, rule refusals, scoping (404), uploads, exports and query caps."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from openpyxl import load_workbook

from alliances.models import (
    Alliance,
    Bottleneck,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Plan,
    PlanStatus,
)
from areas.models import Area
from nplv import demo
from tests.queries import count_queries

from .conftest import MEETING_DAY, docx_bytes, exe_bytes, members, odt_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def test_alliance_page_shows_composition_seats_meetings_plans_bottlenecks(
    client, bureau_a, meeting_a, draft_plan_a, bottleneck_a
):
    client.force_login(bureau_a)
    response = client.get(reverse("alliance-detail", args=[meeting_a.alliance.area.slug]))
    text = body(response)
    assert response.status_code == 200
    for expected in ["Femke Burgemeester", "Rik Rijk", "Bewonerszetels", "10 maart 2025", draft_plan_a.title]:
        assert expected in text
    assert bottleneck_a.title in text and "femke@example.nl" in text


def test_reviewer_sees_the_alliance_but_not_contact_details(client, reviewer_ocw, alliance_a):
    """Contact details are visible only within the area and to the national team (AVG)."""
    client.force_login(reviewer_ocw)
    text = body(client.get(reverse("alliance-detail", args=[alliance_a.area.slug])))
    assert "Femke Burgemeester" in text and "femke@example.nl" not in text


def test_national_team_sees_contact_details(client, national, alliance_a):
    client.force_login(national)
    assert "femke@example.nl" in body(client.get(reverse("alliance-detail", args=[alliance_a.area.slug])))


def test_another_areas_alliance_meeting_plan_bottleneck_and_member_are_404(
    client, alliance_b, meeting_a, draft_plan_a, bottleneck_a
):
    """Scoping: a bureau of Rotterdam-Zuid gets 404 on everything of Nieuw-West, documents included."""
    from tests.conftest import make_user

    draft_plan_a.document = upload("plan.pdf", pdf_bytes())
    draft_plan_a.save()
    meeting_a.minutes = upload("verslag.pdf", pdf_bytes())
    meeting_a.save()
    other = make_user("bureau_b", "programme_bureau", area=alliance_b.area)
    client.force_login(other)
    slug = meeting_a.alliance.area.slug
    member = members(meeting_a.alliance).first()
    for url in [
        reverse("alliance-detail", args=[slug]),
        reverse("member-create", args=[slug]),
        reverse("member-export", args=[slug, "csv"]),
        reverse("member-update", args=[member.pk]),
        reverse("meeting-detail", args=[meeting_a.pk]),
        reverse("meeting-attendance", args=[meeting_a.pk]),
        reverse("decision-create", args=[meeting_a.pk]),
        reverse("meeting-minutes", args=[meeting_a.pk]),
        reverse("plan-detail", args=[draft_plan_a.pk]),
        reverse("plan-document", args=[draft_plan_a.pk]),
        reverse("bottleneck-detail", args=[bottleneck_a.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert bottleneck_a.title not in body(client.get(reverse("bottleneck-list")))


def test_documents_are_served_to_the_area(client, member_a, meeting_a, draft_plan_a):
    draft_plan_a.document = upload("plan.pdf", pdf_bytes())
    draft_plan_a.save()
    client.force_login(member_a)
    response = client.get(reverse("plan-document", args=[draft_plan_a.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("meeting-minutes", args=[meeting_a.pk])).status_code == 404  # no minutes yet


def test_alliance_member_may_read_but_not_edit(client, member_a, alliance_a):
    client.force_login(member_a)
    assert client.get(reverse("alliance-detail", args=[alliance_a.area.slug])).status_code == 200
    assert client.get(reverse("member-create", args=[alliance_a.area.slug])).status_code == 403


def test_bureau_adds_a_member(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    response = client.post(
        reverse("member-create", args=[alliance_a.area.slug]),
        {"person_name": "Nieuwe Corporatie", "role": MemberRole.HOUSING_CORPORATION, "start_date": "2025-02-01"},
    )
    assert response.status_code == 302
    assert alliance_a.memberships.filter(person__name="Nieuwe Corporatie").exists()


def test_second_chair_refused_by_page_keeps_the_input(client, bureau_a, alliance_a):
    """The page shows the rule's message next to the field and keeps what the user typed."""
    client.force_login(bureau_a)
    response = client.post(
        reverse("member-create", args=[alliance_a.area.slug]),
        {"person_name": "Tweede Burgemeester", "role": MemberRole.CHAIR, "is_mayor": "on", "start_date": "2025-02-01"},
    )
    text = body(response)
    assert response.status_code == 400
    assert "Regel voorzitter" in text and 'value="Tweede Burgemeester"' in text
    assert 'aria-describedby="id_role_error"' in text


def test_ending_the_only_chair_refused_by_page(client, bureau_a, alliance_a):
    """Ending the chair's term on the edit page without a successor is refused with the rule's message."""
    chair = members(alliance_a, MemberRole.CHAIR).get()
    client.force_login(bureau_a)
    response = client.post(
        reverse("member-update", args=[chair.pk]),
        {"role": MemberRole.CHAIR, "is_mayor": "on", "start_date": "2024-01-01", "end_date": "2025-06-30"},
    )
    text = body(response)
    assert response.status_code == 400
    assert "Regel voorzitter" in text and "01-07-2025" in text and 'value="2025-06-30"' in text
    chair.refresh_from_db()
    assert chair.end_date is None


def test_successor_added_by_page_ends_the_current_chair(client, bureau_a, alliance_a):
    """Succession is its own step: the page first shows whom the new mayor replaces, then a confirmed
    submit seats the new mayor from X+1 and ends the current chair on X."""
    chair = members(alliance_a, MemberRole.CHAIR).get()
    client.force_login(bureau_a)
    url = reverse("member-succession", args=[alliance_a.area.slug])
    data = {
        "person_name": "Nieuwe Burgemeester",
        "role": MemberRole.CHAIR,
        "is_mayor": "on",
        "start_date": "2025-07-01",
    }
    page = body(client.post(url, data))
    assert f"U vervangt {chair.person.name} als voorzitter (burgemeester)" in page and "30 juni 2025" in page
    assert f'name="predecessor" value="{chair.pk}"' in page
    chair.refresh_from_db()
    assert chair.end_date is None and not alliance_a.memberships.filter(person__name="Nieuwe Burgemeester").exists()
    response = client.post(url, {**data, "predecessor": chair.pk, "confirm": "on"})
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.end_date == date(2025, 6, 30)
    assert alliance_a.memberships.get(person__name="Nieuwe Burgemeester").start_date == date(2025, 7, 1)
    assert "succession" not in body(client.get(reverse("member-update", args=[chair.pk])))


def test_succession_is_refused_without_confirmation_or_for_another_predecessor(client, bureau_a, alliance_a):
    chair = members(alliance_a, MemberRole.CHAIR).get()
    client.force_login(bureau_a)
    url = reverse("member-succession", args=[alliance_a.area.slug])
    data = {
        "person_name": "Nieuwe Burgemeester",
        "role": MemberRole.CHAIR,
        "is_mayor": "on",
        "start_date": "2025-07-01",
    }
    client.post(url, {**data, "predecessor": chair.pk})  # not ticked
    client.post(url, {**data, "predecessor": chair.pk + 999, "confirm": "on"})  # confirmed for somebody else
    chair.refresh_from_db()
    assert chair.end_date is None
    assert not alliance_a.memberships.filter(person__name="Nieuwe Burgemeester").exists()


def test_succession_page_offers_only_the_single_seats(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    page = body(client.get(reverse("member-succession", args=[alliance_a.area.slug])))
    assert 'value="chair"' in page and 'value="national_representative"' in page and 'value="alderman"' not in page


def test_member_form_has_no_preset_role_and_never_replaces_the_chair(client, bureau_a, alliance_a):
    """The fault that was found: three submits with the defaults replaced the mayor as chair."""
    chair = members(alliance_a, MemberRole.CHAIR).get()
    client.force_login(bureau_a)
    url = reverse("member-create", args=[alliance_a.area.slug])
    page = body(client.get(url))
    assert '<option value="" selected>' in page and "selected>Voorzitter" not in page
    before = alliance_a.memberships.count()
    for _ in range(3):
        response = client.post(url, {"person_name": "Iemand", "start_date": "2025-07-01"})
        assert response.status_code == 400
    assert alliance_a.memberships.count() == before
    response = client.post(
        url,
        {
            "person_name": "Iemand",
            "role": MemberRole.CHAIR,
            "is_mayor": "on",
            "start_date": "2025-07-01",
            "succession": "on",
        },
    )
    assert response.status_code == 400 and "Opvolger vastleggen" in body(response)
    chair.refresh_from_db()
    assert chair.end_date is None


def test_adopt_plan_decision_needs_the_plan(client, bureau_a, meeting_a, draft_plan_a):
    client.force_login(bureau_a)
    url = reverse("decision-create", args=[meeting_a.pk])
    response = client.post(url, {"subject": "adopt_plan", "text": "Vaststellen", "outcome": "adopted"})
    assert response.status_code == 400 and "noemt het conceptplan" in body(response)
    assert not meeting_a.decisions.exists()


def test_resident_seats_rule_refused_by_page(client, bureau_a, alliance_a):
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    client.force_login(bureau_a)
    data = {f"member_{m.pk}": "present" for m in members(alliance_a)}
    response = client.post(reverse("meeting-attendance", args=[meeting.pk]), data)
    assert response.status_code == 400 and "Regel bewonerszetels" in body(response)
    assert not meeting.attendances.exists()


def test_decision_without_quorum_refused_by_page(client, bureau_a, alliance_a):
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    client.force_login(bureau_a)
    response = client.post(
        reverse("decision-create", args=[meeting.pk]),
        {"subject": DecisionSubject.OTHER, "text": "Besluit zonder quorum", "outcome": DecisionOutcome.ADOPTED},
    )
    assert response.status_code == 400 and "Regel quorum" in body(response)
    assert "Besluit zonder quorum" in body(response)


def test_meeting_with_minutes_upload(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    response = client.post(
        reverse("meeting-create", args=[alliance_a.area.slug]),
        {"date": "2025-10-01", "location": "Stadhuis", "agenda": "1. Opening", "minutes": upload("v.odt", odt_bytes())},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(alliance=alliance_a, date=date(2025, 10, 1))
    assert meeting.minutes.name.endswith(".odt")
    response = client.get(reverse("meeting-minutes", args=[meeting.pk]))
    assert response.status_code == 200


def test_renamed_executable_is_refused_and_the_form_is_kept(client, bureau_a, alliance_a):
    """A renamed executable with a .pdf name is refused; the reason is shown and the rest of the form kept."""
    client.force_login(bureau_a)
    response = client.post(
        reverse("meeting-create", args=[alliance_a.area.slug]),
        {"date": "2025-10-01", "location": "Buurthuis De Pijp", "minutes": upload("verslag.pdf", exe_bytes())},
    )
    text = body(response)
    assert response.status_code == 400
    assert "Uploadregel" in text and "alleen PDF, DOCX of ODT" in text
    assert 'value="Buurthuis De Pijp"' in text and 'value="2025-10-01"' in text
    assert not Meeting.objects.filter(alliance=alliance_a).exists()


def test_too_large_upload_is_refused(client, bureau_a, alliance_a, settings):
    client.force_login(bureau_a)
    big = upload("plan.pdf", pdf_bytes() + b"0" * (20 * 1024 * 1024))
    response = client.post(
        reverse("plan-create", args=[alliance_a.area.slug]),
        {
            "kind": "area_plan",
            "title": "Groot plan",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "document": big,
        },
    )
    assert response.status_code == 400 and "hoogstens 20 MB" in body(response)
    assert not Plan.objects.filter(title="Groot plan").exists()


def test_plan_with_docx_document(client, bureau_a, alliance_a, settings):
    """Documents are stored under the private MEDIA_ROOT, never in the static tree."""
    client.force_login(bureau_a)
    response = client.post(
        reverse("plan-create", args=[alliance_a.area.slug]),
        {
            "kind": "implementation_plan",
            "title": "Uitvoeringsplan 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "document": upload("uitvoering.docx", docx_bytes()),
        },
    )
    plan = Plan.objects.get(title="Uitvoeringsplan 2026")
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT and plan.version == 1
    assert Path(plan.document.path).is_relative_to(settings.MEDIA_ROOT)
    assert not Path(plan.document.path).is_relative_to(django_settings.BASE_DIR / "static")


def test_bottleneck_transition_by_page(client, bureau_a, bottleneck_a):
    client.force_login(bureau_a)
    url = reverse("bottleneck-transition", args=[bottleneck_a.pk])
    assert client.post(url, {"name": "start"}).status_code == 302
    response = client.post(url, {"name": "resolve", "resolution": ""})
    assert response.status_code == 400 and "Regel afhandeling" in body(response)
    bottleneck_a.refresh_from_db()
    assert bottleneck_a.status == "in_progress"


def test_bottleneck_owner_rule_refused_by_page(client, bureau_a, alliance_a, reference_data):
    client.force_login(bureau_a)
    response = client.post(
        reverse("bottleneck-create", args=[alliance_a.area.slug]),
        {"title": "T", "description": "D", "regulation": "Wmo", "action_line": 1},
    )
    assert response.status_code == 302
    assert Bottleneck.objects.get(title="T").owner.role == MemberRole.NATIONAL_REPRESENTATIVE


def test_member_list_exports(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    csv_response = client.get(reverse("member-export", args=[alliance_a.area.slug, "csv"]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert "Femke Burgemeester" in text and "femke@example.nl" in text and text.startswith("Naam;")
    xlsx = client.get(reverse("member-export", args=[alliance_a.area.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "Naam" and len(rows) == 1 + alliance_a.memberships.count()


def test_bottleneck_list_filters_and_exports(client, national, demo_data):
    client.force_login(national)
    text = body(client.get(reverse("bottleneck-list"), {"area": "heerlen-noord"}))
    assert "1 knelpunt" in text
    response = client.get(reverse("bottleneck-export", args=["xlsx"]), {"status": "signalled"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][0] == "Gebied" and len(rows) == 21
    response = client.get(reverse("bottleneck-export", args=["csv"]), {"area": "rotterdam-zuid"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Rotterdam-Zuid;")


def test_bottleneck_list_searches_the_area_instead_of_listing_every_area(
    client, national, demo_data, django_assert_max_num_queries
):
    """The area filter is a text field (slug or part of the name): no list of all areas on the page."""
    client.force_login(national)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("bottleneck-list")).content.decode()
    assert 'name="area"' in page and '<option value="heerlen-noord"' not in page
    assert "Rotterdam-Zuid</option>" not in page
    text = body(client.get(reverse("bottleneck-list"), {"area": "Heerlen"}))
    assert "1 knelpunt" in text
    response = client.get("/api/v1/bottlenecks/", {"area": "heerlen-noord"})
    assert response.status_code == 200 and response.json()["count"] == 1


def test_overview_shows_7_3_10_and_all_20_alliances(client, national, demo_data):
    """The national overview counts areas per mode of resident representation: 7 / 3 / 10."""
    client.force_login(national)
    response = client.get(reverse("alliance-overview"))
    text = body(response)
    assert response.status_code == 200
    assert response.context["representation"] == {
        "Bewoners aan tafel": 7,
        "Indirect via professionals": 3,
        "(Nog) niet": 10,
    }
    assert response.context["page"].paginator.count == 20
    nieuw_west = next(a for a in response.context["page"].object_list if a.area.slug == "amsterdam-nieuw-west")
    assert (nieuw_west.resident_seats, nieuw_west.resident_count, nieuw_west.open_bottlenecks) == (5, 7, 1)
    assert nieuw_west.area_plan_title == "Gebiedsplan Amsterdam Nieuw-West" and nieuw_west.last_meeting
    for area in Area.objects.all():
        assert area.name in text


def test_list_query_counts_do_not_grow_with_rows(client, demo_data, national):
    """The alliance overview, bottleneck list and their API lists run as many queries at 20 as at 60 areas."""
    urls = [
        reverse("alliance-overview"),
        reverse("bottleneck-list"),
        "/api/v1/alliances/",
        "/api/v1/memberships/",
        "/api/v1/meetings/",
        "/api/v1/plans/",
        "/api/v1/bottlenecks/",
        "/api/v1/decisions/",
        "/api/v1/people/",
    ]
    client.force_login(national)
    small = {url: count_queries(client, url) for url in urls}
    demo.demo_synthetic_areas(scale=3)
    areas = list(Area.objects.filter(is_synthetic=True).select_related("municipality"))
    demo.demo_alliances(areas)
    assert Alliance.objects.count() == 60
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    assert max(large.values()) <= 12, large


def test_alliance_page_query_count_is_capped(client, demo_data, django_assert_max_num_queries):
    client.force_login(demo.User.objects.get(username="bureau.nieuwwest"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("alliance-detail", args=["amsterdam-nieuw-west"])).status_code == 200


def test_settings_page_changes_seats_and_representation(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    response = client.post(
        reverse("alliance-settings", args=[alliance_a.area.slug]),
        {"resident_seats": "5", "quorum_rule": "majority", "resident_representation": "at_table"},
    )
    assert response.status_code == 302
    alliance_a.refresh_from_db()
    assert (alliance_a.resident_seats, alliance_a.quorum_rule, alliance_a.area.resident_representation) == (
        5,
        "majority",
        "at_table",
    )


EXPECTED_ROLE_ORDER = [
    "Femke Burgemeester",  # chair
    "Ahmed Wethouder",  # alderman
    "Rik Rijk",  # rijksvertegenwoordiger
    "Zeno Corporatie",  # housing corporation
    "Petra Politie",  # police
    "Aaron Overig",  # other partner
    "Bewoner0 Buurt",  # residents last
    "Bewoner1 Buurt",
    "Bewoner2 Buurt",
]


def test_members_are_listed_chair_first_residents_last(client, api_client, bureau_a, alliance_a):
    """The alliance page, the area page, the export, the API and the attendance list show the members in
    the fixed role order (chair, aldermen, rijksvertegenwoordiger, partners, residents), not by role code."""
    from alliances import selectors

    from .conftest import seat

    seat(alliance_a, MemberRole.OTHER, "Aaron Overig")
    seat(alliance_a, MemberRole.HOUSING_CORPORATION, "Zeno Corporatie")
    client.force_login(bureau_a)
    page = client.get(reverse("alliance-detail", args=[alliance_a.area.slug]))
    assert [m.person.name for m in page.context["members"]] == EXPECTED_ROLE_ORDER
    area_page = client.get(reverse("area-detail", args=[alliance_a.area.slug]))
    assert [m.person.name for m in area_page.context["members"]] == EXPECTED_ROLE_ORDER
    text = body(area_page)
    assert text.index("Femke Burgemeester") < text.index("Ahmed Wethouder") < text.index("Bewoner0 Buurt")
    export = client.get(reverse("member-export", args=[alliance_a.area.slug, "csv"]))
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()[1:]
    assert [line.split(";")[0] for line in lines] == EXPECTED_ROLE_ORDER
    api_client.force_authenticate(bureau_a)
    rows = api_client.get("/api/v1/memberships/", {"alliance": alliance_a.pk}).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [row["person"]["name"] for row in rows] == EXPECTED_ROLE_ORDER
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    assert [m.person.name for m, _status in selectors.attendance_of(meeting=meeting)] == EXPECTED_ROLE_ORDER


def test_bottleneck_filters_are_lists_by_name(client, national, demo_data):
    """Action line and status as lists, open yes/no, the area searched by name: no codes to type."""
    client.force_login(national)
    page = body(client.get(reverse("bottleneck-list")))
    assert '<option value="heerlen-noord">Heerlen-Noord</option>' not in page  # 1,000 areas at scale
    assert 'type="checkbox" name="status" value="signalled"' in page
    assert "Alle actielijnen" in page and "Ja, alleen openstaande" in page
    assert "Unknown" not in page
    text = body(client.get(reverse("bottleneck-list"), {"open": "false"}))
    assert "0 knelpunten" in text
    from alliances.models import Bottleneck

    number = Bottleneck.objects.values_list("action_line__number", flat=True).first()
    text = body(client.get(reverse("bottleneck-list"), {"open": "true", "action_line": number}))
    n = Bottleneck.objects.filter(action_line__number=number).count()
    assert n and f"{n} knelpunt" in text


def test_forms_have_breadcrumbs_from_the_alliance(client, bureau_a, alliance_a, meeting_a):
    client.force_login(bureau_a)
    for url in (
        reverse("meeting-create", args=[alliance_a.area.slug]),
        reverse("decision-create", args=[meeting_a.pk]),
        reverse("alliance-settings", args=[alliance_a.area.slug]),
    ):
        page = body(client.get(url))
        assert 'class="breadcrumb"' in page and reverse("alliance-detail", args=[alliance_a.area.slug]) in page
