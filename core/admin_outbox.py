"""The outbox in the admin: read-only, for the national team to see what was (not) sent, filtered by status."""

from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    list_per_page = 50
    show_full_result_count = False

    def _may_view(self, request) -> bool:
        return request.user.is_active and request.user.has_perm("core.view_outboxmessage")

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may_view(request)

    def has_module_permission(self, request) -> bool:
        return request.user.is_staff and self._may_view(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
