from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core.admin_base import ScopedAdmin
from core.admin_display import AreaSearchFilter

from . import models, services
from .two_factor import ENROLMENT_LINK_HOURS, enrolment_link_issue

# Permissions follow from the role (django-rules); groups are not used, so they are not offered either.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

NPLV_FIELDS = (_("NPLV"), {"fields": ["role", "area", "ministry"]})


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin, ScopedAdmin):
    """Logins, kept by admins through `accounts.services`. Permissions follow from the role (rules), so the
    admin shows no groups or per-user permissions."""

    list_display = ["username", "get_full_name", "role", "area", "ministry", "is_active"]
    list_filter = ["role", "ministry", "is_active", AreaSearchFilter]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rechten"), {"fields": ("is_active", "is_superuser")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
        NPLV_FIELDS,
    )
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, NPLV_FIELDS)
    filter_horizontal = ()
    readonly_fields = ["last_login", "date_joined"]
    actions = ["issue_enrolment_link"]

    def has_change_permission(self, request, obj=None) -> bool:
        """A superuser's login (and its password page) is changed only by a superuser."""
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Koppellink voor tweestapsverificatie uitgeven"), permissions=["change"])
    def issue_enrolment_link(self, request, queryset):
        """A single-use link per selected user, shown once on a page that is not stored (`enrolment_link_issue`
        refuses anyone but an admin); the user opens it after signing in and links an authenticator app."""
        links = []
        for user in queryset.order_by("username"):
            try:
                links.append((user, request.build_absolute_uri(enrolment_link_issue(user=user, actor=request.user))))
            except PermissionDenied as refused:
                self.message_user(request, f"{user}: {refused}", messages.ERROR)
        if not links:
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Koppellinks voor tweestapsverificatie"),
            "links": links,
            "hours": ENROLMENT_LINK_HOURS,
        }
        return TemplateResponse(request, "admin/accounts/enrolment_links.html", context)  # the admin: never cached

    def service_create(self, request, obj, form):
        return services.user_save(user=obj, actor=request.user)

    def service_update(self, request, obj, form):
        return services.user_save(user=obj, actor=request.user)

    def service_delete(self, request, obj):
        services.user_delete(user=obj, actor=request.user)


# django-axes' "clean up expired attempts" reads the time of a login attempt from the request, which an
# admin request does not have (a 500): give it none, so that the cool-off is counted from now.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(description=axes_admin.AccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)
