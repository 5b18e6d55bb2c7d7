"""What every app's forms share: the Dutch money field, and one helper that puts a service's refusal
on the form.

Fields are rendered by one include, `templates/includes/field.html` (label, help, errors, and the
control linked to them with `aria-describedby`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .money import MAX_MONEY, MoneyParseError, money_input, parse_money


class MoneyInput(forms.TextInput):
    """A text field for euros: the numeric keyboard on a phone, the amount shown as `1.234,56`.

    A text input, not `type=number`: a number input follows the browser's language and turns
    `125000,50` into `12500050` in an English browser.
    """

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", "class": "input--money", **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return None
        try:
            return money_input(value)
        except (ArithmeticError, ValueError, TypeError):
            return str(value)  # what the user typed, shown back with its error


class MoneyField(forms.DecimalField):
    """A Dutch amount field: `1.234,56`, `1234,56` and `1234.56` mean the same, in any browser language."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 1.234,56."),
    }

    def __init__(self, *, max_digits=14, decimal_places=2, **kwargs):
        kwargs.pop("localize", None)
        kwargs.setdefault("max_value", MAX_MONEY)  # one upper bound for every amount, so sums cannot overflow
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return super().to_python(value)
        try:
            return parse_money(value)
        except MoneyParseError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        # DecimalField would add step/min for a number input; a text input needs neither.
        return {}


# For ModelAdmin.formfield_overrides: every DecimalField of the admin reads Dutch amounts.
MONEY_FORMFIELD_OVERRIDES = {models.DecimalField: {"form_class": MoneyField}}


def add_service_errors(form: forms.BaseForm, error: ValidationError, *, field: str | None = None) -> None:
    """Put a service's `ValidationError` on the form: each message on the field it names when the form has
    that field, the rest above the form (non-field errors). A refusal that names no field goes on `field`
    when given (an upload refused for its content belongs to the file input)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(field if field in form.fields else None, error.messages)
