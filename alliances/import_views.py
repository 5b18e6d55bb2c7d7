"""The page for bringing an existing member list in from Excel (see register_import.py)."""

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

from . import register_import, selectors
from .rules import can_manage_alliance

SESSION_KEY = "member-import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel-bestand met de ledenlijst"),
        help_text=gettext_lazy("Gebruik het sjabloon: de kolommen in deze volgorde, één lid per rij."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )


def _alliance(request, slug):
    alliance = selectors.alliance_get(user=request.user, slug=slug)
    if not can_manage_alliance(request.user, alliance):
        raise PermissionDenied(_("Alleen het programmabureau van het gebied leest een ledenlijst in."))
    return alliance


@login_required
def member_import_template_view(request, slug):
    _alliance(request, slug)
    response = HttpResponse(register_import.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="leden-sjabloon.xlsx"'
    return response


@login_required
def member_import_view(request, slug):
    """Upload → preview with every row's problems (the real rules, rolled back) → confirm, all or nothing."""
    alliance = _alliance(request, slug)
    rows, token, form = None, None, UploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY) or {}
        if stored.get("token") != request.POST.get("confirm") or stored.get("alliance") != alliance.pk:
            messages.error(request, _("Deze voorvertoning is verlopen; lees het bestand opnieuw in."))
            return redirect("member-import", slug=slug)
        try:
            created, updated = register_import.register_import(
                rows=register_import.from_session(stored["rows"]), alliance=alliance, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("member-import", slug=slug)
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _("Ingelezen: %(created)s nieuw, %(updated)s bijgewerkt.") % {"created": created, "updated": updated},
        )
        return redirect("alliance-detail", slug=slug)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = register_import.parse(form.cleaned_data["file"], alliance=alliance)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                rows = register_import.preview(rows, alliance=alliance, actor=request.user)
                token = uuid.uuid4().hex
                if not any(row.errors for row in rows):
                    request.session[SESSION_KEY] = {
                        "token": token,
                        "alliance": alliance.pk,
                        "rows": register_import.to_session(rows),
                    }
    return render(
        request,
        "alliances/member_import.html",
        {
            "form": form,
            "alliance": alliance,
            "rows": rows,
            "token": token,
            "problems": sum(1 for row in rows or [] if row.errors),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
