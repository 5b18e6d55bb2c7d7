"""Admin for payments, the payment schedule, spending reports and SiSa indicators.

Every write goes through the accounting services (funding.payments, funding.spending): an add form
calls the service in its `clean`, so a refusal shows on the form with the rule's message and figures;
statuses are read-only and change only with the actions.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from areas.models import Municipality
from core.admin_base import ReadOnlyInline, ScopedAdmin

from . import accounting_selectors, models, payments, services, spending


def _messages(exc) -> str:
    return " ".join(exc.messages) if hasattr(exc, "messages") else str(exc)


class _ServiceForm(forms.ModelForm):
    """Runs the service in `clean` (inside the admin's transaction) and keeps what it made."""

    request = None
    result = None

    def call_service(self, data: dict):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            with transaction.atomic():
                self.result = self.call_service(data)
        except PermissionDenied as exc:
            raise ValidationError(str(exc)) from exc
        return data

    def _post_clean(self):
        """The service validates (and saves); the model's own validation would only repeat it."""


def _granted_applications(request):
    return (
        models.Application.objects.visible_to(request.user)
        .filter(status__in=accounting_selectors.GRANTED_STATUSES)
        .select_related("area")
        .order_by("area__name", "reference")
    )


class PaymentInstalmentForm(_ServiceForm):
    application = forms.ModelChoiceField(label=_("aanvraag"), queryset=models.Application.objects.none())

    class Meta:
        model = models.PaymentInstalment
        fields = ["year", "amount", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = _granted_applications(self.request)
        if self.instance.pk:
            self.fields["application"].initial = self.instance.grant_decision.application_id

    def call_service(self, data):
        return payments.payment_instalment_save(
            application=data["application"],
            actor=self.request.user,
            year=data["year"],
            amount=data["amount"],
            due_on=data["due_on"],
            instalment=self.instance if self.instance.pk else None,
        )


class PaymentForm(_ServiceForm):
    application = forms.ModelChoiceField(label=_("aanvraag"), queryset=models.Application.objects.none())
    municipality = forms.ModelChoiceField(
        label=_("gemeente"),
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Leeg: de gemeente van het gebied."),
    )

    class Meta:
        model = models.Payment
        fields = ["amount", "paid_on", "reference"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = _granted_applications(self.request)

    def call_service(self, data):
        return payments.payment_record(
            application=data["application"],
            actor=self.request.user,
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
            municipality=data.get("municipality"),
        )


class _ServiceAdmin(ScopedAdmin):
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    def service_create(self, request, obj, form):
        """The service ran in the form's `clean` (so its refusal shows on the form); this is what it made."""
        return form.result


@admin.register(models.PaymentInstalment)
class PaymentInstalmentAdmin(_ServiceAdmin):
    form = PaymentInstalmentForm
    list_display = ["grant_decision", "year", "amount", "due_on"]
    list_filter = ["year", "grant_decision__application__scheme"]
    list_select_related = ["grant_decision"]
    fields = ["application", "year", "amount", "due_on"]

    def service_delete(self, request, obj):
        payments.payment_instalment_delete(instalment=obj, actor=request.user)


@admin.register(models.Payment)
class PaymentAdmin(_ServiceAdmin):
    """Payments are added (never changed); the service refuses more than granted or another municipality."""

    form = PaymentForm
    list_display = ["paid_on", "municipality", "grant_decision", "amount", "reference", "recorded_by"]
    list_filter = ["year", "municipality"]
    list_select_related = ["municipality", "grant_decision", "recorded_by"]
    search_fields = ["reference", "municipality__name", "grant_decision__reference"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["application", "municipality", "amount", "paid_on", "reference"]
        return [
            "grant_decision",
            "municipality",
            "year",
            "amount",
            "paid_on",
            "reference",
            "recorded_by",
            "recorded_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj else []


class SpendingLineInline(ReadOnlyInline):
    model = models.SpendingLine
    fields = ["theme", "intervention", "amount", "explanation"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).select_related("theme", "intervention")


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Wat moet er anders?"), widget=forms.Textarea(attrs={"rows": 4}))


@admin.register(models.SpendingReport)
class SpendingReportAdmin(ScopedAdmin):
    """Reports are drafted by the bureau in the pages; here the national team accepts or returns them."""

    list_display = ["application", "year", "status", "is_final", "fixed_amount", "reclaim_amount"]
    list_filter = ["status", "year", "is_final", "application__scheme"]
    list_select_related = ["application__area"]
    search_fields = ["application__reference", "application__area__name"]
    inlines = [SpendingLineInline]
    fields = [
        "application",
        "year",
        "is_final",
        "status",
        "endorsement",
        "submitted_at",
        "review_comment",
        "accepted_by",
        "accepted_at",
        "eligible_amount",
        "paid_amount",
        "fixed_amount",
        "reclaim_amount",
        "still_to_pay_amount",
    ]
    readonly_fields = fields
    actions = ["accept", "return_to_bureau"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm("funding.review_spending_report")

    @admin.action(
        description=_("Accepteren (eindverantwoording: vaststellen en terugvordering berekenen)"),
        permissions=["review"],
    )
    def accept(self, request, queryset):
        for report in queryset:
            try:
                spending.spending_report_accept(report=report, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{report}: {_messages(exc)}", messages.ERROR)
            else:
                self.message_user(request, _("%(report)s is geaccepteerd.") % {"report": report})

    @admin.action(description=_("Terugsturen met opmerkingen"), permissions=["review"])
    def return_to_bureau(self, request, queryset):
        form = ReturnForm(request.POST if "comment" in request.POST else None)
        if form.is_bound and form.is_valid():
            for report in queryset:
                try:
                    spending.spending_report_return(
                        report=report, actor=request.user, comment=form.cleaned_data["comment"]
                    )
                except (ValidationError, PermissionDenied) as exc:
                    self.message_user(request, f"{report}: {_messages(exc)}", messages.ERROR)
                else:
                    self.message_user(request, _("%(report)s is teruggestuurd.") % {"report": report})
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Verantwoordingen terugsturen"),
            "reports": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/funding/spendingreport/return.html", context)


@admin.register(models.SisaIndicator)
class SisaIndicatorAdmin(ScopedAdmin):
    """The SiSa codes per scheme and year, set yearly by the ministry; the reference data are illustrative."""

    list_display = ["scheme", "year", "code", "label", "control", "measure", "theme", "is_illustrative"]
    list_filter = ["scheme", "year", "is_illustrative", "measure"]
    list_editable = []
    search_fields = ["code", "label"]
    list_select_related = ["scheme", "theme"]
    readonly_fields = ["is_illustrative"]

    def service_create(self, request, obj, form):
        return services.sisa_indicator_save(indicator=obj, actor=request.user)

    def service_update(self, request, obj, form):
        return services.sisa_indicator_save(indicator=obj, actor=request.user)

    def service_delete(self, request, obj):
        services.sisa_indicator_delete(indicator=obj, actor=request.user)
