from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from core.admin_base import ScopedAdmin

from . import models, services

# Permissions follow from the role (django-rules); groups are not used, so they are not offered either.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

NPLV_FIELDS = (_("NPLV"), {"fields": ["role", "area", "ministry"]})


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin, ScopedAdmin):
    """Logins, kept by admins through `accounts.services`. Permissions follow from the role (rules), so the
    admin shows no groups or per-user permissions."""

    list_display = ["username", "get_full_name", "role", "area", "ministry", "is_active"]
    list_filter = ["role", "ministry", "is_active", "area"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
        NPLV_FIELDS,
    )
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, NPLV_FIELDS)
    filter_horizontal = ()
    readonly_fields = ["last_login", "date_joined"]

    def service_create(self, request, obj, form):
        return services.user_save(user=obj, actor=request.user)

    def service_update(self, request, obj, form):
        return services.user_save(user=obj, actor=request.user)

    def service_delete(self, request, obj):
        services.user_delete(user=obj, actor=request.user)
