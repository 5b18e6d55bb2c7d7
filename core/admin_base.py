"""The base of every admin page: scoped by `visible_to`, permissions from `rules`, writes through services.

The admin is a door like the pages and the API, so it writes only through the app's named services:
- a `ScopedAdmin` writes by its `service_create`, `service_update` and `service_delete` methods; an
  admin that names none of them is read-only for everyone (superusers included), whatever the rules say;
- a `ServiceInline` likewise, per row (`service_create`, `service_update`, `service_delete`), or for the
  whole formset (`service_save_formset`); an inline without services is read-only;
- many-to-many fields are handed to the service by `service_create` / `service_update`, never saved
  around it;
- status (django-fsm) fields are read-only in every form: they change only through actions that call
  the workflow services;
- a service's `ValidationError` or `PermissionDenied` becomes a form error or a message, never a 500,
  and the whole POST is rolled back: nothing is half-saved;
- an object outside `visible_to(user)` is a 404;
- the history (django-simple-history) stays visible but is read-only and scoped: no revert form, a POST
  to a history page is refused (405), and the history of an object the user may not see is a 404.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_fsm import FSMFieldMixin
from simple_history.admin import SimpleHistoryAdmin

from .forms import MONEY_FORMFIELD_OVERRIDES

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ServiceRefused(Exception):
    """A service refused an admin write; carries the `ValidationError` or `PermissionDenied`."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error


def refusal_messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or _("U hebt geen toestemming voor deze wijziging.")]


@contextmanager
def through_service():
    """Turn a service's refusal into `ServiceRefused`, which the admin views show instead of a 500."""
    try:
        yield
    except (ValidationError, PermissionDenied) as error:
        raise ServiceRefused(error) from error


def _add_refusal(form, error: Exception) -> None:
    """Show a refusal on the form: a field's message at the field, the rest above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in ValidationError(errors).messages:
                form.add_error(target, message)
        return
    for message in refusal_messages(error):
        form.add_error(None, message)


def status_fields(model) -> list[str]:
    """The django-fsm state fields of `model`: changed only by the workflow."""
    return [field.name for field in model._meta.concrete_fields if isinstance(field, FSMFieldMixin)]


def changed(form, names) -> dict:
    """The cleaned values of the fields among `names` that the form changed."""
    return {name: form.cleaned_data[name] for name in names if name in form.changed_data and name in form.cleaned_data}


class ScopedAdmin(SimpleHistoryAdmin):
    """Admin that shows only what the user may see, asks the shared predicates and writes through services."""

    list_per_page = 50
    show_full_result_count = False
    # Every amount in the admin reads Dutch input: 1.234,56, 1234,56 and 1234.56 mean the same.
    formfield_overrides = MONEY_FORMFIELD_OVERRIDES

    # A subclass that may write names its services by defining these methods:
    #   service_create(self, request, obj, form) -> saved object   (obj: the unsaved form instance)
    #   service_update(self, request, obj, form) -> saved object
    #   service_delete(self, request, obj) -> None
    service_create = None
    service_update = None
    service_delete = None

    # ------------------------------------------------------------------ scoping and permissions

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if hasattr(qs, "visible_to"):
            qs = qs.visible_to(request.user)
        return qs

    def get_object(self, request, object_id, from_field=None):
        """An object outside the user's `visible_to` is a 404, as in the pages and the API."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("Niet gevonden."))
        return obj

    def _perm(self, request, action: str, obj=None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._perm(request, "view", obj) or self._perm(request, "change", obj)

    def has_add_permission(self, request) -> bool:
        return self.service_create is not None and self._perm(request, "add")

    def has_change_permission(self, request, obj=None) -> bool:
        return self.service_update is not None and self._perm(request, "change", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.service_delete is not None and self._perm(request, "delete", obj)

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and self.has_view_permission(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if getattr(request, "_nplv_history_readonly", False):
            fields += [f.name for f in (*self.opts.concrete_fields, *self.opts.many_to_many) if f.editable]
        fields += [name for name in status_fields(self.model) if name not in fields]
        return list(dict.fromkeys(fields))

    # ------------------------------------------------------------------ writes through services

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        refusal = getattr(request, "_nplv_refusal", None)
        if refusal is None:
            return form

        class RefusedForm(form):
            def _post_clean(self):
                super()._post_clean()
                _add_refusal(self, refusal)

        RefusedForm.__name__ = form.__name__
        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            # Everything the POST did was rolled back with the transaction; show the form again with the reason.
            request._nplv_refusal = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        service = self.service_update if change else self.service_create
        if service is None:
            raise PermissionDenied
        with through_service():
            saved = service(request, obj, form)
        if saved is not None and saved is not obj:
            obj.pk = saved.pk
            obj._state.adding = False
            obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """Many-to-many fields went to the service with the object; inlines go to their own services."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        # What the admin's change message reads (normally set by `formset.save()`).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        inline = getattr(formset, "admin_inline", None)
        if not formset.has_changed():
            return
        if not isinstance(inline, ServiceInline):
            raise PermissionDenied
        with through_service():
            inline.service_save_formset(request, form.instance, formset)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceRefused as refused:
            for message in refusal_messages(refused.error):
                self.message_user(request, message, messages.ERROR)
            info = self.opts.app_label, self.opts.model_name
            return HttpResponseRedirect(reverse(f"admin:{info[0]}_{info[1]}_change", args=[object_id]))

    def delete_model(self, request, obj):
        if self.service_delete is None:
            raise PermissionDenied
        with through_service():
            self.service_delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected_through_services, name, description)
        return actions

    def run_per_object(self, request, queryset, service, *, done_message) -> int:
        """Call `service(obj)` for each selected object; a refusal is a message naming the object and the rule."""
        done = 0
        for obj in queryset:
            try:
                with transaction.atomic(using=router.db_for_write(self.model)):
                    service(obj)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{obj}: {' '.join(refusal_messages(error))}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)
        return done

    def ask_then_run(self, request, queryset, *, action: str, title, form_class, service, done_message):
        """An action that first asks for input (a reason, a resolution), then runs `service(obj, data)` per object."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self.run_per_object(
                request, queryset, lambda obj: service(obj, form.cleaned_data), done_message=done_message
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "objects": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/action_form.html", context)

    # ------------------------------------------------------------------ history: visible, read-only, scoped

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def _history_subject_or_404(self, request, object_id):
        obj = self.get_object(request, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    @property
    def keeps_history(self) -> bool:
        """Whether the model has django-simple-history records (otherwise the admin's own log is shown)."""
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def history_view(self, request, object_id, extra_context=None):
        if request.method not in SAFE_METHODS:
            return HttpResponseNotAllowed(["GET"])
        self._history_subject_or_404(request, object_id)
        if not self.keeps_history:
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One earlier version, shown read-only: no revert."""
        if request.method not in SAFE_METHODS:
            return HttpResponseNotAllowed(["GET"])
        self._history_subject_or_404(request, object_id)
        if not self.keeps_history:
            raise Http404(_("Niet gevonden."))
        request._nplv_history_readonly = True
        return super().history_form_view(request, object_id, version_id, extra_context)


def _delete_selected_through_services(modeladmin, request, queryset):
    """Django's bulk delete, each object through the delete service; a refusal deletes nothing."""
    try:
        with transaction.atomic(using=router.db_for_write(modeladmin.model)):
            return delete_selected(modeladmin, request, queryset)
    except ServiceRefused as refused:
        for message in refusal_messages(refused.error):
            modeladmin.message_user(request, message, messages.ERROR)
        return None


_delete_selected_through_services.short_description = delete_selected.short_description
_delete_selected_through_services.allowed_permissions = delete_selected.allowed_permissions


class ServiceInline(admin.TabularInline):
    """An inline that writes through services. Without services it is read-only.

    Per row: `service_create(self, request, parent, form)`, `service_update(self, request, obj, form)`,
    `service_delete(self, request, obj)`; or override `service_save_formset(request, parent, formset)`
    to hand the whole formset to one service.
    """

    extra = 0
    service_create = None
    service_update = None
    service_delete = None

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in status_fields(self.model) if name not in fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return self.service_create is not None and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.service_update is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.service_delete is not None and super().has_delete_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.admin_inline = self
        return formset

    def service_save_formset(self, request, parent, formset) -> None:
        deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
        for form in formset.initial_forms:
            if id(form) in deleted:
                if self.service_delete is None:
                    raise PermissionDenied
                self.service_delete(request, form.instance)
                formset.deleted_objects.append(form.instance)
            elif form.has_changed():
                if self.service_update is None:
                    raise PermissionDenied
                formset.changed_objects.append((self.service_update(request, form.instance, form), form.changed_data))
        for form in formset.extra_forms:
            if form.has_changed() and id(form) not in deleted:
                if self.service_create is None:
                    raise PermissionDenied
                formset.new_objects.append(self.service_create(request, parent, form))


class ReadOnlyInline(ServiceInline):
    """An inline that only shows rows; they are changed on their own pages, where the rules are checked."""

    can_delete = False
    show_change_link = True


__all__ = [
    "ReadOnlyInline",
    "ScopedAdmin",
    "ServiceInline",
    "ServiceRefused",
    "changed",
    "refusal_messages",
    "status_fields",
    "through_service",
]
