from django.contrib import admin

from . import models
from .admin_base import ScopedAdmin


@admin.register(models.Transition)
class TransitionAdmin(ScopedAdmin):
    list_display = ["content_type", "object_id", "source", "target", "actor", "at"]
    list_filter = ["content_type", "target"]
    list_select_related = ["content_type", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
