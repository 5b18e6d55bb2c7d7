import json

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from core.admin_base import ReadOnlyInline, ScopedAdmin, ServiceInline, changed
from core.admin_display import AreaSearchFilter
from core.documents import validate_document

from . import exports, models, services


@admin.register(models.Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "kind", "area", "ministry"]
    list_filter = ["kind", "ministry"]
    search_fields = ["name"]
    list_select_related = ["area"]
    autocomplete_fields = ["area"]

    def service_create(self, request, obj, form):
        return services.organisation_save(organisation=obj, actor=request.user)

    service_update = service_create


@admin.register(models.Person)
class PersonAdmin(ScopedAdmin):
    list_display = ["name", "area", "anonymised_at"]
    search_fields = ["name", "email"]
    list_select_related = ["area"]
    autocomplete_fields = ["area", "user"]
    readonly_fields = ["anonymised_at"]
    actions = ["export_json", "export_excel", "anonymise"]

    def service_create(self, request, obj, form):
        return services.person_save(person=obj, actor=request.user)

    service_update = service_create

    @admin.action(description=_("Exporteer alles wat over deze persoon is opgeslagen (JSON)"), permissions=["view"])
    def export_json(self, request, queryset):
        data = [services.person_export(person=person) for person in queryset.select_related("area", "user")]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
        return response

    @admin.action(description=_("Exporteer alles wat over deze persoon is opgeslagen (Excel)"), permissions=["view"])
    def export_excel(self, request, queryset):
        workbook = Workbook(write_only=True)
        exported = [services.person_export(person=person) for person in queryset.select_related("area", "user")]
        for section in ("persoon", "lidmaatschappen", "aanwezigheid", "historie"):
            sheet = workbook.create_sheet(title=section)
            rows = []
            for data in exported:
                rows += [data[section]] if isinstance(data[section], dict) else data[section]
            if rows:
                sheet.append(list(rows[0]))
                for row in rows:
                    sheet.append(["" if value is None else value for value in row.values()])
        return exports.workbook_response(workbook, filename="persoonsgegevens")

    @admin.action(
        description=_("Anonimiseer (naam en contactgegevens wissen, ook in de historie)"), permissions=["change"]
    )
    def anonymise(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/alliances/person/anonymise_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Personen anonimiseren"),
                    "people": queryset,
                    "opts": self.opts,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        self.run_per_object(
            request,
            queryset,
            lambda person: services.person_anonymise(person=person, actor=request.user),
            done_message=_("%(n)s persoon/personen geanonimiseerd."),
        )
        return None


class MembershipInline(ReadOnlyInline):
    """Read-only here: a seat is changed on its own page, where the composition rules are checked."""

    model = models.Membership
    fields = ["person", "role", "organisation", "start_date", "end_date"]
    readonly_fields = fields


@admin.register(models.Alliance)
class AllianceAdmin(ScopedAdmin):
    list_display = ["name", "area", "resident_seats", "quorum_rule"]
    search_fields = ["name", "area__name"]
    list_select_related = ["area"]
    inlines = [MembershipInline]
    readonly_fields = ["area", "name", "established_on"]

    def service_update(self, request, obj, form):
        data = form.cleaned_data
        return services.alliance_update(
            alliance=obj, actor=request.user, resident_seats=data["resident_seats"], quorum_rule=data["quorum_rule"]
        )


class MembershipAdminForm(forms.ModelForm):
    succession = forms.BooleanField(
        label=_("Opvolger van de huidige voorzitter of rijksvertegenwoordiger"),
        required=False,
        help_text=_("Bij toevoegen: de termijn van de huidige eindigt op de dag vóór ‘lid vanaf’."),
    )

    class Meta:
        model = models.Membership
        fields = [
            "alliance",
            "person",
            "organisation",
            "role",
            "is_mayor",
            "rank",
            "ministry",
            "start_date",
            "end_date",
        ]

    @property
    def succeeds(self) -> bool:
        return self.instance.pk is None and bool(self.cleaned_data.get("succession"))

    def _post_clean(self):
        super()._post_clean()
        try:
            if self.succeeds and (errors := services.succession_errors(self.instance)):
                raise ValidationError(errors)
            services.membership_validate(self.instance, succession=self.succeeds)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(models.Membership)
class MembershipAdmin(ScopedAdmin):
    form = MembershipAdminForm
    list_display = ["person", "role", "organisation", "alliance", "is_mayor", "start_date", "end_date"]
    list_filter = ["role", "ministry", "rank", AreaSearchFilter.for_path("alliance__area")]
    search_fields = ["person__name", "organisation__name", "alliance__area__name"]
    list_select_related = ["person", "organisation", "alliance"]
    autocomplete_fields = ["person", "organisation"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "alliance", "person"] if obj is not None else fields

    def service_create(self, request, obj, form):
        """Adding a successor ends the current chair's or rijksvertegenwoordiger's term the day before."""
        data = form.cleaned_data
        return services.membership_create(
            alliance=data["alliance"],
            actor=request.user,
            person=data["person"],
            organisation=data.get("organisation"),
            role=data["role"],
            rank=data.get("rank", ""),
            ministry=data.get("ministry", ""),
            is_mayor=data.get("is_mayor", False),
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            succession=form.succeeds,
        )

    def service_update(self, request, obj, form):
        return services.membership_update(
            membership=obj, actor=request.user, **changed(form, services.MEMBERSHIP_FIELDS)
        )

    def service_delete(self, request, obj):
        services.membership_delete(membership=obj, actor=request.user)

    def get_deleted_objects(self, objs, request):
        """A current chair or rijksvertegenwoordiger is protected: the rule's message says why."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for membership in objs:
            try:
                services.membership_delete_validate(membership)
            except ValidationError as error:
                protected = [*protected, *error.messages]
        return deleted, counts, perms_needed, protected


class AttendanceFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        statuses = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("membership"):
                continue
            statuses[data["membership"].pk] = data["status"]
        services.attendance_validate(meeting=self.instance, statuses=statuses)


class AttendanceInline(ServiceInline):
    """The whole attendance list goes to `attendance_record` at once (it replaces what was recorded)."""

    model = models.Attendance
    formset = AttendanceFormSet
    autocomplete_fields = ["membership"]

    def has_add_permission(self, request, obj=None) -> bool:
        return admin.TabularInline.has_add_permission(self, request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return admin.TabularInline.has_change_permission(self, request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return admin.TabularInline.has_delete_permission(self, request, obj)

    def service_save_formset(self, request, parent, formset) -> None:
        deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
        statuses = {}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if id(form) in deleted or not data.get("membership"):
                continue
            statuses[data["membership"].pk] = data["status"]
        services.attendance_record(meeting=parent, actor=request.user, statuses=statuses)


class DecisionInline(ReadOnlyInline):
    """Read-only here: a decision is recorded on its own page, where the quorum is checked."""

    model = models.Decision
    fields = ["subject", "outcome", "text"]
    readonly_fields = fields


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = models.Meeting
        fields = ["alliance", "date", "location", "agenda", "minutes"]

    def clean_minutes(self):
        minutes = self.cleaned_data.get("minutes")
        if minutes and "minutes" in self.changed_data:
            validate_document(minutes)
        return minutes


@admin.register(models.Meeting)
class MeetingAdmin(ScopedAdmin):
    form = MeetingAdminForm
    list_display = ["__str__", "alliance", "date"]
    list_filter = [AreaSearchFilter.for_path("alliance__area")]
    date_hierarchy = "date"
    search_fields = ["alliance__area__name", "location", "agenda"]
    list_select_related = ["alliance"]
    inlines = [AttendanceInline, DecisionInline]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "alliance"] if obj is not None else fields

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.meeting_create(
            alliance=data["alliance"],
            actor=request.user,
            date=data["date"],
            location=data.get("location", ""),
            agenda=data.get("agenda", ""),
            minutes=data.get("minutes") or None,
        )

    def service_update(self, request, obj, form):
        data = form.cleaned_data
        return services.meeting_update(
            meeting=obj,
            actor=request.user,
            date=data["date"],
            location=data.get("location", ""),
            agenda=data.get("agenda", ""),
            minutes=data.get("minutes") if "minutes" in form.changed_data else None,
        )


class DecisionAdminForm(forms.ModelForm):
    class Meta:
        model = models.Decision
        fields = ["meeting", "subject", "text", "outcome"]

    def _post_clean(self):
        super()._post_clean()
        if self.instance.meeting_id and not self.errors:
            try:
                services.decision_validate(
                    meeting=self.instance.meeting, subject=self.instance.subject, outcome=self.instance.outcome
                )
            except ValidationError as error:
                self._update_errors(error)


@admin.register(models.Decision)
class DecisionAdmin(ScopedAdmin):
    form = DecisionAdminForm
    list_display = ["__str__", "subject", "outcome", "meeting"]
    list_filter = ["subject", "outcome", AreaSearchFilter.for_path("meeting__alliance__area")]
    search_fields = ["text"]
    list_select_related = ["meeting__alliance"]
    autocomplete_fields = ["meeting"]

    def service_create(self, request, obj, form):
        """A decision is recorded (in a quorate meeting), never changed afterwards: no update service."""
        data = form.cleaned_data
        return services.decision_record(
            meeting=data["meeting"],
            actor=request.user,
            subject=data["subject"],
            text=data.get("text", ""),
            outcome=data["outcome"],
        )


class PlanAdminForm(forms.ModelForm):
    class Meta:
        model = models.Plan
        fields = ["alliance", "kind", "title", "version", "period_start", "period_end", "document", "adopted_by"]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and "document" in self.changed_data:
            validate_document(document)
        return document

    def _post_clean(self):
        super()._post_clean()
        decision = self.instance.adopted_by
        if decision is not None and "adopted_by" in self.changed_data and not self.errors:
            try:
                services.plan_adoption_validate(plan=self.instance, decision=decision)
            except ValidationError as error:
                self._update_errors(error)


@admin.register(models.Plan)
class PlanAdmin(ScopedAdmin):
    form = PlanAdminForm
    list_display = ["title", "kind", "version", "status", "alliance", "period_start", "period_end"]
    list_filter = ["kind", "status", AreaSearchFilter.for_path("alliance__area")]
    search_fields = ["title"]
    list_select_related = ["alliance"]
    readonly_fields = ["status", "version"]
    autocomplete_fields = ["adopted_by"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "alliance", "kind"] if obj is not None else fields

    def _adopt_if_chosen(self, request, plan, form):
        """Choosing the adopting decision adopts the plan through the service (and supersedes the old one)."""
        decision = form.cleaned_data.get("adopted_by") if "adopted_by" in form.changed_data else None
        if decision is not None:
            plan = services.plan_adopt(plan=plan, decision=decision, actor=request.user)
        return plan

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        plan = services.plan_create(
            alliance=data["alliance"],
            actor=request.user,
            kind=data["kind"],
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            document=data.get("document") or None,
        )
        return self._adopt_if_chosen(request, plan, form)

    def service_update(self, request, obj, form):
        data = form.cleaned_data
        plan = obj
        if set(form.changed_data) - {"adopted_by"}:
            plan = services.plan_update(
                plan=obj,
                actor=request.user,
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                document=data.get("document") if "document" in form.changed_data else None,
            )
        return self._adopt_if_chosen(request, plan, form)


class BottleneckAdminForm(forms.ModelForm):
    class Meta:
        model = models.Bottleneck
        fields = ["area", "title", "description", "regulation", "action_line", "owner", "signalled_on"]

    def _post_clean(self):
        super()._post_clean()
        if self.instance.area_id and self.instance.action_line_id and not self.errors:
            try:
                services.bottleneck_validate(self.instance)
            except ValidationError as error:
                self._update_errors(error)


class ResolutionForm(forms.Form):
    resolution = forms.CharField(
        label=_("Oplossing of waarom niet oplosbaar"), widget=forms.Textarea(attrs={"rows": 4})
    )


@admin.register(models.Bottleneck)
class BottleneckAdmin(ScopedAdmin):
    form = BottleneckAdminForm
    list_display = ["title", "area", "action_line", "status", "owner", "signalled_on"]
    list_filter = ["status", "action_line", AreaSearchFilter]
    search_fields = ["title", "description", "regulation"]
    list_select_related = ["area", "action_line", "owner__person"]
    readonly_fields = ["status", "resolution"]
    autocomplete_fields = ["owner"]
    actions = ["start", "escalate", "resolve", "mark_not_solvable", "export_excel", "export_csv"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "area", "signalled_on"] if obj is not None else fields

    def service_create(self, request, obj, form):
        data = form.cleaned_data
        return services.bottleneck_create(
            area=data["area"],
            actor=request.user,
            title=data["title"],
            description=data.get("description", ""),
            regulation=data.get("regulation", ""),
            action_line=data["action_line"],
            owner=data.get("owner"),
            signalled_on=data.get("signalled_on"),
        )

    def service_update(self, request, obj, form):
        return services.bottleneck_update(
            bottleneck=obj, actor=request.user, **changed(form, services.BOTTLENECK_FIELDS)
        )

    def _transition(self, request, queryset, name, resolution=""):
        self.run_per_object(
            request,
            queryset,
            lambda bottleneck: services.bottleneck_transition(
                bottleneck=bottleneck, actor=request.user, name=name, resolution=resolution
            ),
            done_message=_("%(n)s knelpunt(en) bijgewerkt."),
        )

    def _close(self, request, queryset, name, title):
        return self.ask_then_run(
            request,
            queryset,
            action=name,
            title=title,
            form_class=ResolutionForm,
            service=lambda bottleneck, data: services.bottleneck_transition(
                bottleneck=bottleneck, actor=request.user, name=name, resolution=data["resolution"]
            ),
            done_message=_("%(n)s knelpunt(en) bijgewerkt."),
        )

    @admin.action(description=_("In behandeling nemen"), permissions=["change"])
    def start(self, request, queryset):
        self._transition(request, queryset, "start")

    @admin.action(description=_("Escaleren"), permissions=["change"])
    def escalate(self, request, queryset):
        self._transition(request, queryset, "escalate")

    @admin.action(description=_("Opgelost (met oplossing)"), permissions=["change"])
    def resolve(self, request, queryset):
        return self._close(request, queryset, "resolve", _("Knelpunten oplossen"))

    @admin.action(description=_("Niet oplosbaar (met toelichting)"), permissions=["change"])
    def mark_not_solvable(self, request, queryset):
        return self._close(request, queryset, "mark_not_solvable", _("Knelpunten niet oplosbaar"))

    @admin.action(description=_("Exporteer naar Excel"), permissions=["view"])
    def export_excel(self, request, queryset):
        return self._export(queryset, exports.XLSX)

    @admin.action(description=_("Exporteer naar CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(queryset, exports.CSV)

    def _export(self, queryset, fmt):
        queryset = queryset.select_related("area", "action_line", "owner__person").order_by("-signalled_on", "pk")
        return exports.export_response(
            fmt=fmt, filename="knelpunten", header=exports.BOTTLENECK_HEADER, rows=exports.bottleneck_rows(queryset)
        )
