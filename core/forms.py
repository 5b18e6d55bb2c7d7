"""What every app's forms share: one helper that puts a service's refusal on the form.

Fields are rendered by one include, `templates/includes/field.html` (label, help, errors, and the
control linked to them with `aria-describedby`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's `ValidationError` on the form: each message on the field it names when the form has
    that field, the rest above the form (non-field errors)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
