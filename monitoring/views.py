"""Pages of the monitor: the import (upload, preview, load or discard, downloads) and the area dashboard."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.exports import export_response
from core.forms import add_service_errors

from . import selectors, services
from .forms import ImportFinishForm, ImportUploadForm
from .rules import can_finish_import, can_import_indicators

PROBLEMS_ON_PAGE = 1000


@login_required
def import_list(request):
    """The national team (and a programme bureau, for its own area) uploads a file to preview."""
    if not can_import_indicators(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, name = services.read_upload(form.cleaned_data["file"])
        try:
            run = services.import_preview(
                data=data, name=name, actor=request.user, is_public=form.cleaned_data["is_public"]
            )
        except ValidationError as error:
            add_service_errors(form, error, field="file")
        else:
            return redirect(run)
    runs = selectors.import_run_list(user=request.user)[:50]
    return render(request, "monitoring/import_list.html", {"form": form, "runs": runs})


@login_required
def import_detail(request, pk):
    """The preview (every problem with line, column, value and rule) and the choice what to load."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    form = ImportFinishForm(request.POST or None)
    if request.method == "POST":
        if not can_finish_import(request.user, run):
            raise PermissionDenied
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == ImportFinishForm.DISCARD:
                    services.import_discard(run=run, actor=request.user)
                    messages.info(request, _("De import is afgebroken; er is niets geladen."))
                else:
                    run = services.import_commit(
                        run=run, actor=request.user, only_good_rows=action == ImportFinishForm.LOAD_GOOD
                    )
                    messages.success(
                        request,
                        _("Geladen: %(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd.")
                        % {"created": run.created, "updated": run.updated, "unchanged": run.unchanged},
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(run)
        run.refresh_from_db()
    problems = list(run.problems.all()[: PROBLEMS_ON_PAGE + 1])
    context = {
        "run": run,
        "form": form,
        "problems": problems[:PROBLEMS_ON_PAGE],
        "more_problems": len(problems) > PROBLEMS_ON_PAGE,
        "can_finish": run.is_open and can_finish_import(request.user, run),
    }
    return render(request, "monitoring/import_detail.html", context, status=400 if form.errors else 200)


@login_required
def import_report(request, pk, fmt):
    """The run's report: every problem with line, column, value and rule, as CSV or Excel."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    header = [_("regel"), _("kolom"), _("waarde"), _("regel die geschonden is"), _("soort")]
    rows = (
        (p.line, p.column, p.value, p.rule, p.code)
        for p in run.problems.order_by("line", "pk").iterator(chunk_size=2000)
    )
    return export_response(
        fmt=fmt, filename=f"importverslag-{run.pk}", header=header, rows=rows, title=_("Importverslag")
    )


@login_required
def import_file(request, pk):
    """The file as it was uploaded."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    if not run.file:
        raise Http404
    try:
        handle = run.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = run.file_name or PurePath(run.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def area_dashboard(request, slug):
    """Each indicator's trend in the area against its municipality, the NPLV and the Dutch average."""
    area = selectors.area_get(user=request.user, slug=slug)
    groups = selectors.area_trends(area=area, user=request.user)
    return render(request, "monitoring/area_dashboard.html", {"area": area, "groups": groups})
