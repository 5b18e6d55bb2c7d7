"""Template filters for daily work: euros the Dutch way and ages in days."""

from __future__ import annotations

from django import template

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
