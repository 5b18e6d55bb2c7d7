"""The access matrix (issue 9): every URL of the pages, the API and the downloads × every role × an
object outside the role's scope gives 404 (or 403/405: never the object), and lists and exports hold
no foreign rows. The admin has its own matrix (the admin issue).

Out of scope for an area role is everything of another area; for a ministry reviewer, every
application (and its lines, questions, reviews, decision and letter) without a line of its ministry
(a VWS reviewer has none: every demo application is outside its scope). The URL list is read from
the URL configuration, so a new URL without an entry here fails `test_every_url_is_in_the_matrix`.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Ministry, Role, User
from alliances.models import Bottleneck, Decision, Meeting, Membership, Person, Plan
from areas.models import Area
from funding.models import (
    Application,
    Ceiling,
    GrantDecision,
    InformationRequest,
    Payment,
    PaymentInstalment,
    Review,
    SpendingLine,
    SpendingReport,
)
from interventions.models import Intervention, OtherFunding, OutputMeasure
from monitoring.models import ImportRun, Indicator, IndicatorValue
from reports.models import ReportFile, ReportRun
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

AREA_ROLES = ["bureau.nieuwwest", "lid.nieuwwest"]
OWN, FOREIGN = "amsterdam-nieuw-west", "rotterdam-zuid"
# Reference data and pages everyone signed in may see; the public intervention library.
UNSCOPED = {
    "indicator-detail",  # the indicator catalogue is reference data, the same for everyone
    "home",
    "login",
    "logout",
    "two-factor-setup",
    "two-factor-enrol",
    "two-factor-verify",
    "monitor",
    "area-list",
    "alliance-overview",
    "bottleneck-list",
    "list",
    "create",
    "library",
    "library-detail",
    "library-copy",
    "application-list",
    "application-create",
    "set_language",
    "api-schema",
    "api-docs",
    "api-redoc",
    "password_change",
    "password_change_done",
    "bottleneck-export",
    "export",
    "municipality-list",
    "municipality-detail",
    "area-detail-api",
    "action-line-list",
    "action-line-detail",
    "alliance-list",
    "person-list",
    "membership-list",
    "meeting-list",
    "decision-list",
    "plan-list",
    "intervention-list",
    "scheme-list",
    "scheme-detail",
    "theme-list",
    "theme-detail",
    "ceiling-list",
    "application-line-list",
    "review-list",
    "grant-decision-list",
}


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def scoped_patterns() -> list[tuple[str, str]]:
    """Every page and API URL with an object in it (admin, static and format suffixes left out)."""
    found = []
    for route, name in _patterns():
        if route.startswith("admin/") or "(?P<format>" in route or "<fmt:fmt>" in route and "leden" not in route:
            continue
        if name == "area-detail" and route.startswith("api/"):
            name = "area-detail-api"
        if name in UNSCOPED or not re.search(r"<|\(\?P<", route):
            continue
        found.append((route, name))
    return found


def _fill(route: str, values: dict) -> str:
    route = route.replace("^", "").replace("$", "")

    def value(match):
        name = match.group("name")
        return str(values[name])

    route = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)
    route = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
    return "/" + route.replace("\\.", ".")


@pytest.fixture
def world(demo_data):
    """One object of each kind in the foreign area (and a question on its application)."""
    area = Area.objects.get(slug=FOREIGN)
    application = Application.objects.filter(area=area).exclude(status="draft").first()
    # Objects with names found nowhere else (demo titles repeat across areas), to look for in lists.
    intervention = Intervention.objects.filter(area=area).first()
    intervention.pk, intervention.title = None, "GEHEIM-interventie-Rotterdam"
    intervention.save()
    Person.objects.create(name="GEHEIM Persoon Rotterdam", area=area)
    Bottleneck.objects.create(
        area=area,
        title="GEHEIM-knelpunt-Rotterdam",
        description="x",
        regulation="Wet",
        action_line=intervention.action_line,
        signalled_on=timezone.localdate(),
    )
    reviewer = User.objects.get(username="beoordelaar.ocw")
    request = InformationRequest.objects.create(
        application=application, question="Vraag?", deadline=timezone.localdate() + timedelta(days=7), asked_by=reviewer
    )
    output = OutputMeasure.objects.filter(intervention__area=area).first() or OutputMeasure.objects.create(
        intervention=intervention, name="Deelnemers", unit="personen"
    )
    funding = OtherFunding.objects.filter(intervention__area=area).first() or OtherFunding.objects.create(
        intervention=intervention, source=OtherFunding._meta.get_field("source").choices[0][0], amount=1
    )
    # Accounting, the monitor's imports and report runs of the foreign area.
    granted = Application.objects.filter(area=area, status="granted").first()
    grant = GrantDecision.objects.get(application=granted)
    report = SpendingReport.objects.create(application=granted, year=2026)
    spending_line = SpendingLine.objects.create(report=report, theme=granted.lines.first().theme, amount=1)
    payment = Payment.objects.create(
        grant_decision=grant,
        municipality=area.municipality,
        year=2026,
        amount=1,
        paid_on=timezone.localdate(),
        reference="GEHEIM-betaling",
    )
    instalment = PaymentInstalment.objects.create(
        grant_decision=grant, year=2026, amount=1, due_on=timezone.localdate()
    )
    foreign_bureau = User.objects.get(username="bureau.rotterdamzuid")
    import_run = ImportRun.objects.create(
        created_by=foreign_bureau, area=area, file_name="cijfers.csv", file_format="csv", sha256="0" * 64
    )
    indicator_value = IndicatorValue.objects.filter(area=area, is_public=False).first()
    if indicator_value is None:
        indicator = Indicator.objects.first()
        indicator_value = IndicatorValue.objects.create(
            indicator=indicator, scope="area", area=area, place=f"a{area.pk}", year=2023, value=1, is_public=False
        )
    run = ReportRun.objects.create(
        kind="area_quarterly", period="2026-Q3", scope="area", area=area, parameters={}, requested_by=foreign_bureau
    )
    report_file = ReportFile.objects.create(
        run=run, format="pdf", name="rapport.pdf", file="reports/x.pdf", expires_at=timezone.now() + timedelta(days=1)
    )
    objects = {
        "spending_report": report,
        "spending_line": spending_line,
        "payment": payment,
        "instalment": instalment,
        "import_run": import_run,
        "indicator_value": indicator_value,
        "report_run": run,
        "report_file": report_file,
        "slug": area.slug,
        "membership": Membership.objects.filter(alliance__area=area).first(),
        "meeting": Meeting.objects.filter(alliance__area=area).first(),
        "plan": Plan.objects.filter(alliance__area=area).first(),
        "bottleneck": Bottleneck.objects.get(title="GEHEIM-knelpunt-Rotterdam"),
        "intervention": intervention,
        "output": output,
        "funding": funding,
        "application": application,
        "line": application.lines.first(),
        "request": request,
        "decision": GrantDecision.objects.filter(application__area=area).first(),
        "alliance": area.alliance,
        "person": Person.objects.get(name="GEHEIM Persoon Rotterdam"),
        "alliance_decision": Decision.objects.filter(meeting__alliance__area=area).first(),
        "ceiling": Ceiling.objects.filter(area=area).first(),
        "review": Review.objects.filter(line__application=application).first(),
    }
    assert all(obj is not None for obj in objects.values()), {k for k, v in objects.items() if v is None}
    return objects


# URL name → (kwarg values from the world). The key says which object the URL is about.
def values_for(name: str, w: dict) -> dict:
    pk_of = {
        "member-update": "membership",
        "meeting-detail": "meeting",
        "meeting-update": "meeting",
        "meeting-attendance": "meeting",
        "decision-create": "meeting",
        "meeting-minutes": "meeting",
        "meeting-quorum": "meeting",
        "plan-detail": "plan",
        "plan-document": "plan",
        "plan-adopt": "plan",
        "bottleneck-detail": "bottleneck",
        "bottleneck-transition": "bottleneck",
        "bottleneck-escalate": "bottleneck",
        "bottleneck-mark-not-solvable": "bottleneck",
        "bottleneck-resolve": "bottleneck",
        "bottleneck-start": "bottleneck",
        "detail": "intervention",
        "edit": "intervention",
        "transition": "intervention",
        "progress-create": "intervention",
        "output-create": "intervention",
        "output-edit": "intervention",
        "funding-create": "intervention",
        "funding-delete": "intervention",
        "intervention-detail": "intervention",
        "intervention-complete": "intervention",
        "intervention-other-funding": "intervention",
        "intervention-output-update": "intervention",
        "intervention-outputs": "intervention",
        "intervention-plan": "intervention",
        "intervention-progress-updates": "intervention",
        "intervention-start": "intervention",
        "intervention-stop": "intervention",
        "application-detail": "application",
        "line-add": "application",
        "line-edit": "application",
        "line-delete": "application",
        "application-submit": "application",
        "application-withdraw": "application",
        "information-answer": "application",
        "application-answer": "application",
        "application-decide": "application",
        "application-request-info": "application",
        "application-start-review": "application",
        "decision-letter": "decision",
        "grant-decision-detail": "decision",
        "alliance-detail": "alliance",
        "person-detail": "person",
        "membership-detail": "membership",
        "decision-detail": "alliance_decision",
        "ceiling-detail": "ceiling",
        "application-line-detail": "line",
        "review-detail": "review",
        "report-detail": "spending_report",
        "report-line-add": "spending_report",
        "report-line-edit": "spending_report",
        "report-line-delete": "spending_report",
        "report-submit": "spending_report",
        "report-review": "spending_report",
        "report-reopen": "spending_report",
        "spending-report-detail": "spending_report",
        "spending-report-accept": "spending_report",
        "spending-report-reopen": "spending_report",
        "spending-report-return-to-bureau": "spending_report",
        "spending-report-submit": "spending_report",
        "spending-line-detail": "spending_line",
        "payment-detail": "payment",
        "payment-instalment-detail": "instalment",
        "import-detail": "import_run",
        "import-report": "import_run",
        "import-file": "import_run",
        "import-run-detail": "import_run",
        "import-run-discard": "import_run",
        "import-run-load": "import_run",
        "indicator-value-detail": "indicator_value",
        "run-detail": "report_run",
        "run-progress": "report_run",
        "file-download": "report_file",
    }
    values = {
        "slug": w["slug"],
        "name": "start",
        "line_pk": w["line"].pk,
        "request_pk": w["request"].pk,
        "output_pk": w["output"].pk,
        "funding_pk": w["funding"].pk,
        "fmt": "csv",
        "area_slug": w["slug"],
        "cbs_code": Area.objects.get(slug=w["slug"]).municipality.cbs_code,
    }
    if name in pk_of:
        values["pk"] = w[pk_of[name]].pk
    elif name.startswith("api-meeting"):
        values["pk"] = w["meeting"].pk
    return values


FUNDING_NAMES = {
    "application-detail",
    "line-add",
    "line-edit",
    "line-delete",
    "application-submit",
    "application-withdraw",
    "information-answer",
    "application-answer",
    "application-decide",
    "application-request-info",
    "application-start-review",
    "decision-letter",
    "grant-decision-detail",
    "application-line-detail",
    "review-detail",
}


def test_every_url_is_in_the_matrix(world):
    """A new URL with an object in it must be placed in the matrix (values_for) or declared unscoped."""
    for route, name in scoped_patterns():
        values = values_for(name, world)
        _fill(route, values)  # raises KeyError for an unknown object
        if re.search(r"<(?:int:)?pk>|\(\?P<pk>", route):
            assert "pk" in values, f"{name}: which object is {route} about?"


def _check(client, url: str) -> list[str]:
    problems = []
    response = client.get(url)
    if response.status_code not in (401, 403, 404, 405):
        problems.append(f"GET {url} → {response.status_code}")
    response = client.post(url, {}, content_type="application/json") if "/api/" in url else client.post(url, {})
    if response.status_code not in (401, 403, 404, 405):
        problems.append(f"POST {url} → {response.status_code}")
    return problems


@pytest.mark.parametrize("username", AREA_ROLES)
def test_area_roles_get_404_for_every_object_of_another_area(client, world, username):
    client.force_login(User.objects.get(username=username))
    problems = []
    for route, name in scoped_patterns():
        problems += _check(client, _fill(route, values_for(name, world)))
    assert problems == []


def test_reviewer_without_a_line_in_the_application_gets_404_for_its_money(client, world):
    """A VWS reviewer has no line in any demo application (VWS has no theme in 2026–2028): decisions,
    letters, lines, questions and reviews are all outside its scope."""
    client.force_login(make_user("beoordelaar.vws", Role.MINISTRY_REVIEWER, ministry=Ministry.VWS))
    problems = []
    for route, name in scoped_patterns():
        if name in FUNDING_NAMES:
            problems += _check(client, _fill(route, values_for(name, world)))
    assert problems == []


LIST_URLS = [
    "/",
    "/gebieden/",
    "/allianties/",
    "/knelpunten/",
    "/knelpunten/export.csv",
    "/knelpunten/export.xlsx",
    "/interventies/",
    "/interventies/export.csv",
    "/interventies/export.xlsx",
    "/middelen/aanvragen/",
    "/middelen/aanvragen/?export=csv",
    "/middelen/aanvragen/?export=xlsx",
    "/gebieden/amsterdam-nieuw-west/alliantie/leden.csv",
    "/gebieden/amsterdam-nieuw-west/",
    "/api/v1/alliances/",
    "/api/v1/people/",
    "/api/v1/memberships/",
    "/api/v1/meetings/",
    "/api/v1/decisions/",
    "/api/v1/plans/",
    "/api/v1/bottlenecks/",
    "/api/v1/interventions/",
    "/api/v1/ceilings/?page_size=1000",
    "/api/v1/applications/",
    "/api/v1/application-lines/",
    "/api/v1/reviews/",
    "/api/v1/grant-decisions/",
]


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if raw[:2] == b"PK":  # an Excel workbook: read the cells
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return raw.decode("utf-8", errors="replace")


def test_lists_and_exports_hold_no_foreign_rows(client, world):
    foreign_markers = {
        world["application"].reference,
        world["intervention"].title,
        world["person"].name,
        world["bottleneck"].title,
        world["decision"].reference,
    }
    for username in AREA_ROLES:
        client.force_login(User.objects.get(username=username))
        for url in LIST_URLS:
            response = client.get(url)
            assert response.status_code in (200, 403), (username, url, response.status_code)
            body = _body(response)
            leaked = [marker for marker in foreign_markers if marker in body]
            assert leaked == [], (username, url, leaked)
    client.force_login(make_user("beoordelaar.vws", Role.MINISTRY_REVIEWER, ministry=Ministry.VWS))
    for url in ["/middelen/aanvragen/?export=csv", "/api/v1/applications/", "/api/v1/grant-decisions/"]:
        assert world["application"].reference not in _body(client.get(url)), url


def test_api_lists_hold_only_the_own_area(api_client, world):
    own = Area.objects.get(slug=OWN)
    api_client.force_authenticate(User.objects.get(username="bureau.nieuwwest"))
    for url, area_of in [
        ("/api/v1/applications/", lambda row: row["area"]),
        ("/api/v1/interventions/", lambda row: row.get("area")),
    ]:
        rows = api_client.get(url).json()["results"]
        assert rows and {area_of(row) for row in rows} <= {own.slug, own.pk}, url
    lines = api_client.get("/api/v1/application-lines/").json()["results"]
    assert {row["application"] for row in lines} <= set(
        Application.objects.filter(area=own).values_list("pk", flat=True)
    )
    assert world["line"].pk not in {row["id"] for row in lines}


def test_reviewer_of_a_ministry_with_a_line_does_see_the_decision(client, world):
    """The other side of the reviewer rows: the OCW reviewer sees the foreign area's decision (it has OCW lines)."""
    client.force_login(User.objects.get(username="beoordelaar.ocw"))
    assert client.get(f"/api/v1/grant-decisions/{world['decision'].pk}/").status_code == 200
