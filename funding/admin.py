from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from core.admin_base import ReadOnlyInline, ScopedAdmin
from core.admin_display import AreaSearchFilter, money
from core.forms import MoneyField
from core.money import MoneyParseError, euro, money_input, parse_money

from . import models, selectors, services
from .admin_workplace import ToAdviseFilter, line_context


class ThemeFilter(admin.SimpleListFilter):
    """Filter by theme, offering only the themes the user reviews (a ministry's own), named with the scheme."""

    title = _("thema")
    parameter_name = "theme"
    field_path = "theme"

    def lookups(self, request, model_admin):
        return [
            (theme.pk, f"{theme.name} ({theme.scheme.name})")
            for theme in selectors.theme_filter_choices(user=request.user)
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.field_path}_id": value})
        return queryset


class LineThemeFilter(ThemeFilter):
    field_path = "line__theme"


# Schemes, themes, legal bases, ceilings and SiSa indicators are reference data loaded from
# `funding/data` (`load_reference_data`): the admin shows them and writes nothing (no services named).


class LegalBasisInline(ReadOnlyInline):
    model = models.LegalBasis
    show_change_link = False


class ThemeInline(ReadOnlyInline):
    model = models.Theme


@admin.register(models.Scheme)
class SchemeAdmin(ScopedAdmin):
    list_display = ["name", "lead_ministry", "first_year", "last_year", "total_budget"]
    search_fields = ["name", "code"]
    inlines = [ThemeInline, LegalBasisInline]


@admin.register(models.Theme)
class ThemeAdmin(ScopedAdmin):
    list_display = ["name", "scheme", "ministry", "budget", "is_integral"]
    list_filter = ["scheme", "ministry"]
    search_fields = ["name", "code"]


@admin.register(models.Ceiling)
class CeilingAdmin(ScopedAdmin):
    list_display = ["area", "theme", "amount", "is_illustrative"]
    list_filter = ["theme__scheme", "theme", "is_illustrative"]
    search_fields = ["area__name", "theme__name"]
    list_select_related = ["area", "theme"]


class ApplicationLineInline(ReadOnlyInline):
    """Read-only: lines are written in the pages and the API (or by an admin on a draft's line page)."""

    model = models.ApplicationLine
    fields = ["theme", "year", "amount", "description", "granted_amount"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).select_related("theme", "application__area")


class InformationRequestInline(ReadOnlyInline):
    model = models.InformationRequest
    fields = ["question", "deadline", "asked_by", "asked_at", "answer", "answered_at"]
    readonly_fields = fields
    show_change_link = False


def _history_table(application) -> str:
    steps = selectors.application_history(application=application)
    if not steps:
        return "—"
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                date_format(localtime(step.at), "j F Y H:i"),
                step.actor.get_full_name() or step.actor.username if step.actor else "—",
                step.source_label,
                step.target_label,
                step.comment or "—",
            )
            for step in steps
        ),
    )
    return format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
        _("Wanneer"),
        _("Door"),
        _("Van"),
        _("Naar"),
        _("Toelichting"),
        rows,
    )


@admin.register(models.Application)
class ApplicationAdmin(ScopedAdmin):
    """Applications. Everything is read-only here (no services named); the work is done by the actions."""

    list_display = ["reference", "area", "scheme", "status", "submitted_at"]
    list_filter = ["scheme", "status", AreaSearchFilter]
    search_fields = ["reference", "area__name"]
    list_select_related = ["area", "scheme"]
    inlines = [ApplicationLineInline, InformationRequestInline]
    fields = ["reference", "area", "scheme", "status", "endorsement", "created_by", "submitted_at", "history"]
    readonly_fields = fields
    actions = ["start_review", "decide"]

    @admin.display(description=_("statusgeschiedenis (wie, wanneer, van, naar, waarom)"))
    def history(self, obj):
        return _history_table(obj)

    def has_start_review_permission(self, request) -> bool:
        return request.user.has_perm("funding.start_review")

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("funding.decide_application")

    @admin.action(description=_("Beoordeling starten (ingediend → in beoordeling)"), permissions=["start_review"])
    def start_review(self, request, queryset):
        self.run_per_object(
            request,
            queryset,
            lambda application: services.application_start_review(application=application, actor=request.user),
            done_message=_("%(n)s aanvraag/aanvragen in beoordeling."),
        )

    @admin.action(description=_("Besluiten (beschikking, vier ogen)"), permissions=["decide"])
    def decide(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Kies precies één aanvraag om over te besluiten."), messages.WARNING)
            return None
        return redirect("admin:funding_application_decide", queryset.get().pk)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/besluiten/",
                self.admin_site.admin_view(self.decide_view),
                name="funding_application_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        """Per line the latest advice and the amount to grant; the service checks four eyes and the rest."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        application = get_object_or_404(self.get_queryset(request), pk=object_id)
        lines = selectors.with_recommendation_labels(
            selectors.application_lines(user=request.user, application=application)
        )
        reviewers = {
            r.line_id: r.reviewer
            for r in models.Review.objects.filter(line__application=application)
            .select_related("reviewer")
            .order_by("created_at", "pk")
        }
        errors: list[str] = []
        for line in lines:
            line.reviewer = reviewers.get(line.pk)
            posted = request.POST.get(f"granted-{line.pk}")
            advised = money_input(line.recommended_amount)
            line.granted_input = advised if posted is None else posted
        if request.method == "POST":
            granted = {}
            for line in lines:
                raw = (request.POST.get(f"granted-{line.pk}") or "").strip()
                if raw:
                    try:
                        granted[line.pk] = parse_money(raw)
                    except MoneyParseError:
                        errors.append(_("%(line)s: geen geldig bedrag.") % {"line": f"{line.theme.name} {line.year}"})
            if not errors:
                try:
                    decision = services.application_decide(
                        application=application,
                        actor=request.user,
                        granted=granted or None,
                        comment=request.POST.get("comment", ""),
                    )
                except (ValidationError, PermissionDenied) as exc:
                    errors.append(_messages(exc))
                else:
                    self.message_user(
                        request,
                        _("Besloten: %(outcome)s, %(total)s (%(ref)s).")
                        % {
                            "outcome": decision.get_outcome_display().lower(),
                            "total": euro(decision.total_granted),
                            "ref": decision.reference,
                        },
                    )
                    return redirect("admin:funding_application_change", application.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Besluiten over %(ref)s") % {"ref": application.reference},
            "application": application,
            "lines": lines,
            "errors": errors,
            "comment": request.POST.get("comment", ""),
            "reviewed_by_me": request.user.pk in selectors.reviewers_of(application=application),
        }
        return TemplateResponse(request, "admin/funding/application/decide.html", context)


class ApplicationLineAdminForm(forms.ModelForm):
    class Meta:
        model = models.ApplicationLine
        fields = [
            "application",
            "theme",
            "year",
            "amount",
            "description",
            "interventions",
            "partners",
            "school_share_in_area",
        ]


@admin.register(models.ApplicationLine)
class ApplicationLineAdmin(ScopedAdmin):
    """A ministry reviewer's workplace: its own themes' lines in every area, with filters and the advice action."""

    form = ApplicationLineAdminForm
    list_display = [
        "application",
        "area",
        "theme",
        "year",
        money("amount", _("aangevraagd")),
        "status",
        "advice",
        money("granted_amount", _("toegekend")),
    ]
    # Opens on "to advise" for reviewers and the national team; areas are searched, never listed.
    list_filter = [
        ToAdviseFilter,
        "application__scheme",
        "application__status",
        ThemeFilter,
        AreaSearchFilter.for_path("application__area"),
    ]
    change_form_template = "admin/funding/applicationline/change_form_context.html"
    search_fields = ["application__reference", "application__area__name", "description"]
    list_select_related = ["application__area", "theme"]
    readonly_fields = ["granted_amount", "latest_advice"]
    actions = ["recommend"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The line's page shows its context beside the advice form (see `admin_workplace.line_context`)."""
        extra_context = dict(extra_context or {})
        if object_id:
            line = self.get_queryset(request).filter(pk=object_id).select_related("application__area", "theme").first()
            if line is not None:
                extra_context["line_context"] = line_context(line, user=request.user)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        latest = models.Review.objects.filter(line=OuterRef("pk")).order_by("-created_at", "-pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                latest_recommendation=Subquery(latest.values("recommendation")[:1]),
                latest_amount=Subquery(latest.values("recommended_amount")[:1]),
            )
        )

    @admin.display(description=_("gebied"), ordering="application__area__name")
    def area(self, obj):
        return obj.application.area.name

    @admin.display(description=_("status aanvraag"), ordering="application__status")
    def status(self, obj):
        return obj.application.get_status_display()

    @admin.display(description=_("advies"))
    def advice(self, obj):
        if not getattr(obj, "latest_recommendation", None):
            return "—"
        label = models.Recommendation(obj.latest_recommendation).label
        return f"{label} ({euro(obj.latest_amount)})" if obj.latest_amount is not None else label

    @admin.display(description=_("laatste advies"))
    def latest_advice(self, obj):
        return self.advice(obj)

    def has_change_permission(self, request, obj=None) -> bool:
        # Also for superusers (to whom every permission says yes): a submitted application's lines are frozen.
        return super().has_change_permission(request, obj) and (obj is None or obj.application.is_editable)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or obj.application.is_editable)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "application"] if obj is not None else fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "interventions":
            kwargs["queryset"] = db_field.related_model.objects.visible_to(request.user).select_related("area")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def service_create(self, request, obj, form):
        """Lines of a draft, interventions included: the service refuses another area's interventions."""
        data = form.cleaned_data
        return services.application_line_save(
            application=data.get("application") or obj.application,
            actor=request.user,
            line=None if obj.pk is None else obj,
            theme=data["theme"],
            year=data["year"],
            amount=data["amount"],
            description=data["description"],
            partners=data.get("partners", ""),
            school_share_in_area=data.get("school_share_in_area"),
            interventions=data.get("interventions"),
        )

    service_update = service_create

    def service_delete(self, request, obj):
        services.application_line_delete(line=obj, actor=request.user)

    def has_recommend_permission(self, request) -> bool:
        return request.user.has_perm("funding.add_review")

    @admin.action(description=_("Advies vastleggen voor de gekozen regels"), permissions=["recommend"])
    def recommend(self, request, queryset):
        form = RecommendForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done = 0
            for line in queryset.select_related("application", "theme"):
                try:
                    services.review_record(
                        line=line,
                        actor=request.user,
                        recommendation=form.cleaned_data["recommendation"],
                        reason=form.cleaned_data["reason"],
                    )
                except (ValidationError, PermissionDenied) as exc:
                    self.message_user(request, f"{line}: {_messages(exc)}", messages.ERROR)
                else:
                    done += 1
            if done:
                self.message_user(request, _("Advies vastgelegd voor %(n)s regel(s).") % {"n": done})
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Advies vastleggen"),
            "lines": queryset.select_related("application__area", "theme"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/funding/applicationline/recommend.html", context)


class RecommendForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Advies"),
        choices=[
            (models.Recommendation.GRANT_FULL, models.Recommendation.GRANT_FULL.label),
            (models.Recommendation.REJECT, models.Recommendation.REJECT.label),
        ],
        help_text=_("Een ander bedrag adviseert u per regel via 'Beoordeling toevoegen'."),
    )
    reason = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))


def _messages(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


class ReviewAdminForm(forms.ModelForm):
    class Meta:
        model = models.Review
        fields = ["line", "recommendation", "recommended_amount", "reason"]
        field_classes = {"recommended_amount": MoneyField}

    def clean(self):
        data = super().clean()
        line = data.get("line")
        if line is not None and data.get("recommendation") and not self.errors:
            try:
                services.review_check(
                    line=line,
                    actor=self.request.user,
                    recommendation=data["recommendation"],
                    reason=data.get("reason", ""),
                    recommended_amount=data.get("recommended_amount"),
                )
            except PermissionDenied as exc:
                raise ValidationError(str(exc)) from exc
        return data


@admin.register(models.Review)
class ReviewAdmin(ScopedAdmin):
    """Recommendations. Added through this form (restricted to the lines the reviewer may advise on), never changed."""

    form = ReviewAdminForm
    list_display = ["line", "reviewer", "recommendation", "recommended_amount", "created_at"]
    list_filter = [
        "recommendation",
        LineThemeFilter,
        "line__application__scheme",
        AreaSearchFilter.for_path("line__application__area"),
    ]
    list_select_related = ["line__theme", "line__application__area", "reviewer"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "line":
            kwargs["queryset"] = selectors.reviewable_lines(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["line", "reviewer", "recommendation", "recommended_amount", "reason", "created_at"] if obj else []

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.review_record(
            line=data["line"],
            actor=request.user,
            recommendation=data["recommendation"],
            recommended_amount=data.get("recommended_amount"),
            reason=data["reason"],
        )


class InformationRequestAdminForm(forms.ModelForm):
    class Meta:
        model = models.InformationRequest
        fields = ["application", "question", "deadline"]

    def clean(self):
        data = super().clean()
        if data.get("application") is not None and not self.errors:
            try:
                services.information_request_check(
                    application=data["application"],
                    actor=self.request.user,
                    question=data.get("question", ""),
                    deadline=data.get("deadline"),
                )
            except PermissionDenied as exc:
                raise ValidationError(str(exc)) from exc
        return data


@admin.register(models.InformationRequest)
class InformationRequestAdmin(ScopedAdmin):
    """Questions to the programme bureau; asking one puts the application in 'information requested'."""

    form = InformationRequestAdminForm
    list_display = ["application", "deadline", "asked_by", "answered_at"]
    list_select_related = ["application__area", "asked_by"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "application":
            kwargs["queryset"] = selectors.questionable_applications(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return (
            ["application", "question", "deadline", "asked_by", "asked_at", "answer", "answered_by", "answered_at"]
            if obj
            else []
        )

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.information_request_create(
            application=data["application"], actor=request.user, question=data["question"], deadline=data["deadline"]
        )


@admin.register(models.GrantDecision)
class GrantDecisionAdmin(ScopedAdmin):
    """Decisions are made with the action on the application; here they are read, with the letter."""

    list_display = ["reference", "application", "outcome", "total_granted", "decided_by", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["application__area", "decided_by"]
    fields = ["reference", "application", "outcome", "total_granted", "decided_by", "decided_at", "letter_link"]
    readonly_fields = fields

    @admin.display(description=_("beschikkingsbrief"))
    def letter_link(self, obj):
        url = reverse("funding:decision-letter", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF downloaden"))


# Payments, spending reports and SiSa indicators: funding/accounting_admin.py (calls the accounting services).
from . import accounting_admin  # noqa: E402, F401
