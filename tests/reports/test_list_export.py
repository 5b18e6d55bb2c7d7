"""A list page exported in the background: the same file as the direct download, the requester's own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from funding.models import ApplicationStatus
from reports.models import ReportRun, RunStatus
from tests.conftest import make_user

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(area_a, area_b, scheme):
    ApplicationFactory(area=area_a, scheme=scheme, status=ApplicationStatus.SUBMITTED, reference="A-1")
    ApplicationFactory(area=area_b, scheme=scheme, status=ApplicationStatus.SUBMITTED, reference="B-1")


def start(client, path, query="", django_capture_on_commit_callbacks=None):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("reports:list-export"), {"path": path, "query": query})


def test_background_export_is_the_pages_own_export_of_the_users_area(
    client, applications, area_a, django_capture_on_commit_callbacks
):
    bureau = make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a)
    client.force_login(bureau)
    path = reverse("funding:application-list")
    response = start(client, path, "export=csv&page=3", django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert (run.status, run.area, run.requester_only) == (RunStatus.DONE, area_a, True)
    assert run.parameters == {"path": path, "query": "export=csv"}
    report_file = run.files.get()
    assert report_file.name == "aanvragen.csv"
    content = report_file.file.open("rb").read()
    direct = b"".join(client.get(path + "?export=csv").streaming_content)
    assert content == direct
    assert b"A-1" in content and b"B-1" not in content
    assert client.get(report_file.get_absolute_url()).status_code == 200


def test_a_nationwide_export_is_for_its_requester_only(client, applications, django_capture_on_commit_callbacks):
    national = make_user("national", Role.NATIONAL_TEAM)
    reviewer = make_user("reviewer", Role.MINISTRY_REVIEWER, ministry="OCW")
    client.force_login(national)
    start(client, reverse("interventions:export", args=["xlsx"]), "", django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    report_file = run.files.get()
    assert report_file.format == "xlsx" and report_file.file.open("rb").read(2) == b"PK"
    client.force_login(reviewer)
    assert client.get(report_file.get_absolute_url()).status_code == 404
    assert client.get(run.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("path", ["/admin/", "/rapportages/", "/middelen/aanvragen/", "/nergens/"])
def test_only_export_views_may_be_exported(client, national, path, django_capture_on_commit_callbacks):
    """A page without an export (or without ?export=) is refused, naming the rule."""
    client.force_login(national)
    response = start(client, path, "", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("reports:index")
    assert not ReportRun.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Exportregel" in m for m in messages)
