"""Report pages: start a report, watch its progress (htmx polling), download its files, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alliances import selectors as alliance_selectors

from . import selectors, services
from .forms import ReportStartForm
from .models import ReportFile

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def report_index(request):
    """Start a report; below it, the reports this user asked for."""
    form = ReportStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.report_run_request(
                kind=form.cleaned_data["kind"],
                actor=request.user,
                area=form.cleaned_data.get("area"),
                parameters=form.parameters(),
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De rapportage is gestart."))
            return redirect(run)
    runs = Paginator(selectors.runs_of_user(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/index.html", {"form": form, "page": runs})


def _run(request, pk):
    return get_object_or_404(selectors.run_list(user=request.user).prefetch_related("files"), pk=pk)


@login_required
def run_detail(request, pk):
    return render(request, "reports/run_detail.html", {"run": _run(request, pk)})


@login_required
def run_progress(request, pk):
    """The progress block alone: htmx swaps it in every second until the run has finished."""
    return render(request, "reports/_progress.html", {"run": _run(request, pk)})


@login_required
@require_http_methods(["POST"])
def list_export(request):
    """A list page's "export in the background" button posts its path and query string here."""
    try:
        run = services.list_export_request(
            actor=request.user, path=request.POST.get("path", ""), query=request.POST.get("query", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:index")
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("De export is gestart."))
    return redirect(run)


@login_required
def file_download(request, pk):
    report_file = get_object_or_404(ReportFile.objects.visible_to(request.user).select_related("run"), pk=pk)
    if not report_file.file or not report_file.file.storage.exists(report_file.file.name):
        raise Http404
    return FileResponse(
        report_file.file.open("rb"),
        as_attachment=True,
        filename=report_file.name,
        content_type=report_file.content_type,
    )


@login_required
def area_history(request, slug):
    area = alliance_selectors.area_get(user=request.user, slug=slug)
    runs = Paginator(selectors.runs_of_area(user=request.user, area=area), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/area_history.html", {"area": area, "page": runs})
