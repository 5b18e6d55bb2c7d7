"""Render a form field's widget with its help text and errors linked through aria-describedby."""

from django import template

register = template.Library()


@register.simple_tag
def accessible_widget(field):
    attrs = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
