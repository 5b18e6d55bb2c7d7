"""'Mijn taken': what waits for each role, in which order, and what does not appear."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Ministry, Role, User
from alliances.models import Alliance, Attendance, Bottleneck, Meeting
from core.worklist import Task, tasks_for
from funding.models import Application, ApplicationLine, ApplicationStatus, InformationRequest, Review
from nplv import demo_daily
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    "bureau.nieuwwest",
    "bureau.rotterdamzuid",
    "bureau.lelystad",
    "lid.nieuwwest",
    "beoordelaar.ocw",
    "beoordelaar.szw",
    "beoordelaar.bzk",
    "programmateam",
    "programmateam2",
]


@pytest.fixture
def daily(demo_data):
    demo_daily.demo_daily()


def kinds(tasks: list[Task]) -> set[str]:
    return {task.kind for task in tasks}


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_every_demo_login_has_tasks(daily):
    """The demo data leaves something in every role's list."""
    for username in DEMO_LOGINS:
        assert tasks_for(user(username)), username


def test_demo_daily_is_idempotent(daily):
    assert demo_daily.demo_daily() == 0


def test_bureau_sees_its_questions_meetings_and_bottlenecks_most_urgent_first(daily):
    tasks = tasks_for(user("bureau.rotterdamzuid"))
    assert {"information_request", "meeting_attendance", "bottleneck_open"} <= kinds(tasks)
    questions = [t for t in tasks if t.kind == "information_request"]
    assert len(questions) == 2
    # The overdue question comes first of all, then the other with its deadline.
    assert tasks[0].kind == "information_request" and tasks[0].is_overdue
    assert tasks[1].kind == "information_request" and not tasks[1].is_overdue
    assert all(t.area == "Rotterdam-Zuid" for t in tasks)


def test_bureau_does_not_see_another_areas_items(daily):
    """Nieuw-West's bureau sees nothing of Rotterdam-Zuid's questions or meetings."""
    tasks = tasks_for(user("bureau.nieuwwest"))
    assert "information_request" not in kinds(tasks)
    assert {t.area for t in tasks} == {"Amsterdam Nieuw-West"}


def test_bureau_has_its_draft_to_submit(daily):
    tasks = tasks_for(user("bureau.lelystad"))
    drafts = [t for t in tasks if t.kind == "application_draft"]
    assert len(drafts) == 1
    application = Application.objects.get(area__slug="lelystad-oost", status=ApplicationStatus.DRAFT)
    assert drafts[0].url == reverse("funding:application-submit", args=[application.pk])


def test_answered_question_leaves_the_list(daily):
    request = InformationRequest.objects.filter(application__area__slug="rotterdam-zuid").first()
    InformationRequest.objects.filter(pk=request.pk).update(answer="Zo.", answered_at=timezone.now())
    assert ("information_request", request.pk) not in {t.key for t in tasks_for(user("bureau.rotterdamzuid"))}


def test_meeting_with_attendance_is_not_a_task(daily):
    meeting = Meeting.objects.get(alliance__area__slug="rotterdam-zuid", date=timezone.localdate() - timedelta(days=5))
    membership = meeting.alliance.memberships.first()
    Attendance.objects.create(meeting=meeting, membership=membership, status="present")
    assert "meeting_attendance" not in kinds(tasks_for(user("bureau.rotterdamzuid")))


def test_reviewer_sees_only_its_ministrys_lines_without_advice_oldest_first(daily):
    tasks = tasks_for(user("beoordelaar.szw"))
    assert kinds(tasks) == {"line_to_advise"}
    lines = ApplicationLine.objects.filter(pk__in=[t.key[1] for t in tasks]).select_related("theme", "application")
    assert {line.theme.ministry for line in lines} == {Ministry.SZW}
    assert not Review.objects.filter(line__in=lines).exists()
    submitted = [t.since for t in tasks]
    assert submitted == sorted(submitted)
    assert tasks[0].url == reverse("admin:funding_applicationline_change", args=[tasks[0].key[1]])


def test_reviewer_does_not_see_drafts_or_advised_lines(daily):
    ocw = user("beoordelaar.ocw")
    keys = {t.key[1] for t in tasks_for(ocw)}
    draft_lines = ApplicationLine.objects.filter(application__status=ApplicationStatus.DRAFT)
    assert draft_lines.exists() and not keys & set(draft_lines.values_list("pk", flat=True))
    advised = set(Review.objects.values_list("line_id", flat=True))
    assert not keys & advised
    line = ApplicationLine.objects.get(pk=min(keys))
    Review.objects.create(line=line, reviewer=ocw, recommendation="grant_full", reason="Goed.")
    assert line.pk not in {t.key[1] for t in tasks_for(ocw)}


def test_national_team_sees_applications_waiting_and_overdue_answers(daily):
    tasks = tasks_for(user("programmateam"))
    assert {"application_to_decide", "information_request_overdue", "line_to_advise"} <= kinds(tasks)
    waiting = {t.title for t in tasks if t.kind == "application_to_decide"}
    assert len(waiting) == 2  # Utrecht (submitted) and Tilburg (in review); Rotterdam waits for answers
    assert all(t.since is not None for t in tasks if t.kind == "application_to_decide")
    assert tasks[0].is_overdue


def test_member_sees_upcoming_meetings_and_last_decisions_of_own_area_only(daily):
    tasks = tasks_for(user("lid.nieuwwest"))
    assert {"meeting_upcoming", "decision_recent"} <= kinds(tasks)
    assert {t.area for t in tasks} == {"Amsterdam Nieuw-West"}
    assert "information_request" not in kinds(tasks) and "meeting_attendance" not in kinds(tasks)


def test_member_owns_a_bottleneck_when_the_owner_is_them(demo_data, area_a):
    member = make_user("rijks", Role.ALLIANCE_MEMBER, area=area_a)
    bottleneck = Bottleneck.objects.filter(area=area_a).select_related("owner__person").first()
    person = bottleneck.owner.person
    person.user = member
    person.save()
    assert ("bottleneck", bottleneck.pk) in {t.key for t in tasks_for(member) if t.kind == "bottleneck_owned"}


def test_nobody_signed_out_has_tasks():
    from django.contrib.auth.models import AnonymousUser

    assert tasks_for(AnonymousUser()) == []


def test_admin_and_unconnected_roles_get_an_empty_list(daily):
    assert tasks_for(user("beheerder")) == []


def test_home_shows_tasks_and_navigation_count(client, daily):
    client.force_login(user("bureau.rotterdamzuid"))
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Mijn taken" in html
    first = response.context["tasks"][0]
    assert first.url in html
    count = response.context["task_count"]
    # Other pages show the count the home page remembered, without asking the providers.
    page = client.get(reverse("area-list")).content.decode()
    assert f'class="count-badge">{count}<' in page


def test_my_tasks_page_lists_all_tasks(client, daily):
    client.force_login(user("programmateam"))
    response = client.get(reverse("my-tasks"))
    assert response.status_code == 200
    assert len(response.context["tasks"]) == response.context["task_count"] == len(tasks_for(user("programmateam")))


def test_a_post_forgets_the_count(client, daily):
    client.force_login(user("bureau.rotterdamzuid"))
    from nplv.worklist import remembered_count

    client.get(reverse("home"))
    request_stub = type("R", (), {"session": client.session})()
    assert remembered_count(request_stub) is not None
    request = InformationRequest.objects.filter(application__area__slug="rotterdam-zuid").order_by("deadline").last()
    url = reverse("funding:information-answer", args=[request.application_id, request.pk])
    response = client.post(url, {"answer": "Ongeveer 400 huishoudens; we meten het via de schuldhulp."})
    assert response.status_code == 302
    assert remembered_count(request_stub) is None


def test_task_order_overdue_then_deadline_then_age():
    today = timezone.localdate()
    late = Task(kind="a", title="late", url="/", due=today - timedelta(days=1))
    soon = Task(kind="a", title="soon", url="/", due=today + timedelta(days=1))
    old = Task(kind="a", title="old", url="/", since=today - timedelta(days=30))
    new = Task(kind="a", title="new", url="/", since=today)
    assert sorted([new, old, soon, late], key=Task.sort_key) == [late, soon, old, new]


def test_alliance_without_meetings_still_has_bottleneck_tasks(reference_data, area_b):
    alliance = Alliance.objects.create(area=area_b, name="Alliantie")
    assert alliance.meetings.count() == 0
    bureau = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    assert tasks_for(bureau) == []


def test_money_in_task_detail_is_dutch(daily):
    line_task = next(t for t in tasks_for(user("beoordelaar.bzk")) if t.kind == "line_to_advise")
    line = ApplicationLine.objects.get(pk=line_task.key[1])
    assert line.amount > Decimal("0")
    assert line_task.detail.startswith("€ ") and "," in line_task.detail


# ---------------------------------------------------------------------------------------------
# The national home's signals per area


def test_national_home_shows_signals_per_area(client, daily):
    from nplv.area_signals import area_signals

    client.force_login(user("programmateam"))
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Signalen per gebied" in html
    rows = {a.slug: a for a in response.context["signals"]}
    assert len(rows) == 20
    rotterdam = rows["rotterdam-zuid"]
    assert rotterdam.latest_status == ApplicationStatus.INFO_REQUESTED and rotterdam.overdue == 1
    assert rotterdam.open_bottlenecks == 1 and rotterdam.last_meeting == timezone.localdate() - timedelta(days=5)
    granted = ApplicationLine.objects.filter(application__area__slug="amsterdam-nieuw-west").exclude(
        granted_amount=None
    )
    assert rows["amsterdam-nieuw-west"].granted == sum(line.granted_amount for line in granted)
    # Default order: what is overdue first.
    assert response.context["signals"][0].slug == "rotterdam-zuid"
    _, by_name = area_signals(user=user("programmateam"), sort="name")
    assert [a.name for a in by_name] == sorted(a.name for a in by_name)
    _, unknown = area_signals(user=user("programmateam"), sort="'; drop table")
    assert unknown.count() == 20


def test_signals_are_sortable_and_exported(client, daily):
    import csv
    import io

    client.force_login(user("programmateam"))
    response = client.get(reverse("home"), {"sort": "-open_bottlenecks"})
    assert 'aria-sort="descending"' in response.content.decode()
    response = client.get(reverse("home"), {"export": "csv", "sort": "name"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Gebied", "Gemeente", "Laatste aanvraag", "Status aanvraag"]
    assert len(rows) == 21 and rows[1][0] == "Amsterdam Nieuw-West"


def test_bureau_home_has_no_signals_of_other_areas(client, daily):
    client.force_login(user("bureau.nieuwwest"))
    response = client.get(reverse("home"), {"export": "csv"})
    assert "signals" not in response.context and "Rotterdam-Zuid" not in response.content.decode()
