"""The base of every admin page: scoped by `visible_to`, permissions from `rules`, history kept."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


class ScopedAdmin(SimpleHistoryAdmin):
    """Admin that shows only what the user may see and asks the shared predicates for every action."""

    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if hasattr(qs, "visible_to"):
            qs = qs.visible_to(request.user)
        return qs

    def _perm(self, request, action: str, obj=None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._perm(request, "view", obj) or self._perm(request, "change", obj)

    def has_add_permission(self, request) -> bool:
        return self._perm(request, "add")

    def has_change_permission(self, request, obj=None) -> bool:
        return self._perm(request, "change", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._perm(request, "delete", obj)

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff and self.has_view_permission(request)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
