"""The outbox in the admin: read-only (no service writes it here), for the national team to see what
was (not) sent, filtered by status. Scoped by `OutboxMessage.objects.visible_to`."""

from django.contrib import admin

from .admin_base import ScopedAdmin
from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ScopedAdmin):
    list_display = ["created_at", "recipient", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
