from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin_base import ScopedAdmin

from . import models


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin, ScopedAdmin):
    list_display = ["username", "get_full_name", "role", "area", "ministry", "is_active"]
    list_filter = ["role", "ministry", "is_active", "area"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("NPLV"), {"fields": ["role", "area", "ministry"]}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("NPLV"), {"fields": ["role", "area", "ministry"]}),)
