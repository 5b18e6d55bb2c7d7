"""The programme bureau's pages for applications: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core import exports
from core.forms import add_service_errors
from core.money import cents

from . import selectors, services
from .filters import ApplicationFilter
from .forms import AnswerForm, ApplicationCreateForm, ApplicationLineForm, CommentForm, SubmitForm
from .models import ApplicationLine, ApplicationStatus, GrantDecision, Scheme

EXPORT_HEADER = [
    gettext_lazy("Kenmerk"),
    gettext_lazy("Gebied"),
    gettext_lazy("Gemeente"),
    gettext_lazy("CBS-code"),
    gettext_lazy("Regeling"),
    gettext_lazy("Status"),
    gettext_lazy("Ingediend op"),
    gettext_lazy("Aangevraagd (€)"),
    gettext_lazy("Toegekend (€)"),
]
_DECIDED = {ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED, ApplicationStatus.REJECTED}
_NO_SUMS = (None, None)


def _export_rows(applications):
    """One query of plain values with the names joined, and the requested and granted money of all the
    lines summed in one grouped query merged by id (not two subqueries per row); labels looked up once."""
    sums = {
        pk: (requested, granted)
        for pk, requested, granted in ApplicationLine.objects.filter(
            application__in=applications.order_by().values("pk")
        )
        .order_by()
        .values_list("application")
        .annotate(requested=Sum("amount"), granted=Sum("granted_amount"))
    }
    statuses = exports.choice_labels(ApplicationStatus.choices)
    values = applications.values_list(
        "pk",
        "reference",
        "area__name",
        "area__municipality__name",
        "area__municipality__cbs_code",
        "scheme__name",
        "status",
        # the day in Amsterdam, as the list page shows it (a date is cheaper to read than a moment)
        TruncDate("submitted_at"),
    )
    for pk, reference, area, municipality, cbs_code, scheme, status, submitted_on in values.iterator(chunk_size=500):
        requested, granted = sums.get(pk, _NO_SUMS)
        yield [
            reference,
            area,
            municipality,
            cbs_code,
            scheme,
            statuses.get(status, status),
            submitted_on.isoformat() if submitted_on else "",
            cents(requested),
            cents(granted) if status in _DECIDED else "",
        ]


def _export(applications, fmt: str):
    """All rows of the list (not one page), streamed (CSV) or written row by row (Excel)."""
    return exports.export_response(
        fmt=fmt, filename="aanvragen", header=EXPORT_HEADER, rows=_export_rows(applications), title=_("Aanvragen")
    )


@login_required
def application_list_view(request):
    search = request.GET.get("q", "").strip()
    ordering = request.GET.get("sort", "")
    filterset = ApplicationFilter(request.GET, queryset=selectors.application_list(user=request.user).none())
    applications = selectors.application_list(user=request.user, filters=request.GET, search=search, ordering=ordering)
    export = request.GET.get("export")
    if export in exports.FORMATS:
        return _export(applications, export)
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    user = request.user
    return render(
        request,
        "funding/application_list.html",
        {
            "page": page,
            "search": search,
            "ordering": ordering,
            "filter_form": filterset.form,
            "schemes": Scheme.objects.order_by("-first_year"),
            "statuses": ApplicationStatus.choices,
            "can_create": user.area_id is not None and user.has_perm("funding.create_application", user.area),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def application_detail_view(request, pk):
    application = selectors.application_get(user=request.user, pk=pk)
    ceilings = selectors.ceiling_rows_for(
        user=request.user, rows=selectors.ceiling_overview(area=application.area, scheme=application.scheme)
    )
    can_edit = request.user.has_perm("funding.edit_application", application)
    decision = GrantDecision.objects.filter(application=application).first()
    return render(
        request,
        "funding/application_detail.html",
        {
            "application": application,
            "lines": selectors.with_recommendation_labels(
                selectors.application_lines(user=request.user, application=application)
            ),
            "ceilings": ceilings,
            "ceiling_totals": selectors.ceiling_totals(ceilings),
            "history": selectors.application_history(application=application),
            "information_requests": selectors.information_requests(application=application),
            "decision": decision,
            "can_edit_lines": can_edit and application.is_editable,
            "can_submit": can_edit and application.status == ApplicationStatus.DRAFT,
            "can_withdraw": can_edit and application.status in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED),
            "can_answer": can_edit and application.status == ApplicationStatus.INFO_REQUESTED,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_create_view(request):
    user = request.user
    if user.area_id is None or not user.has_perm("funding.create_application", user.area):
        raise PermissionDenied
    form = ApplicationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(area=user.area, scheme=form.cleaned_data["scheme"], actor=user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De conceptaanvraag is aangemaakt. Voeg nu de regels toe."))
            return redirect(application)
    return render(request, "funding/application_create.html", {"form": form})


def _editable(request, pk):
    application = selectors.application_get(user=request.user, pk=pk)
    if not request.user.has_perm("funding.edit_application", application):
        raise PermissionDenied
    return application


def _warn_about_ceilings(request, application) -> None:
    for warning in services.ceiling_warnings(application=application):
        messages.warning(request, _("Let op, indienen lukt zo niet: %(warning)s") % {"warning": warning})


@login_required
@require_http_methods(["GET", "POST"])
def line_edit_view(request, pk, line_pk=None):
    application = _editable(request, pk)
    line = selectors.application_line_get(user=request.user, application=application, pk=line_pk) if line_pk else None
    form = ApplicationLineForm(request.POST or None, instance=line, application=application)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.application_line_save(
                application=application,
                actor=request.user,
                line=line,
                theme=data["theme"],
                year=data["year"],
                amount=data["amount"],
                description=data["description"],
                partners=data["partners"],
                school_share_in_area=data["school_share_in_area"],
                interventions=data["interventions"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De regel is opgeslagen."))
            _warn_about_ceilings(request, application)
            return redirect(application)
    ceilings = selectors.ceiling_overview(area=application.area, scheme=application.scheme)
    return render(
        request,
        "funding/line_form.html",
        {
            "application": application,
            "form": form,
            "line": line,
            "ceilings": ceilings,
            "editable": application.is_editable,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_delete_view(request, pk, line_pk):
    application = _editable(request, pk)
    line = selectors.application_line_get(user=request.user, application=application, pk=line_pk)
    error = None
    if request.method == "POST":
        try:
            services.application_line_delete(line=line, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("De regel is verwijderd."))
            return redirect(application)
    return render(
        request, "funding/line_confirm_delete.html", {"application": application, "line": line, "error": error}
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_submit_view(request, pk):
    application = _editable(request, pk)
    endorsements = selectors.endorsement_choices(area=application.area, application=application)
    chosen = request.GET.get("besluit", "")
    initial = {"endorsement": int(chosen)} if chosen.isdigit() else {}
    form = SubmitForm(request.POST or None, endorsements=endorsements, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                application=application,
                actor=request.user,
                endorsement=form.cleaned_data["endorsement"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De aanvraag is ingediend. De beoordelaars krijgen hierover een e-mail."))
            return redirect(application)
    ceilings = selectors.ceiling_overview(area=application.area, scheme=application.scheme)
    return render(
        request,
        "funding/application_submit.html",
        {
            "application": application,
            "form": form,
            "ceilings": ceilings,
            "ceiling_totals": selectors.ceiling_totals(ceilings),
            "guide": selectors.endorsement_guide(application=application),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw_view(request, pk):
    application = _editable(request, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(
                application=application, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De aanvraag is ingetrokken."))
            return redirect(application)
    return render(request, "funding/application_withdraw.html", {"application": application, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def information_answer_view(request, pk, request_pk):
    application = _editable(request, pk)
    info = get_object_or_404(selectors.information_requests(application=application), pk=request_pk)
    form = AnswerForm(request.POST or None, instance=info)
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_answer(request=info, actor=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uw antwoord is verstuurd en de aanvraag is opnieuw ingediend."))
            return redirect(application)
    return render(request, "funding/information_answer.html", {"application": application, "info": info, "form": form})


@login_required
def decision_letter_view(request, pk):
    decision = selectors.decision_get(user=request.user, pk=pk)
    if not request.user.has_perm("funding.download_letter", decision):
        raise Http404
    decision = services.decision_letter_generate(decision=decision)
    return FileResponse(
        decision.letter.open("rb"),
        as_attachment=True,
        filename=f"beschikking-{decision.reference}.pdf",
        content_type="application/pdf",
    )
