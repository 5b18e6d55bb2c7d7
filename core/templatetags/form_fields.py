"""The control of one form field, linked to its help text and errors (`templates/includes/field.html`)."""

from django import template

register = template.Library()


def help_id(field) -> str:
    return f"{field.auto_id}_helptext"


def error_id(field) -> str:
    return f"{field.auto_id}_error"


@register.filter
def described_by(field) -> str:
    """The ids of the field's help text and errors, for `aria-describedby` (empty when it has neither)."""
    ids = []
    if field.help_text:
        ids.append(help_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


@register.simple_tag
def field_control(field):
    """The widget with `aria-describedby` (help, errors) and `aria-invalid` when the field has errors."""
    attrs = {}
    ids = described_by(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
