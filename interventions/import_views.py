"""Pages for bringing an existing intervention register in from Excel (see register_import.py)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import register_import
from .rules import can_add_intervention

SESSION_KEY = "intervention-import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel-bestand met uw register"),
        help_text=gettext_lazy("Gebruik het sjabloon: de kolommen in deze volgorde, één interventie per rij."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )


def _bureau(request):
    user = request.user
    if not can_add_intervention(user) or user.area_id is None:
        raise PermissionDenied(_("Alleen medewerkers van een programmabureau lezen een register in voor hun gebied."))
    return user


@login_required
def import_template_view(request):
    _bureau(request)
    response = HttpResponse(register_import.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="interventies-sjabloon.xlsx"'
    return response


@login_required
def import_view(request):
    """Upload → preview with every row's problems → confirm (all or nothing)."""
    user = _bureau(request)
    rows, token, form = None, None, UploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY) or {}
        if stored.get("token") != request.POST.get("confirm"):
            messages.error(request, _("Deze voorvertoning is verlopen; lees het bestand opnieuw in."))
            return redirect("interventions:import")
        try:
            created, updated = register_import.register_import(
                rows=register_import.rows_from_session(stored["rows"]), area=user.area, actor=user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("interventions:import")
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _("Ingelezen: %(created)s nieuw, %(updated)s bijgewerkt.") % {"created": created, "updated": updated},
        )
        return redirect("interventions:list")
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = register_import.parse(form.cleaned_data["file"], area=user.area)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                token = uuid.uuid4().hex
                if not any(row.errors for row in rows):
                    request.session[SESSION_KEY] = {"token": token, "rows": [row.as_session() for row in rows]}
    return render(
        request,
        "interventions/import.html",
        {
            "form": form,
            "rows": rows,
            "token": token,
            "problems": sum(1 for row in rows or [] if row.errors),
            "columns": register_import.COLUMNS,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
