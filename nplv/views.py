"""Cross-app pages: the home page per role and the area page, which gather every app's summary."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import AREA_ROLES
from alliances import selectors as alliance_selectors
from core import exports
from funding import selectors as funding_selectors
from interventions import selectors as intervention_selectors
from interventions.models import Intervention
from monitoring import selectors as monitor_selectors

from . import area_signals
from .worklist import remember_count, tasks_for

# The home page shows the most urgent tasks; "Mijn taken" shows them all.
HOME_TASK_LIMIT = 8


def _tasks_context(request) -> dict:
    tasks = tasks_for(request.user)
    remember_count(request, tasks)
    return {"tasks": tasks[:HOME_TASK_LIMIT], "task_count": len(tasks)}


def area_context(*, area, user) -> dict:
    """The area at a glance: alliance, members, interventions and money."""
    return {
        "area": area,
        "alliance": alliance_selectors.alliance_of(area=area),
        "members": alliance_selectors.current_members(area=area, day=timezone.localdate()),
        "interventions": intervention_selectors.area_summary(area=area, user=user),
        "funding": funding_selectors.area_summary(area=area, user=user),
        **indicator_context(area=area, user=user),
    }


def indicator_context(*, area, user) -> dict:
    """The indicator trends of the action lines the area's interventions serve (all lines if none)."""
    lines = sorted(
        set(
            Intervention.objects.visible_to(user)
            .filter(area=area, action_line__isnull=False)
            .values_list("action_line", flat=True)
        )
    )
    groups = monitor_selectors.area_trends(
        area=area, user=user, action_lines=lines or None, only_with_area_figures=True
    )
    return {"indicator_groups": groups, "indicator_lines": lines}


@login_required
def home(request):
    user = request.user
    if user.role in AREA_ROLES and not user.is_superuser:
        if user.area_id is None:
            return render(request, "nplv/home_no_area.html")
        area = alliance_selectors.area_get(user=user, slug=user.area.slug)
        return render(request, "nplv/home_area.html", area_context(area=area, user=user) | _tasks_context(request))
    sort, signals = area_signals.area_signals(user=user, sort=request.GET.get("sort", ""))
    export = request.GET.get("export")
    if export in exports.FORMATS:
        return exports.export_response(
            fmt=export,
            filename="gebieden-signalen",
            header=[title for title, _ in area_signals.EXPORT_COLUMNS],
            rows=([get(a) for _, get in area_signals.EXPORT_COLUMNS] for a in signals.iterator(chunk_size=500)),
            title=gettext("Signalen per gebied"),
        )
    areas = alliance_selectors.area_list(user=user).filter(is_synthetic=False)
    context = {
        "areas": areas,
        "signals": signals,
        "sort": sort,
        "today": timezone.localdate(),
        "totals": alliance_selectors.area_totals(areas=areas),
        "representation": alliance_selectors.representation_counts(areas=areas),
        "schemes": funding_selectors.scheme_overview(user=user),
        **_tasks_context(request),
    }
    return render(request, "nplv/home_national.html", context)


@login_required
def area_detail(request, slug):
    area = alliance_selectors.area_get(user=request.user, slug=slug)
    return render(request, "nplv/area_detail.html", area_context(area=area, user=request.user))


@login_required
def monitor(request):
    groups = monitor_selectors.monitor_table(user=request.user)
    fingerprint = monitor_selectors.monitor_table_fingerprint(groups)
    return render(request, "nplv/monitor.html", {"groups": groups, "fingerprint": fingerprint})


def health(request):
    """Liveness for the load balancer and the trivial view of the load benchmark: no database, no login."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def my_tasks(request):
    """Everything that waits for the user, most urgent first, each one click from its page."""
    tasks = tasks_for(request.user)
    remember_count(request, tasks)
    return render(request, "nplv/my_tasks.html", {"tasks": tasks, "task_count": len(tasks)})
