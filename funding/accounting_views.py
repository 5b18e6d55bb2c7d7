"""Pages for accounting: spending reports, payments, the money overview and the SiSa export.

Parse, call a service or selector, render. Everything starts from what the user may see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from areas.models import Area, Municipality
from core import exports
from core.forms import add_service_errors
from core.money import cents

from . import accounting_selectors as selectors
from . import spending
from .accounting_forms import ReportCreateForm, ReportReviewForm, ReportSubmitForm, SisaForm, SpendingLineForm
from .models import Scheme, SpendingReportStatus

REPORT_COLUMNS = [
    (gettext_lazy("Aanvraag"), lambda r: r.application.reference),
    (gettext_lazy("Gebied"), lambda r: r.application.area.name),
    (gettext_lazy("Gemeente"), lambda r: r.application.area.municipality.name),
    (gettext_lazy("Regeling"), lambda r: r.application.scheme.name),
    (gettext_lazy("Jaar"), lambda r: r.year),
    (gettext_lazy("Eindverantwoording"), lambda r: _("Ja") if r.is_final else _("Nee")),
    (gettext_lazy("Status"), lambda r: r.get_status_display()),
    (gettext_lazy("Besteed (€)"), lambda r: cents(r.spent)),
    (gettext_lazy("Vastgesteld (€)"), lambda r: r.fixed_amount),
    (gettext_lazy("Terug te vorderen (€)"), lambda r: r.reclaim_amount),
    (gettext_lazy("Nog te betalen (€)"), lambda r: r.still_to_pay_amount),
]


@login_required
@require_http_methods(["GET", "POST"])
def report_list_view(request):
    user = request.user
    reports = selectors.report_list(user=user, filters=request.GET)
    export = request.GET.get("export")
    if export in exports.FORMATS:
        return exports.export_response(
            fmt=export,
            filename="verantwoordingen",
            header=[title for title, _getter in REPORT_COLUMNS],
            rows=([getter(r) for _title, getter in REPORT_COLUMNS] for r in reports.iterator(chunk_size=500)),
            title=_("Verantwoordingen"),
        )
    can_create = user.role == Role.PROGRAMME_BUREAU and user.area_id is not None
    form = None
    if can_create:
        form = ReportCreateForm(request.POST or None, applications=selectors.reportable_applications(user=user))
        if request.method == "POST" and form.is_valid():
            try:
                report = spending.spending_report_create(
                    application=form.cleaned_data["application"], year=form.cleaned_data["year"], actor=user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("De conceptverantwoording is aangemaakt. Vul nu per thema de besteding in.")
                )
                return redirect(report)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "funding/accounting/report_list.html",
        {
            "page": Paginator(reports, 50).get_page(request.GET.get("page")),
            "form": form,
            "statuses": SpendingReportStatus.choices,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def report_detail_view(request, pk):
    user = request.user
    report = selectors.report_get(user=user, pk=pk)
    can_edit = user.has_perm("funding.edit_spending_report", report)
    return render(
        request,
        "funding/accounting/report_detail.html",
        {
            "report": report,
            "lines": selectors.report_lines(user=user, report=report),
            "ledger": selectors.report_ledger_rows(user=user, report=report),
            "history": selectors.report_history(report=report),
            "can_edit_lines": can_edit and report.status == SpendingReportStatus.DRAFT,
            "can_reopen": can_edit and report.status == SpendingReportStatus.RETURNED,
            "can_review": user.has_perm("funding.review_spending_report", report)
            and report.status == SpendingReportStatus.SUBMITTED,
        },
    )


def _editable(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    if not request.user.has_perm("funding.edit_spending_report", report):
        raise PermissionDenied
    return report


@login_required
@require_http_methods(["GET", "POST"])
def report_line_view(request, pk, line_pk=None):
    report = _editable(request, pk)
    line = get_object_or_404(selectors.report_lines(user=request.user, report=report), pk=line_pk) if line_pk else None
    form = SpendingLineForm(request.POST or None, instance=line, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            spending.spending_line_save(
                report=report,
                actor=request.user,
                line=line,
                theme=data["theme"],
                intervention=data["intervention"],
                amount=data["amount"],
                explanation=data["explanation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De besteding is opgeslagen."))
            return redirect(report)
    return render(
        request,
        "funding/accounting/line_form.html",
        {"report": report, "form": form, "line": line, "editable": report.is_editable},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_line_delete_view(request, pk, line_pk):
    report = _editable(request, pk)
    line = get_object_or_404(selectors.report_lines(user=request.user, report=report), pk=line_pk)
    error = None
    if request.method == "POST":
        try:
            spending.spending_line_delete(line=line, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("De besteding is verwijderd."))
            return redirect(report)
    return render(request, "funding/accounting/line_delete.html", {"report": report, "line": line, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def report_submit_view(request, pk):
    report = _editable(request, pk)
    form = ReportSubmitForm(
        request.POST or None,
        endorsements=selectors.endorsement_choices(area=report.application.area, report=report),
    )
    if request.method == "POST" and form.is_valid():
        try:
            spending.spending_report_submit(
                report=report,
                actor=request.user,
                endorsement=form.cleaned_data["endorsement"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De verantwoording is ingediend bij het nationaal programmateam."))
            return redirect(report)
    return render(request, "funding/accounting/report_submit.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def report_review_view(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    if not request.user.has_perm("funding.review_spending_report", report):
        raise PermissionDenied
    form = ReportReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == ReportReviewForm.ACCEPT:
                spending.spending_report_accept(report=report, actor=request.user, comment=data["comment"])
                messages.success(request, _("De verantwoording is geaccepteerd."))
            else:
                spending.spending_report_return(report=report, actor=request.user, comment=data["comment"])
                messages.success(request, _("De verantwoording is teruggestuurd naar het programmabureau."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(report)
    return render(request, "funding/accounting/report_review.html", {"report": report, "form": form})


@login_required
@require_POST
def report_reopen_view(request, pk):
    report = _editable(request, pk)
    try:
        spending.spending_report_reopen(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De verantwoording is weer een concept."))
    return redirect(report)


# ---------------------------------------------------------------------------------------------
# Payments and the money overview


def _scheme_from(request, schemes: list[Scheme]) -> Scheme:
    code = request.GET.get("regeling")
    scheme = next((s for s in schemes if s.code == code), None) if code else next(iter(schemes), None)
    if scheme is None:
        raise Http404
    return scheme


@login_required
def payment_overview_view(request):
    user = request.user
    return render(
        request,
        "funding/accounting/payments.html",
        {
            "totals": selectors.municipality_payment_totals(user=user),
            "page": Paginator(selectors.payment_list(user=user).order_by("-paid_on", "pk"), 50).get_page(
                request.GET.get("page")
            ),
            "instalments": selectors.instalment_list(user=user).order_by("due_on")[:200],
        },
    )


@login_required
def money_overview_view(request, area_slug=None, cbs_code=None):
    user = request.user
    schemes = selectors.schemes_with_applications()
    scheme = _scheme_from(request, schemes)
    area = municipality = None
    if area_slug:
        area = get_object_or_404(Area.objects.visible_to(user), slug=area_slug)
        heading = area.name
    elif cbs_code:
        municipality = get_object_or_404(Municipality.objects.visible_to(user), cbs_code=cbs_code)
        if not user.sees_all_areas:
            # An area user sees its own area only, even when the municipality has two.
            area = user.area
        heading = municipality.name
    elif not user.sees_all_areas:
        area = user.area
        heading = area.name if area else ""
    else:
        heading = _("Nationaal")
    overview = selectors.money_overview(user=user, scheme=scheme, area=area, municipality=municipality)
    return render(
        request,
        "funding/accounting/money_overview.html",
        {
            "overview": overview,
            "heading": heading,
            "schemes": schemes,
            "municipalities": selectors.municipality_list(user=user, scheme=scheme) if user.sees_all_areas else [],
        },
    )


# ---------------------------------------------------------------------------------------------
# SiSa


def sisa_header(indicators) -> list:
    header = [
        _("Verstrekker"),
        _("Uitkeringscode"),
        _("Specifieke uitkering"),
        _("Juridische grondslag"),
        _("Ontvanger"),
        _("Gemeente"),
    ]
    for number, _indicator in enumerate(indicators, start=1):
        header += [
            _("Indicator %(n)s: code") % {"n": number},
            _("Indicator %(n)s: omschrijving") % {"n": number},
            _("Indicator %(n)s: aard controle") % {"n": number},
            _("Indicator %(n)s: waarde") % {"n": number},
        ]
    return [*header, _("Terugvordering (€)"), _("Gebaseerd op geaccepteerde verantwoordingen"), _("Codes illustratief")]


def sisa_lines(*, scheme: Scheme, year: int, indicators, municipalities=None):
    legal = selectors.sisa_legal_basis(scheme)
    first = indicators[0] if indicators else None
    illustrative = _("Ja") if any(i.is_illustrative for i in indicators) else _("Nee")
    for row in selectors.sisa_rows(scheme=scheme, year=year, municipalities=municipalities):
        line = [
            first.distributor if first else scheme.lead_ministry,
            first.grant_code if first else "",
            scheme.name,
            legal,
            row["municipality"].cbs_code,
            row["municipality"].name,
        ]
        for indicator, value in row["values"]:
            line += [indicator.code, indicator.label, indicator.control, value]
        yield [*line, row["reclaim"], ", ".join(row["reports"]), illustrative]


def sisa_scope(user):
    """The municipalities whose SiSa rows the user may download: all for the national team, the own
    municipality for the area's bureau and members; ministry reviewers none (the rows are not per theme)."""
    if user.role in (Role.NATIONAL_TEAM, Role.ADMIN) or user.is_superuser:
        return None
    if user.area_id is not None:
        return Municipality.objects.filter(pk=user.area.municipality_id)
    raise PermissionDenied(_("De SiSa-bijlage is voor de gemeente en het nationaal programmateam."))


@login_required
def sisa_view(request):
    user = request.user
    municipalities = sisa_scope(user)
    form = SisaForm(request.GET or None)
    rows = header = None
    if form.is_valid():
        scheme, year = form.cleaned_data["regeling"], form.cleaned_data["jaar"]
        code = request.GET.get("gemeente")
        if code:
            scoped = Municipality.objects.filter(cbs_code=code)
            if municipalities is not None:
                scoped = scoped.filter(pk__in=municipalities)
            if not scoped.exists():
                raise Http404
            municipalities = scoped
        indicators = selectors.sisa_indicators(scheme=scheme, year=year)
        header = sisa_header(indicators)
        lines = sisa_lines(scheme=scheme, year=year, indicators=indicators, municipalities=municipalities)
        export = request.GET.get("export")
        if export in exports.FORMATS:
            suffix = f"-{code}" if code else ""
            return exports.export_response(
                fmt=export, filename=f"sisa-{scheme.code}-{year}{suffix}", header=header, rows=lines, title="SiSa"
            )
        rows = list(lines)
    return render(
        request,
        "funding/accounting/sisa.html",
        {
            "form": form,
            "header": header,
            "rows": rows,
            "municipalities": municipalities if municipalities is not None else Municipality.objects.none(),
            "query": request.GET.urlencode(),
        },
    )
