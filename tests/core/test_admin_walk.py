"""The admin walk: every registered admin, every role, every URL, a POST to each.

For every `ModelAdmin` in `admin.site._registry` and every role (programme bureau, alliance member,
ministry reviewer, national team, admin, superuser) the walk visits the changelist, add, change,
delete, history and history-item pages of an object the role may see and of one it may not, and posts
a change to each (change form, add form, delete confirmation, history list and history item). It asserts:
- never a 500;
- roles without the admin (area roles) are sent to the login page;
- an object outside the admin's (scoped) queryset is a 404;
- nothing changes in the database (the object's row, the model's row count, its history and the
  transition log) unless the admin grants that role the write (which it does only through a service);
- a POST to a history page never changes anything (405), for every role;
- a status field never changes through a form.
The data set is small and built with factories; the real reference data is there already.
"""

from __future__ import annotations

import datetime
import traceback
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import ClockedSchedule, SolarSchedule
from django_fsm import FSMFieldMixin
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from accounts.models import Ministry
from alliances.models import AttendanceStatus, DecisionSubject
from core.admin_base import ScopedAdmin
from core.models import OutboxMessage, Transition
from core.workflow import record_transition
from funding import models as funding
from funding.models import ApplicationStatus, Recommendation
from interventions.models import InterventionStatus
from reports import services as report_services
from reports.models import ReminderSent
from tests import factories as f
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

ROLES = ["programme_bureau", "alliance_member", "ministry_reviewer", "national_team", "admin", "superuser"]
AREA_ROLES = {"programme_bureau", "alliance_member"}
# What the actions' intermediate forms ask (reasons, a resolution, a recommendation), and their confirmations.
ACTION_ANSWERS = {
    "apply": "1",
    "confirm": "yes",
    "post": "yes",
    "reason": "Reden van de walk.",
    "resolution": "Opgelost in de walk.",
    "recommendation": "grant_full",
}
REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def world(reference_data, settings, tmp_path):
    """Two areas with an alliance, its records, interventions and applications in every state that matters."""
    settings.MEDIA_ROOT = tmp_path / "private"
    area_a, area_b = f.area_named("amsterdam-nieuw-west"), f.area_named("rotterdam-zuid")
    users = {
        "programme_bureau": f.UserFactory(username="walk_bureau", programme_bureau=True, area=area_a),
        "alliance_member": f.UserFactory(username="walk_member", alliance_member=True, area=area_a),
        "ministry_reviewer": f.UserFactory(username="walk_reviewer", reviewer=True, ministry=Ministry.OCW),
        "national_team": f.UserFactory(username="walk_national", national_team=True),
        "admin": f.UserFactory(username="walk_admin", admin=True),
        "superuser": f.UserFactory(username="walk_superuser", superuser=True),
    }
    f.UserFactory(username="walk_bureau_b", programme_bureau=True, area=area_b)
    ocw, szw = f.theme_of(Ministry.OCW), f.theme_of(Ministry.SZW)
    old_ocw = f.theme_of(Ministry.OCW, scheme_code="spuk-kw-2023-2025")
    for area, status in ((area_a, ApplicationStatus.DRAFT), (area_b, ApplicationStatus.IN_REVIEW)):
        alliance = f.AllianceFactory(area=area)
        f.MembershipFactory(alliance=alliance, chair=True)
        representative = f.MembershipFactory(alliance=alliance, representative=True)
        alderman = f.MembershipFactory(alliance=alliance)
        f.OrganisationFactory(area=area)
        meeting = f.MeetingFactory(alliance=alliance)
        f.AttendanceFactory(meeting=meeting, membership=alderman, status=AttendanceStatus.PRESENT)
        decision = f.DecisionFactory(meeting=meeting, subject=DecisionSubject.ENDORSE_APPLICATION)
        f.PlanFactory(alliance=alliance)
        f.BottleneckFactory(area=area, owner=representative)
        idea = f.InterventionFactory(area=area, status=InterventionStatus.IDEA)
        running = f.InterventionFactory(area=area, status=InterventionStatus.RUNNING)
        f.OutputMeasureFactory(intervention=running)
        f.ProgressUpdateFactory(intervention=running)
        f.OtherFundingFactory(intervention=idea)
        application = f.ApplicationFactory(area=area, status=status, endorsement=decision)
        line = f.ApplicationLineFactory(application=application, theme=ocw)
        line.interventions.set([idea])
        f.ApplicationLineFactory(application=application, theme=szw, year=2027)
        f.ReviewFactory(line=line, reviewer=users["ministry_reviewer"], recommendation=Recommendation.GRANT_FULL)
        f.InformationRequestFactory(application=application, asked_by=users["national_team"])
        # An endorsement belongs to one application: the granted one has its own decision.
        endorsed_earlier = f.DecisionFactory(meeting=meeting, subject=DecisionSubject.ENDORSE_APPLICATION)
        granted = f.ApplicationFactory(
            area=area, scheme=old_ocw.scheme, status=ApplicationStatus.GRANTED, endorsement=endorsed_earlier
        )
        f.ApplicationLineFactory(application=granted, theme=old_ocw, year=2024, granted_amount=Decimal("1000.00"))
        grant = f.GrantDecisionFactory(application=granted, decided_by=users["national_team"])
        f.PaymentFactory(grant_decision=grant)
        f.SpendingLineFactory(report=f.SpendingReportFactory(application=granted, year=2024), theme=old_ocw)
    record_transition(obj=idea, source="", target=idea.status, actor=users["programme_bureau"])
    funding.SisaIndicator.objects.create(
        scheme=old_ocw.scheme,
        year=2024,
        distributor=Ministry.BZK,
        grant_code="H100",
        code="H100_01",
        label="Besteding",
        control="R",
        measure="spending_year",
    )
    OutboxMessage.objects.create(recipient="iemand@example.nl", subject="Aanvraag ingediend", body="Tekst")
    # Accounting and reports: a payment term, report runs with a snapshot, a reminder and beat's heartbeat.
    funding.PaymentInstalment.objects.create(
        grant_decision=grant, year=2024, amount=Decimal("500.00"), due_on=datetime.date(2024, 3, 1)
    )
    today = datetime.date(2026, 11, 30)
    for kind, options in (("budget_snapshot", {}), ("area_quarterly", {"areas": [area_a.slug, area_b.slug]})):
        for run in report_services.report_runs_schedule(kind=kind, day=today, options=options):
            report_services.report_run_execute(run_id=run.pk)
    ReminderSent.objects.create(rule="information_request", item_key="ir-1", offset_days=-3, due_on=today)
    report_services.heartbeat_record()
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    SolarSchedule.objects.create(event="sunrise", latitude=Decimal("52.37"), longitude=Decimal("4.90"))
    # The third-party admins: an API token, a second-factor device, axes' records of logins.
    Token.objects.create(user=users["national_team"])
    TOTPDevice.objects.create(user=users["national_team"], name="telefoon")
    AccessAttempt.objects.create(username="iemand", ip_address="127.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="iemand", ip_address="127.0.0.1")
    AccessFailureLog.objects.create(username="iemand", ip_address="127.0.0.1")
    # Every object has a history entry to open, as if it had been saved once.
    for model, _model_admin in REGISTRY:
        if hasattr(model._meta, "simple_history_manager_attribute"):
            for obj in model._base_manager.order_by("pk")[:3]:
                if not model.history.filter(id=obj.pk).exists():
                    obj.save()
    return users


# ---------------------------------------------------------------------------------------------
# Helpers


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        return [_plain(v) for v in (value.all() if hasattr(value, "all") else value)]
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, FieldFile):
        return ""
    if value is True:
        return "on"
    if value is False:
        return ""
    return str(value)


def tampered_post(model, obj, form_html: str) -> dict:
    """What an attacker posts: the object's own values and the form's inputs, with every text, amount and
    status changed. Fields that are read-only in the form are posted too, to see that they are ignored."""
    data = {name: _plain(value) for name, value in model_to_dict(obj).items()}
    data.update(form_data(form_html))
    for field in model._meta.concrete_fields:
        if field.name not in data or field.primary_key:
            continue
        if isinstance(field, FSMFieldMixin):
            others = [value for value, _label in field.choices if value != getattr(obj, field.attname)]
            data[field.name] = others[-1]
        elif isinstance(field, models.DecimalField):
            data[field.name] = "1.00"
        elif isinstance(field, models.CharField | models.TextField) and not field.choices and data[field.name]:
            data[field.name] = f"{data[field.name]} (gewijzigd)"[: field.max_length or 10_000]
    data.pop("id", None)
    return data


def snapshot(model, pk) -> tuple:
    """The object's row, the number of rows, the history and the transition log: what a POST might change."""
    row = list(model._base_manager.filter(pk=pk).values())
    history = model.history.count() if hasattr(model._meta, "simple_history_manager_attribute") else 0
    return row, model._base_manager.count(), history, Transition.objects.count()


def urls(model, obj) -> dict[str, str]:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    result = {
        "change": reverse(f"{info}_change", args=[obj.pk]),
        "delete": reverse(f"{info}_delete", args=[obj.pk]),
        "history": reverse(f"{info}_history", args=[obj.pk]),
    }
    if hasattr(model._meta, "simple_history_manager_attribute"):
        record = model.history.filter(id=obj.pk).order_by("-history_id").first()
        if record is not None:
            result["history_item"] = reverse(f"{info}_simple_history", args=[obj.pk, record.history_id])
    return result


class Walk:
    def __init__(self, client, role, user, model, model_admin):
        self.client, self.role, self.user, self.model, self.model_admin = client, role, user, model, model_admin
        self.problems: list[str] = []
        self.request = RequestFactory().get("/")
        self.request.user = user

    def call(self, method: str, url: str, data=None):
        try:
            response = getattr(self.client, method)(url, data or {})
        except Exception as error:  # a 500: record it with where it came from, and walk on
            where = "".join(traceback.format_exception_only(error)).strip()
            self.problems.append(f"{self.role} {method.upper()} {url}: 500 ({where})")
            return None
        if response.status_code >= 500:
            self.problems.append(f"{self.role} {method.upper()} {url}: {response.status_code}")
        return response

    def expect(self, response, allowed: set[int], what: str) -> None:
        if response is not None and response.status_code not in allowed:
            self.problems.append(f"{self.role} {what}: {response.status_code}, expected {sorted(allowed)}")

    def unchanged(self, before, obj, what: str) -> None:
        after = snapshot(self.model, obj.pk)
        if after != before:
            self.problems.append(f"{self.role} {what} changed the database without the permission")

    def status_kept_or_logged(self, before, obj, what: str) -> None:
        """A permitted action may move a status, but only through the workflow, which logs the move."""
        after = snapshot(self.model, obj.pk)
        names = [field.attname for field in self.model._meta.concrete_fields if isinstance(field, FSMFieldMixin)]
        moved = names and before[0] and after[0] and any(before[0][0][n] != after[0][0][n] for n in names)
        if moved and after[3] == before[3]:
            self.problems.append(f"{self.role} {what} moved a status without a transition entry")

    def status_kept(self, before, obj, what: str) -> None:
        names = [field.attname for field in self.model._meta.concrete_fields if isinstance(field, FSMFieldMixin)]
        after = snapshot(self.model, obj.pk)
        if names and before[0] and after[0] and any(before[0][0][n] != after[0][0][n] for n in names):
            self.problems.append(f"{self.role} {what} changed a status through a form")


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=[m._meta.label for m, _a in REGISTRY])
def test_admin_walk(client, world, model, model_admin):
    """No admin page fails, leaks an object out of scope, or writes without the role's permission."""
    everything = model._base_manager.order_by("pk")
    assert everything.exists(), f"the walk's data set has no {model._meta.label}"
    superuser_client = type(client)()
    superuser_client.force_login(world["superuser"])
    superuser_request = RequestFactory().get("/")
    superuser_request.user = world["superuser"]
    forms: dict[int, str] = {}

    def change_form(obj) -> str:
        """The change form as the superuser sees it (every input there is), read once per object."""
        if obj.pk not in forms:
            forms[obj.pk] = superuser_client.get(urls(model, obj)["change"]).content.decode()
        return forms[obj.pk]

    problems: list[str] = []
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    for role in ROLES:
        user = world[role]
        client.force_login(user)
        walk = Walk(client, role, user, model, model_admin)
        visible = model_admin.get_queryset(walk.request)
        in_scope = visible.order_by("pk").first() if role not in AREA_ROLES else everything.first()
        out_of_scope = everything.exclude(pk__in=visible.values("pk")).first() if role not in AREA_ROLES else None
        changelist, add = reverse(f"{info}_changelist"), reverse(f"{info}_add")

        if role in AREA_ROLES:
            # No admin at all: every page and every POST goes to the login page and changes nothing.
            obj = everything.first()
            before = snapshot(model, obj.pk)
            form_html = change_form(obj)
            for name, url in {"changelist": changelist, "add": add, **urls(model, obj)}.items():
                walk.expect(walk.call("get", url), {302}, f"GET {name}")
                walk.expect(walk.call("post", url, tampered_post(model, obj, form_html)), {302}, f"POST {name}")
            walk.expect(walk.call("post", urls(model, obj)["delete"], {"post": "yes"}), {302}, "POST delete")
            walk.unchanged(before, obj, "POST as an area role")
            problems += walk.problems
            continue

        can_view = model_admin.has_view_or_change_permission(walk.request)
        walk.expect(walk.call("get", changelist), {200} if can_view else {403}, "GET changelist")
        can_add = model_admin.has_add_permission(walk.request)
        walk.expect(walk.call("get", add), {200} if can_add else {403}, "GET add")

        if out_of_scope is not None:
            before = snapshot(model, out_of_scope.pk)
            form_html = change_form(out_of_scope)
            data = tampered_post(model, out_of_scope, form_html)
            for name, url in urls(model, out_of_scope).items():
                walk.expect(walk.call("get", url), {404}, f"GET {name} out of scope")
                expected = {405} if name.startswith("history") and isinstance(model_admin, ScopedAdmin) else {404}
                walk.expect(walk.call("post", url, data), expected, f"POST {name} out of scope")
            walk.expect(walk.call("post", urls(model, out_of_scope)["delete"], {"post": "yes"}), {404}, "POST delete")
            walk.unchanged(before, out_of_scope, "POSTs out of scope")

        if in_scope is None:
            problems += walk.problems
            continue
        obj = in_scope
        pages = urls(model, obj)
        can_view_obj = model_admin.has_view_or_change_permission(walk.request, obj)
        can_change = model_admin.has_change_permission(walk.request, obj)
        can_delete = model_admin.has_delete_permission(walk.request, obj)
        seen = {200} if can_view_obj else {403}
        walk.expect(walk.call("get", pages["change"]), seen, "GET change")
        walk.expect(walk.call("get", pages["history"]), seen, "GET history")
        if "history_item" in pages:
            walk.expect(walk.call("get", pages["history_item"]), seen, "GET history item")
        walk.expect(walk.call("get", pages["delete"]), {200} if can_delete else {403}, "GET delete")

        form_html = change_form(obj)
        data = tampered_post(model, obj, form_html)

        # History pages are read-only for everyone (ours refuse a POST; Django's own log page ignores it).
        before = snapshot(model, obj.pk)
        refused = {405} if isinstance(model_admin, ScopedAdmin) else {200, 403, 405}
        for name in ("history", "history_item"):
            if name in pages:
                walk.expect(walk.call("post", pages[name], data), refused, f"POST {name}")
        walk.unchanged(before, obj, "POST to history")

        before = snapshot(model, obj.pk)
        response = walk.call("post", pages["change"], data)
        if can_change:
            walk.expect(response, {200, 302}, "POST change")
            walk.status_kept(before, obj, "POST change")
        else:
            walk.expect(response, {403}, "POST change")
            walk.unchanged(before, obj, "POST change")

        before = snapshot(model, obj.pk)
        response = walk.call("post", add, data)
        if can_add:
            walk.expect(response, {200, 302}, "POST add")
        else:
            walk.expect(response, {403}, "POST add")
            walk.unchanged(before, obj, "POST add")

        # Every action (the bulk delete too), with whatever an intermediate form would ask, confirmed.
        own_actions = model_admin.get_actions(walk.request)
        for name in model_admin.get_actions(superuser_request):
            before = snapshot(model, obj.pk)
            response = walk.call("post", changelist, {**ACTION_ANSWERS, "action": name, ACTION_CHECKBOX_NAME: [obj.pk]})
            if name not in own_actions:
                walk.expect(response, {200, 302, 403}, f"POST action {name}")
                walk.unchanged(before, obj, f"POST action {name}")
            else:
                walk.status_kept_or_logged(before, obj, f"POST action {name}")

        before = snapshot(model, obj.pk)
        gone = not model._base_manager.filter(pk=obj.pk).exists()  # the bulk delete action took it already
        response = walk.call("post", pages["delete"], {"post": "yes"})
        if can_delete:
            # 403 when a related row may not be deleted with it (a line's reviews, say).
            # A missing object: 404 from our admins, a redirect with a message from Django's own.
            walk.expect(response, {302, 404} if gone else {200, 302, 403}, "POST delete")
        else:
            walk.expect(response, {403}, "POST delete")
            walk.unchanged(before, obj, "POST delete")
        problems += walk.problems
    assert not problems, "\n".join(problems)


def test_every_project_admin_is_scoped():
    """Every admin of the project's own apps is a ScopedAdmin: scoped, read-only history, writes through services."""
    own = {"core", "accounts", "areas", "monitoring", "alliances", "interventions", "funding"}
    loose = [m._meta.label for m, a in REGISTRY if m._meta.app_label in own and not isinstance(a, ScopedAdmin)]
    assert not loose
