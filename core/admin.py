from django.contrib import admin

from . import models
from .admin_base import ScopedAdmin


@admin.register(models.Transition)
class TransitionAdmin(ScopedAdmin):
    """The transition log: written only by the workflow services, so read-only here (no services named)."""

    list_display = ["content_type", "object_id", "source", "target", "actor", "at"]
    list_filter = ["content_type", "target"]
    list_select_related = ["content_type", "actor"]
