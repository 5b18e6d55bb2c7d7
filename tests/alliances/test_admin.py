"""The national team's admin: the same rules refuse with the same messages; the AVG actions."""

import io
import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from openpyxl import load_workbook

from alliances.models import Decision, Meeting, MemberRole, Membership, Person, Plan, PlanStatus

from .conftest import MEETING_DAY, exe_bytes, members, upload

pytestmark = pytest.mark.django_db


def errors_of(response) -> str:
    assert response.status_code == 200, response.status_code  # the admin re-renders a refused form
    return str(response.context["adminform"].form.errors) + str(
        [formset.non_form_errors() for formset in response.context.get("inline_admin_formsets", [])]
    )


def membership_data(alliance, person, **extra) -> dict:
    data = {
        "alliance": alliance.pk,
        "person": person.pk,
        "organisation": "",
        "role": MemberRole.ALDERMAN,
        "rank": "",
        "ministry": "",
        "start_date": "2025-01-01",
        "end_date": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"role": MemberRole.CHAIR, "is_mayor": "on"}, "Regel voorzitter"),
        ({"role": MemberRole.NATIONAL_REPRESENTATIVE, "rank": "dg", "ministry": "SZW"}, "precies één actieve"),
        ({"end_date": "2024-01-01"}, "Regel termijn"),
    ],
)
def test_membership_rules_refused_in_admin(client, national, alliance_a, extra, expected):
    person = Person.objects.create(name="Nieuw Lid", area=alliance_a.area)
    client.force_login(national)
    before = Membership.objects.count()
    response = client.post(reverse("admin:alliances_membership_add"), membership_data(alliance_a, person, **extra))
    assert expected in errors_of(response)
    assert Membership.objects.count() == before


def test_rank_rule_refused_in_admin(client, national, alliance_a):
    rep = members(alliance_a, MemberRole.NATIONAL_REPRESENTATIVE).get()
    client.force_login(national)
    data = membership_data(alliance_a, rep.person, role=MemberRole.NATIONAL_REPRESENTATIVE, rank="", ministry="OCW")
    response = client.post(reverse("admin:alliances_membership_change", args=[rep.pk]), data)
    assert "directeur, DG of SG" in errors_of(response)


def test_ending_the_only_chair_refused_in_admin(client, national, alliance_a):
    """The admin's change form refuses an end date on the only chair without a successor."""
    chair = members(alliance_a, MemberRole.CHAIR).get()
    client.force_login(national)
    data = membership_data(
        alliance_a, chair.person, role=MemberRole.CHAIR, is_mayor="on", start_date="2024-01-01", end_date="2025-06-30"
    )
    response = client.post(reverse("admin:alliances_membership_change", args=[chair.pk]), data)
    assert "Regel voorzitter" in errors_of(response)
    chair.refresh_from_db()
    assert chair.end_date is None


def test_successor_added_in_admin_ends_the_current_chair(client, national, alliance_a):
    """Adding a chair with ‘opvolger’ in the admin ends the current chair's term the day before."""
    chair = members(alliance_a, MemberRole.CHAIR).get()
    mayor = Person.objects.create(name="Nieuwe Burgemeester", area=alliance_a.area)
    client.force_login(national)
    data = membership_data(alliance_a, mayor, role=MemberRole.CHAIR, is_mayor="on", start_date="2025-07-01")
    response = client.post(reverse("admin:alliances_membership_add"), {**data, "succession": "on"})
    assert response.status_code == 302, errors_of(response)
    chair.refresh_from_db()
    assert str(chair.end_date) == "2025-06-30"


def test_deleting_the_current_chair_refused_in_admin(client, alliance_a):
    """The admin's delete page (and the bulk action) refuse to delete the current chair, naming the rule."""
    from tests.conftest import make_user

    chair = members(alliance_a, MemberRole.CHAIR).get()
    client.force_login(make_user("beheer", "admin"))
    url = reverse("admin:alliances_membership_delete", args=[chair.pk])
    assert "Regel voorzitter" in client.get(url).content.decode()
    client.post(url, {"post": "yes"})
    response = client.post(
        reverse("admin:alliances_membership_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [chair.pk], "post": "yes"},
    )
    assert "Regel voorzitter" in response.content.decode()
    assert Membership.objects.filter(pk=chair.pk).exists()


def test_duplicate_role_refused_in_admin(client, national, alliance_a):
    alderman = members(alliance_a, MemberRole.ALDERMAN).get()
    client.force_login(national)
    response = client.post(reverse("admin:alliances_membership_add"), membership_data(alliance_a, alderman.person))
    assert "Regel één lidmaatschap per rol" in errors_of(response)


def test_decision_without_quorum_refused_in_admin(client, national, alliance_a):
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    client.force_login(national)
    response = client.post(
        reverse("admin:alliances_decision_add"),
        {"meeting": meeting.pk, "subject": "other", "text": "x", "outcome": "adopted"},
    )
    assert "Regel quorum" in errors_of(response)
    assert not Decision.objects.exists()


def test_resident_seats_refused_in_admin_meeting(client, national, alliance_a):
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY)
    client.force_login(national)
    everyone = list(members(alliance_a))
    data = {
        "alliance": alliance_a.pk,
        "date": "2025-03-10",
        "location": "",
        "agenda": "",
        "attendances-TOTAL_FORMS": str(len(everyone)),
        "attendances-INITIAL_FORMS": "0",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
    }
    for index, membership in enumerate(everyone):
        data[f"attendances-{index}-membership"] = membership.pk
        data[f"attendances-{index}-status"] = "present"
        data[f"attendances-{index}-meeting"] = meeting.pk
    response = client.post(reverse("admin:alliances_meeting_change", args=[meeting.pk]), data)
    assert "Regel bewonerszetels" in errors_of(response)
    assert not meeting.attendances.exists()


def test_executable_minutes_refused_in_admin(client, national, alliance_a):
    client.force_login(national)
    data = {
        "alliance": alliance_a.pk,
        "date": "2025-03-10",
        "location": "",
        "agenda": "",
        "minutes": upload("verslag.pdf", exe_bytes()),
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:alliances_meeting_add"), data)
    assert "Uploadregel" in errors_of(response)
    assert not Meeting.objects.exists()


def plan_data(plan, **extra) -> dict:
    data = {
        "alliance": plan.alliance_id,
        "kind": plan.kind,
        "title": plan.title,
        "version": plan.version,
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "adopted_by": "",
    }
    data.update(extra)
    return data


def test_plan_adoption_in_admin_goes_through_the_rule(client, national, meeting_a, draft_plan_a):
    """Choosing a non-'adopt plan' decision is refused; an adopting one adopts and supersedes the old version."""
    client.force_login(national)
    url = reverse("admin:alliances_plan_change", args=[draft_plan_a.pk])
    other = Decision.objects.create(meeting=meeting_a, subject="other", text="x", outcome="adopted")
    assert "Regel vaststelling" in errors_of(client.post(url, plan_data(draft_plan_a, adopted_by=other.pk)))
    old = Plan.objects.create(
        alliance=draft_plan_a.alliance,
        kind=draft_plan_a.kind,
        title="Oud",
        version=0,
        period_start=draft_plan_a.period_start,
        period_end=draft_plan_a.period_end,
        status=PlanStatus.ADOPTED,
        adopted_by=other,
    )
    adopt = Decision.objects.create(meeting=meeting_a, subject="adopt_plan", text="v1", outcome="adopted")
    response = client.post(url, plan_data(draft_plan_a, adopted_by=adopt.pk))
    assert response.status_code == 302
    draft_plan_a.refresh_from_db()
    old.refresh_from_db()
    assert (draft_plan_a.status, old.status) == (PlanStatus.ADOPTED, PlanStatus.SUPERSEDED)


def test_bottleneck_owner_refused_in_admin(client, national, bottleneck_a):
    police = members(bottleneck_a.owner.alliance, MemberRole.POLICE).get()
    client.force_login(national)
    data = {
        "area": bottleneck_a.area_id,
        "title": bottleneck_a.title,
        "description": bottleneck_a.description,
        "regulation": bottleneck_a.regulation,
        "action_line": bottleneck_a.action_line_id,
        "owner": police.pk,
        "resolution": "",
        "signalled_on": "2025-05-01",
    }
    response = client.post(reverse("admin:alliances_bottleneck_change", args=[bottleneck_a.pk]), data)
    assert "Regel eigenaar knelpunt" in errors_of(response)


def test_bottleneck_admin_actions(client, national, bottleneck_a):
    """The national team works the list in the admin: transitions and exports as actions."""
    client.force_login(national)
    url = reverse("admin:alliances_bottleneck_changelist")
    client.post(url, {"action": "start", ACTION_CHECKBOX_NAME: [bottleneck_a.pk]})
    bottleneck_a.refresh_from_db()
    assert bottleneck_a.status == "in_progress"
    response = client.post(url, {"action": "resolve", ACTION_CHECKBOX_NAME: [bottleneck_a.pk]})
    assert response.status_code == 200 and 'name="resolution"' in response.content.decode()  # asks for it first
    blank = {"action": "resolve", ACTION_CHECKBOX_NAME: [bottleneck_a.pk], "apply": "1", "resolution": " "}
    assert 'name="resolution"' in client.post(url, blank).content.decode()  # a blank resolution is refused
    bottleneck_a.refresh_from_db()
    assert bottleneck_a.status == "in_progress"
    done = {**blank, "resolution": "Maatwerk in de kostendelersnorm afgesproken."}
    client.post(url, done)
    bottleneck_a.refresh_from_db()
    assert bottleneck_a.status == "resolved" and bottleneck_a.resolution.startswith("Maatwerk")
    response = client.post(url, {"action": "export_excel", ACTION_CHECKBOX_NAME: [bottleneck_a.pk]})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][1] == "Kostendelersnorm"


def test_person_export_and_anonymise_actions(client, national, meeting_a):
    """Export everything about a person (JSON, Excel); anonymise after confirmation, keeping the meeting."""
    person = members(meeting_a.alliance, MemberRole.ALDERMAN).get().person
    client.force_login(national)
    url = reverse("admin:alliances_person_changelist")
    response = client.post(url, {"action": "export_json", ACTION_CHECKBOX_NAME: [person.pk]})
    data = json.loads(response.content)
    assert data[0]["persoon"]["e-mailadres"] == "ahmed@example.nl" and data[0]["aanwezigheid"]
    response = client.post(url, {"action": "export_excel", ACTION_CHECKBOX_NAME: [person.pk]})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert {"persoon", "lidmaatschappen", "aanwezigheid", "historie"} <= set(workbook.sheetnames)
    response = client.post(url, {"action": "anonymise", ACTION_CHECKBOX_NAME: [person.pk]})
    assert response.status_code == 200 and "Ja, anonimiseer" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Ahmed Wethouder"  # not yet: the action asks for confirmation
    client.post(url, {"action": "anonymise", ACTION_CHECKBOX_NAME: [person.pk], "confirm": "yes"})
    person.refresh_from_db()
    assert (person.name, person.email) == ("Geanonimiseerd", "")
    assert not person.history.exclude(name="Geanonimiseerd").exists()
    assert meeting_a.attendances.filter(membership__person=person).exists()


def test_area_roles_have_no_admin(client, bureau_a):
    client.force_login(bureau_a)
    response = client.get(reverse("admin:alliances_membership_changelist"))
    assert response.status_code == 302
