"""The report pages: start, progress (htmx), downloads and history, each scoped to who may see the data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from reports import services
from reports.models import ReportFile, ReportRun, RunStatus, Scope
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau_a(area_a):
    return make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a)


def done_run(kind="area_quarterly", area=None, scope=Scope.AREA, **parameters) -> ReportRun:
    run = ReportRun.objects.create(
        kind=kind, scope=scope, area=area, parameters=parameters or {"year": 2026, "quarter": 1}
    )
    return services.report_run_execute(run_id=run.pk)


def test_bureau_starts_an_area_report_and_is_sent_to_its_progress(
    client, bureau_a, area_a, django_capture_on_commit_callbacks
):
    client.force_login(bureau_a)
    page = client.get(reverse("reports:index"))
    assert page.status_code == 200
    kinds = [value for value, _ in page.context["form"].fields["kind"].choices]
    assert kinds == ["area_quarterly"]  # the national report is for nationwide roles
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:index"), {"kind": "area_quarterly", "area": area_a.pk, "year": 2026, "quarter": 1}
        )
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    detail = client.get(run.get_absolute_url())
    assert detail.status_code == 200
    assert b"hx-trigger" not in detail.content  # finished: no more polling
    assert reverse("reports:file-download", args=[run.files.get(format="pdf").pk]).encode() in detail.content
    mine = client.get(reverse("reports:index"))
    assert list(mine.context["page"].object_list) == [run]


def test_start_form_refuses_another_area(client, bureau_a, area_b):
    client.force_login(bureau_a)
    response = client.post(
        reverse("reports:index"), {"kind": "area_quarterly", "area": area_b.pk, "year": 2026, "quarter": 1}
    )
    assert response.status_code == 200
    assert "area" in response.context["form"].errors
    assert not ReportRun.objects.exists()


def test_start_form_shows_the_rule_of_a_bad_quarter(client, national, area_a):
    client.force_login(national)
    response = client.post(
        reverse("reports:index"), {"kind": "area_quarterly", "area": area_a.pk, "year": 2026, "quarter": ""}
    )
    assert "kies een jaar en een kwartaal" in response.content.decode()


def test_progress_polls_while_running_and_stops_when_done(client, bureau_a, area_a):
    run = ReportRun.objects.create(
        kind="area_quarterly",
        scope=Scope.AREA,
        area=area_a,
        status=RunStatus.RUNNING,
        progress_done=1,
        progress_total=4,
    )
    client.force_login(bureau_a)
    partial = client.get(reverse("reports:run-progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    content = partial.content.decode()
    assert 'hx-trigger="every 1s"' in content
    assert 'value="25"' in content and "1 van 4 stappen" in content
    assert "<html" not in content
    run.status, run.progress_done = RunStatus.FAILED, 2
    run.error = "OperationalError: database gone"
    run.save()
    content = client.get(reverse("reports:run-progress", args=[run.pk])).content.decode()
    assert "hx-trigger" not in content
    assert "OperationalError: database gone" in content


@pytest.mark.parametrize(
    ("who", "area_run", "national_run"),
    [
        ("bureau_a", 200, 404),
        ("member_a", 200, 404),
        ("bureau_b", 404, 404),
        ("reviewer", 200, 200),
        ("national", 200, 200),
    ],
)
def test_downloads_only_for_those_who_may_see_the_data(client, area_a, area_b, who, area_run, national_run):
    users = {
        "bureau_a": lambda: make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a),
        "member_a": lambda: make_user("member_a", Role.ALLIANCE_MEMBER, area=area_a),
        "bureau_b": lambda: make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b),
        "reviewer": lambda: make_user("reviewer", Role.MINISTRY_REVIEWER, ministry="OCW"),
        "national": lambda: make_user("national", Role.NATIONAL_TEAM),
    }
    client.force_login(users[who]())
    area_file = done_run(area=area_a).files.get(format="pdf")
    national_file = done_run(kind="national_yearly", scope=Scope.NATIONAL, year=2025).files.get(format="pdf")
    response = client.get(area_file.get_absolute_url())
    assert response.status_code == area_run
    if area_run == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(national_file.get_absolute_url()).status_code == national_run
    assert client.get(area_file.run.get_absolute_url()).status_code == area_run
    assert client.get(reverse("reports:run-progress", args=[area_file.run.pk])).status_code == area_run


def test_download_needs_a_login(client, area_a):
    report_file = done_run(area=area_a).files.first()
    response = client.get(report_file.get_absolute_url())
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_area_history_shows_scheduled_and_requested_runs_of_the_area(client, bureau_a, area_a, area_b):
    done_run(area=area_a)
    ReportRun.objects.create(kind="area_quarterly", scope=Scope.AREA, area=area_a, period="2026-Q1", is_scheduled=True)
    ReportRun.objects.create(kind="area_quarterly", scope=Scope.AREA, area=area_b, period="2026-Q1", is_scheduled=True)
    client.force_login(bureau_a)
    response = client.get(reverse("reports:area-history", args=[area_a.slug]))
    assert response.status_code == 200
    assert {run.area for run in response.context["page"].object_list} == {area_a}
    assert len(response.context["page"].object_list) == 2
    assert client.get(reverse("reports:area-history", args=[area_b.slug])).status_code == 404


def test_history_page_runs_a_fixed_number_of_queries(client, national, area_a, django_assert_max_num_queries):
    for _ in range(5):
        done_run(area=area_a)
    client.force_login(national)
    with django_assert_max_num_queries(12):
        client.get(reverse("reports:area-history", args=[area_a.slug]))


def test_missing_file_on_disk_is_a_404_not_an_error(client, national, area_a):
    report_file = done_run(area=area_a).files.first()
    report_file.file.delete(save=False)
    client.force_login(national)
    assert client.get(ReportFile.objects.get(pk=report_file.pk).get_absolute_url()).status_code == 404


def test_the_view_permission_agrees_with_visible_to(area_a, area_b):
    """`reports.view_run` (templates, admin) and `visible_to` (pages) give the same answer for every role."""
    users = [
        make_user("p_a", Role.PROGRAMME_BUREAU, area=area_a),
        make_user("m_a", Role.ALLIANCE_MEMBER, area=area_a),
        make_user("p_b", Role.PROGRAMME_BUREAU, area=area_b),
        make_user("rev", Role.MINISTRY_REVIEWER, ministry="OCW"),
        make_user("nat", Role.NATIONAL_TEAM),
    ]
    runs = [
        ReportRun.objects.create(kind="area_quarterly", scope=Scope.AREA, area=area_a),
        ReportRun.objects.create(kind="national_yearly", scope=Scope.NATIONAL),
        ReportRun.objects.create(
            kind="list_export", scope=Scope.AREA, area=area_a, requested_by=users[0], requester_only=True
        ),
        ReportRun.objects.create(kind="list_export", scope=Scope.NATIONAL, requested_by=users[4], requester_only=True),
        ReportRun.objects.create(kind="sisa", scope=Scope.MUNICIPALITY, municipality=area_a.municipality),
    ]
    for user in users:
        visible = set(ReportRun.objects.visible_to(user).values_list("pk", flat=True))
        for run in runs:
            assert user.has_perm("reports.view_run", run) == (run.pk in visible), (user.username, run.kind, run.scope)
