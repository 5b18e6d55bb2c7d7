"""Pages of the alliance: parse the request, call a selector or a service, render.

Everything is read through the scoped selectors, so another area's alliance, member, meeting, plan,
bottleneck or document is a 404. Writing asks the shared `alliances.manage_alliance` permission.
"""

from __future__ import annotations

import datetime
import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from areas.models import Area
from core.forms import add_service_errors
from core.workflow import labelled_transitions

from . import exports, selectors, services
from .filters import BottleneckFilter
from .forms import (
    AllianceSettingsForm,
    AttendanceForm,
    BottleneckForm,
    BottleneckTransitionForm,
    DecisionForm,
    MeetingForm,
    MembershipForm,
    PlanForm,
    SuccessionForm,
)
from .models import MemberRole, PlanStatus


@login_required
def area_list_view(request):
    search = request.GET.get("q", "").strip()
    ordering = request.GET.get("sort", "name")
    areas = selectors.area_list(user=request.user, search=search, ordering=ordering)
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "alliances/area_list.html",
        {
            "page": page,
            "search": search,
            "ordering": ordering,
            "totals": selectors.area_totals(areas=areas),
            "representation": selectors.representation_counts(areas=areas),
        },
    )


def _require_manage(request, obj) -> None:
    if not request.user.has_perm("alliances.manage_alliance", obj):
        raise PermissionDenied(_("U mag de gegevens van deze alliantie niet wijzigen."))


def _next_url(request) -> str | None:
    """Where a guided step returns to (`?next=`, a path on this site only)."""
    target = request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


def _with_next(url: str, target: str | None) -> str:
    return f"{url}?{urlencode({'next': target})}" if target else url


def _form_page(request, *, form, title: str, back: str, submit: str, context=None, multipart=False, alliance=None):
    """A form page; with `alliance` its breadcrumbs start from the alliance of the area."""
    return render(
        request,
        "alliances/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "submit": submit,
            "multipart": multipart,
            "alliance": alliance,
            **(context or {}),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# The alliance and its members


@login_required
def alliance_overview_view(request):
    """All alliances side by side (the national team's view; an area role sees its own)."""
    alliances = selectors.alliance_overview(user=request.user)
    page = Paginator(alliances, 50).get_page(request.GET.get("page"))
    areas = Area.objects.visible_to(request.user).filter(is_synthetic=False)
    return render(
        request,
        "alliances/alliance_overview.html",
        {"page": page, "representation": selectors.representation_counts(areas=areas)},
    )


@login_required
def alliance_detail_view(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    today = timezone.localdate()
    members = selectors.membership_list(user=request.user, alliance=alliance, day=today)
    return render(
        request,
        "alliances/alliance_detail.html",
        {
            "alliance": alliance,
            "area": alliance.area,
            "members": members,
            "history": selectors.membership_list(user=request.user, alliance=alliance, current=False),
            "resident_members": sum(1 for m in members if m.role == "resident"),
            "problems": services.composition_problems(alliance=alliance, day=today),
            "meetings": selectors.meeting_list(user=request.user, alliance=alliance)[:20],
            "plans": selectors.plan_list(user=request.user, alliance=alliance),
            "bottlenecks": selectors.bottleneck_list(user=request.user, filters={"area": alliance.area.slug})[:20],
            "can_manage": request.user.has_perm("alliances.manage_alliance", alliance),
            "show_contacts": request.user.has_perm("alliances.see_contact_details", alliance),
        },
    )


@login_required
def alliance_settings_view(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    _require_manage(request, alliance)
    initial = {
        "resident_seats": alliance.resident_seats,
        "quorum_rule": alliance.quorum_rule,
        "resident_representation": alliance.area.resident_representation,
    }
    form = AllianceSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.alliance_update(
                alliance=alliance,
                actor=request.user,
                resident_seats=form.cleaned_data["resident_seats"],
                quorum_rule=form.cleaned_data["quorum_rule"],
            )
            services.area_set_representation(
                area=alliance.area, actor=request.user, mode=form.cleaned_data["resident_representation"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De instellingen van de alliantie zijn opgeslagen."))
            return redirect("alliance-detail", slug=slug)
    return _form_page(
        request,
        alliance=alliance,
        form=form,
        title=_("Zetels en quorum van %(name)s") % {"name": alliance.name},
        back=reverse("alliance-detail", args=[slug]),
        submit=_("Opslaan"),
    )


@login_required
def member_create_view(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    _require_manage(request, alliance)
    form = MembershipForm(request.POST or None, alliance=alliance, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(alliance=alliance, actor=request.user, **form.data_for_service())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het lid is toegevoegd."))
            return redirect("alliance-detail", slug=slug)
    return _form_page(
        request,
        alliance=alliance,
        form=form,
        title=_("Lid toevoegen aan %(name)s") % {"name": alliance.name},
        back=reverse("alliance-detail", args=[slug]),
        submit=_("Lid toevoegen"),
        context={"alliance": alliance, "succession_url": reverse("member-succession", args=[slug])},
    )


@login_required
def member_succession_view(request, slug):
    """Replace the chair or rijksvertegenwoordiger: first show whom and from when, then a confirmed submit."""
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    _require_manage(request, alliance)
    form = SuccessionForm(request.POST or None, alliance=alliance, user=request.user)
    predecessor = None
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        predecessor = services.predecessor_for(alliance=alliance, role=data["role"], start_date=data["start_date"])
        if predecessor is None:
            add_service_errors(
                form,
                ValidationError(
                    {
                        "start_date": _(
                            "Regel opvolging: op de dag vóór deze datum zit er geen %(role)s om op te volgen."
                        )
                        % {"role": MemberRole(data["role"]).label.lower()}
                    }
                ),
            )
        elif form.is_confirmed_for(predecessor):
            try:
                services.membership_create(alliance=alliance, actor=request.user, succession=True, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(new)s volgt %(old)s op; diens termijn eindigt op %(end)s.")
                    % {
                        "new": data["person"].name if data.get("person") else data["person_name"],
                        "old": predecessor.person.name,
                        "end": f"{data['start_date'] - datetime.timedelta(days=1):%d-%m-%Y}",
                    },
                )
                return redirect("alliance-detail", slug=slug)
        else:
            form.ask_confirmation(predecessor)
    return render(
        request,
        "alliances/succession_form.html",
        {
            "form": form,
            "alliance": alliance,
            "predecessor": predecessor if form.data.get("predecessor") else None,
            "end_date": data["start_date"] - datetime.timedelta(days=1) if predecessor else None,
            "title": _("Opvolger vastleggen in %(name)s") % {"name": alliance.name},
            "back": reverse("alliance-detail", args=[slug]),
        },
        status=400 if form.errors else 200,
    )


@login_required
def member_update_view(request, pk):
    membership = selectors.membership_get(user=request.user, pk=pk)
    _require_manage(request, membership)
    alliance = membership.alliance
    form = MembershipForm(
        request.POST or None,
        alliance=alliance,
        user=request.user,
        editing=True,
        initial=MembershipForm.initial_from(membership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership=membership, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het lidmaatschap is gewijzigd."))
            return redirect("alliance-detail", slug=alliance.area.slug)
    return _form_page(
        request,
        alliance=membership.alliance,
        form=form,
        title=_("Lidmaatschap van %(name)s wijzigen") % {"name": membership.person.name},
        back=reverse("alliance-detail", args=[alliance.area.slug]),
        submit=_("Opslaan"),
    )


@login_required
def member_export_view(request, slug, fmt):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    current = request.GET.get("historie") != "1"
    members = selectors.membership_list(user=request.user, alliance=alliance, current=current)
    return exports.export_response(
        fmt=fmt,
        filename=f"leden-{alliance.area.slug}",
        header=exports.MEMBER_HEADER,
        rows=exports.member_rows(
            members, with_contacts=request.user.has_perm("alliances.see_contact_details", alliance)
        ),
        title=_("Leden"),
    )


# ---------------------------------------------------------------------------------------------
# Meetings, attendance and decisions


@login_required
def meeting_create_view(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    _require_manage(request, alliance)
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(alliance=alliance, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het overleg is vastgelegd. Leg nu de aanwezigheid vast."))
            return redirect(_with_next(reverse("meeting-attendance", args=[meeting.pk]), _next_url(request)))
    return _form_page(
        request,
        alliance=alliance,
        form=form,
        title=_("Alliantieoverleg vastleggen"),
        back=reverse("alliance-detail", args=[slug]),
        submit=_("Overleg opslaan"),
        multipart=True,
    )


@login_required
def meeting_detail_view(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return render(
        request,
        "alliances/meeting_detail.html",
        {
            "meeting": meeting,
            "alliance": meeting.alliance,
            "attendance": selectors.attendance_of(meeting=meeting),
            "quorum": services.meeting_quorum(meeting=meeting),
            "decisions": selectors.decision_list(meeting=meeting),
            "can_manage": request.user.has_perm("alliances.manage_alliance", meeting),
        },
    )


@login_required
def meeting_update_view(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    _require_manage(request, meeting)
    initial = {"date": meeting.date, "location": meeting.location, "agenda": meeting.agenda}
    form = MeetingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het overleg is gewijzigd."))
            return redirect(meeting)
    return _form_page(
        request,
        alliance=meeting.alliance,
        form=form,
        title=_("Overleg wijzigen"),
        back=meeting.get_absolute_url(),
        submit=_("Opslaan"),
        multipart=True,
    )


@login_required
def meeting_attendance_view(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    _require_manage(request, meeting)
    everyone_present = request.GET.get("iedereen") == "aanwezig"
    form = AttendanceForm(
        request.POST or None, seated=selectors.attendance_of(meeting=meeting), everyone_present=everyone_present
    )
    target = _next_url(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(meeting=meeting, actor=request.user, statuses=form.statuses())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aanwezigheid is vastgelegd."))
            return redirect(target or meeting.get_absolute_url())
    everyone_url = (
        reverse("meeting-attendance", args=[meeting.pk])
        + "?"
        + urlencode({"iedereen": "aanwezig", **({"next": target} if target else {})})
    )
    return render(
        request,
        "alliances/attendance_form.html",
        {"form": form, "meeting": meeting, "alliance": meeting.alliance, "everyone_url": everyone_url},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def decision_create_view(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    _require_manage(request, meeting)
    form = DecisionForm(
        request.POST or None,
        meeting=meeting,
        user=request.user,
        initial={"subject": request.GET.get("onderwerp", ""), "text": request.GET.get("tekst", "")},
    )
    target = _next_url(request)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_record(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            if target:
                return redirect(f"{target}?{urlencode({'besluit': decision.pk})}")
            return redirect(meeting)
    return _form_page(
        request,
        alliance=meeting.alliance,
        form=form,
        title=_("Besluit vastleggen: %(meeting)s") % {"meeting": meeting},
        back=meeting.get_absolute_url(),
        submit=_("Besluit opslaan"),
    )


def _download(field_file):
    if not field_file:
        raise Http404
    name = PurePath(field_file.name).name
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_minutes_view(request, pk):
    """The minutes, only for users who may see the area (another area's is a 404)."""
    return _download(selectors.meeting_get(user=request.user, pk=pk).minutes)


# ---------------------------------------------------------------------------------------------
# Plans


@login_required
def plan_create_view(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    _require_manage(request, alliance)
    form = PlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(alliance=alliance, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het conceptplan is opgeslagen."))
            return redirect(plan)
    return _form_page(
        request,
        alliance=alliance,
        form=form,
        title=_("Nieuwe planversie"),
        back=reverse("alliance-detail", args=[slug]),
        submit=_("Plan opslaan"),
        multipart=True,
    )


@login_required
def plan_detail_view(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    return render(
        request,
        "alliances/plan_detail.html",
        {
            "plan": plan,
            "alliance": plan.alliance,
            "transitions": labelled_transitions(plan),
            "versions": selectors.plan_list(user=request.user, alliance=plan.alliance).filter(kind=plan.kind),
            "is_draft": plan.status == PlanStatus.DRAFT,
        },
    )


@login_required
def plan_document_view(request, pk):
    """The plan's document, only for users who may see the area (another area's is a 404)."""
    return _download(selectors.plan_get(user=request.user, pk=pk).document)


# ---------------------------------------------------------------------------------------------
# Bottlenecks


@login_required
def bottleneck_list_view(request):
    bottlenecks = selectors.bottleneck_list(user=request.user, filters=request.GET)
    filterset = BottleneckFilter(request.GET or None, queryset=bottlenecks)
    page = Paginator(bottlenecks, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "alliances/bottleneck_list.html",
        {"page": page, "filter": filterset, "query": query.urlencode()},
    )


@login_required
def bottleneck_export_view(request, fmt):
    bottlenecks = selectors.bottleneck_list(user=request.user, filters=request.GET)
    return exports.export_response(
        fmt=fmt,
        filename="knelpunten",
        header=exports.BOTTLENECK_HEADER,
        rows=exports.bottleneck_rows(bottlenecks),
        title=_("Knelpunten"),
    )


@login_required
def bottleneck_create_view(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    _require_manage(request, alliance)
    area = alliance.area
    form = BottleneckForm(request.POST or None, area=area, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            bottleneck = services.bottleneck_create(area=area, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het knelpunt is gesignaleerd."))
            return redirect(bottleneck)
    return _form_page(
        request,
        alliance=alliance,
        form=form,
        title=_("Knelpunt signaleren in %(area)s") % {"area": area.name},
        back=reverse("alliance-detail", args=[slug]),
        submit=_("Knelpunt opslaan"),
    )


@login_required
def bottleneck_detail_view(request, pk):
    bottleneck = selectors.bottleneck_get(user=request.user, pk=pk)
    return render(
        request,
        "alliances/bottleneck_detail.html",
        {
            "bottleneck": bottleneck,
            "transitions": labelled_transitions(bottleneck),
            "form": BottleneckTransitionForm() if bottleneck.is_open else None,
            "can_manage": request.user.has_perm("alliances.manage_alliance", bottleneck),
        },
    )


@login_required
@require_POST
def bottleneck_transition_view(request, pk):
    bottleneck = selectors.bottleneck_get(user=request.user, pk=pk)
    _require_manage(request, bottleneck)
    form = BottleneckTransitionForm(request.POST)
    if form.is_valid():
        try:
            services.bottleneck_transition(bottleneck=bottleneck, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De status van het knelpunt is gewijzigd."))
            return redirect(bottleneck)
    return render(
        request,
        "alliances/bottleneck_detail.html",
        {"bottleneck": bottleneck, "transitions": labelled_transitions(bottleneck), "form": form, "can_manage": True},
        status=400,
    )
