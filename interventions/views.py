"""Pages: the area overview (filter, sort, search, paginate, export), the intervention with its outputs,
progress, funding mix and history, the forms that call the services, and the national library."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import add_service_errors
from core.pagination import page_of

from . import exports, selectors, services
from .filters import InterventionFilter
from .forms import (
    CompleteForm,
    ConfirmForm,
    InterventionForm,
    OtherFundingForm,
    OutputMeasureForm,
    ProgressUpdateForm,
    StopForm,
    TransitionForm,
)
from .models import OtherFunding, OutputMeasure
from .rules import can_add_intervention, can_copy_intervention, can_edit_intervention

PAGE_SIZE = 25


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _editable(request, pk: int):
    """The intervention to change: 404 outside the user's scope, 403 with a message without the right."""
    intervention = selectors.intervention_get(user=request.user, pk=pk)
    if not can_edit_intervention(request.user, intervention):
        raise PermissionDenied(
            _("Alleen het programmabureau van %(area)s kan deze interventie wijzigen.") % {"area": intervention.area}
        )
    return intervention


# ---------------------------------------------------------------------------------------------
# Area overview and exports


@login_required
def intervention_list_view(request):
    filterset = InterventionFilter(request.GET, queryset=selectors.intervention_list(user=request.user))
    interventions = filterset.qs
    page = page_of(interventions, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "interventions/intervention_list.html",
        {
            "filter": filterset,
            "page": page,
            "overview": selectors.area_overview(interventions=interventions, user=request.user),
            "query": _query_without_page(request),
            "can_add": can_add_intervention(request.user) and request.user.area_id is not None,
            "sort": request.GET.get("sort", ""),
        },
    )


@login_required
def intervention_export_view(request, fmt: str):
    filterset = InterventionFilter(request.GET, queryset=selectors.intervention_list(user=request.user))
    return exports.export_response(fmt=fmt, interventions=filterset.qs, user=request.user)


# ---------------------------------------------------------------------------------------------
# One intervention


@login_required
def intervention_detail_view(request, pk):
    intervention = selectors.intervention_get(user=request.user, pk=pk)
    can_edit = can_edit_intervention(request.user, intervention)
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "intervention": intervention,
            "can_edit": can_edit,
            "transitions": [
                (t.name, services.TRANSITION_TARGETS[t.name].label)
                for t in intervention.get_available_status_transitions()
                if t.name in services.TRANSITION_TARGETS
            ]
            if can_edit
            else [],
            **selectors.intervention_detail(intervention=intervention, user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervention_create_view(request):
    user = request.user
    if not can_add_intervention(user) or user.area_id is None:
        raise PermissionDenied(_("Alleen medewerkers van een programmabureau leggen interventies van hun gebied vast."))
    form = InterventionForm(request.POST or None, area=user.area)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = data.pop("partners")
        try:
            intervention = services.intervention_create(actor=user, area=user.area, fields=data, partners=partners)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De interventie is vastgelegd als idee."))
            return redirect(intervention)
    return render(
        request,
        "interventions/intervention_form.html",
        {"form": form, "title": _("Nieuwe interventie"), "cancel_url": "interventions:list"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervention_edit_view(request, pk):
    intervention = _editable(request, pk)
    form = InterventionForm(request.POST or None, instance=intervention, area=intervention.area)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partners = data.pop("partners")
        try:
            services.intervention_update(intervention=intervention, actor=request.user, fields=data, partners=partners)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(intervention)
    return render(
        request,
        "interventions/intervention_form.html",
        {"form": form, "intervention": intervention, "title": _("Interventie bewerken")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def intervention_transition_view(request, pk, name):
    intervention = _editable(request, pk)
    if name not in services.TRANSITIONS:
        raise Http404
    outputs = list(OutputMeasure.objects.filter(intervention=intervention).order_by("pk"))
    data = request.POST or None
    if name == "stop":
        form = StopForm(data)
    elif name == "complete":
        form = CompleteForm(data, outputs=outputs, initial={"end_date": intervention.end_date})
    else:
        form = TransitionForm(data)
    if request.method == "POST" and form.is_valid():
        params = {}
        if name == "stop":
            params["reason"] = form.cleaned_data["reason"]
        else:
            params["comment"] = form.cleaned_data["comment"]
        if name == "complete":
            params["end_date"] = form.cleaned_data["end_date"]
            params["actuals"] = form.actuals()
        try:
            services.intervention_transition(intervention=intervention, actor=request.user, name=name, **params)
        except ValidationError as error:
            if hasattr(error, "error_dict") and "actuals" in error.error_dict:
                form.add_error(None, error.message_dict.pop("actuals"))
                rest = {k: v for k, v in error.message_dict.items() if k != "actuals"}
                if rest:
                    add_service_errors(form, ValidationError(rest))
            else:
                add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("De status is gewijzigd naar ‘%(status)s’.") % {"status": services.TRANSITION_TARGETS[name].label},
            )
            return redirect(intervention)
    return render(
        request,
        "interventions/intervention_transition.html",
        {
            "intervention": intervention,
            "form": form,
            "name": name,
            "target": services.TRANSITION_TARGETS[name].label,
            "outputs": outputs,
        },
    )


def _part_form(request, *, intervention, form, save, success: str, title: str):
    """A form for one part of an intervention (progress, an output, other money): on a valid POST call
    `save(**cleaned_data)` (a service); a broken rule goes back onto the form, nothing is lost."""
    if request.method == "POST" and form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(intervention)
    return render(
        request, "interventions/intervention_form.html", {"form": form, "intervention": intervention, "title": title}
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_update_create_view(request, pk):
    intervention = _editable(request, pk)
    return _part_form(
        request,
        intervention=intervention,
        form=ProgressUpdateForm(request.POST or None),
        save=partial(services.progress_update_create, intervention=intervention, actor=request.user),
        success=_("De voortgangsrapportage is vastgelegd."),
        title=_("Voortgang rapporteren"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def output_measure_form_view(request, pk, output_pk=None):
    intervention = _editable(request, pk)
    output = get_object_or_404(OutputMeasure, intervention=intervention, pk=output_pk) if output_pk else None
    if output is None:
        save = partial(services.output_measure_create, intervention=intervention, actor=request.user)
    else:
        save = partial(services.output_measure_update, output=output, actor=request.user)
    return _part_form(
        request,
        intervention=intervention,
        form=OutputMeasureForm(request.POST or None, instance=output),
        save=save,
        success=_("De outputmaat is opgeslagen."),
        title=_("Outputmaat bewerken") if output else _("Outputmaat toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def other_funding_create_view(request, pk):
    intervention = _editable(request, pk)
    return _part_form(
        request,
        intervention=intervention,
        form=OtherFundingForm(request.POST or None),
        save=partial(services.other_funding_create, intervention=intervention, actor=request.user),
        success=_("De financiering is toegevoegd."),
        title=_("Overige financiering toevoegen"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def other_funding_delete_view(request, pk, funding_pk):
    intervention = _editable(request, pk)
    funding = get_object_or_404(OtherFunding, intervention=intervention, pk=funding_pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.other_funding_delete(funding=funding, actor=request.user)
        messages.success(request, _("De financiering is verwijderd."))
        return redirect(intervention)
    return render(
        request,
        "interventions/confirm.html",
        {
            "form": form,
            "intervention": intervention,
            "title": _("Financiering verwijderen"),
            "question": _("Wilt u ‘%(item)s’ verwijderen van deze interventie?") % {"item": funding},
            "button": _("Verwijderen"),
        },
    )


# ---------------------------------------------------------------------------------------------
# National library


@login_required
def library_list_view(request):
    filterset = InterventionFilter(request.GET, queryset=selectors.library_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "interventions/library_list.html",
        {"filter": filterset, "page": page, "query": _query_without_page(request), "sort": request.GET.get("sort", "")},
    )


@login_required
def library_detail_view(request, pk):
    intervention = selectors.library_get(pk=pk)
    return render(
        request,
        "interventions/library_detail.html",
        {
            "intervention": intervention,
            "outputs": selectors.library_outputs(intervention=intervention),
            "own_area": intervention.area_id == request.user.area_id,
            "can_copy": can_copy_intervention(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def library_copy_view(request, pk):
    source = selectors.library_get(pk=pk)
    if not can_copy_intervention(request.user):
        raise PermissionDenied(
            _("Alleen medewerkers van een programmabureau kunnen een interventie naar hun eigen gebied overnemen.")
        )
    if request.method == "POST":
        copy = services.intervention_copy(source=source, actor=request.user)
        messages.success(
            request,
            _("‘%(title)s’ is als idee overgenomen in %(area)s. Vul trekker, periode en begroting aan.")
            % {"title": copy.title, "area": request.user.area},
        )
        return redirect(copy)
    return render(request, "interventions/library_copy.html", {"intervention": source})
