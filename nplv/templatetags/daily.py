"""Template filters for daily work: euros the Dutch way and ages in days."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from core.money import euro as euro_text

register = template.Library()


@register.filter
def euro(value) -> str:
    """`1234.5` → `€ 1.234,50` (empty → `—`)."""
    if value in (None, ""):
        return "—"
    return euro_text(value)


@register.filter
def timesince_days(day, today) -> int:
    """Whole days from `day` to `today`."""
    return (today - day).days


@register.filter
def application_status(value) -> str:
    """An application status code in words."""
    from nplv.area_signals import status_label

    return status_label(value)


KIND_LABELS = {
    "line_to_advise": (_("Regels zonder advies"), "admin:funding_applicationline_changelist"),
    "application_to_decide": (_("Aanvragen die wachten op een besluit"), "admin:funding_application_changelist"),
    "spending_report_to_accept": (_("Verantwoordingen om te accepteren"), "admin:funding_spendingreport_changelist"),
    "information_request_overdue": (_("Antwoorden die te laat zijn"), "admin:funding_informationrequest_changelist"),
    "bottleneck_escalated": (_("Geëscaleerde knelpunten"), "bottleneck-list"),
}


@register.simple_tag
def worklist_summary(user) -> dict:
    """The admin dashboard: per kind of task a count and the list that holds them, and the first tasks."""
    from django.urls import NoReverseMatch, reverse

    from nplv.worklist import tasks_for

    tasks = tasks_for(user)
    groups: dict[str, dict] = {}
    for task in tasks:
        label, url_name = KIND_LABELS.get(task.kind, (task.kind, "my-tasks"))
        group = groups.setdefault(task.kind, {"label": label, "count": 0, "overdue": 0, "url": ""})
        group["count"] += 1
        group["overdue"] += task.is_overdue
        if not group["url"]:
            try:
                group["url"] = reverse(url_name)
            except NoReverseMatch:
                group["url"] = reverse("my-tasks")
    return {"groups": list(groups.values()), "tasks": tasks[:10], "count": len(tasks)}
