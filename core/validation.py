"""Limits on what any door (page, API, admin, import) may store, applied to every model of the project.

- Dates lie between 1900 and 2100: a meeting on 0001-01-01 or 9999-12-31 is a typing error or an attack,
  and years outside that range break date arithmetic and exports.
- Free text (`TextField`) holds at most `TEXT_MAX_LENGTH` characters: a 20 MB description is refused.
- Money is bounded in `core.money` (`MAX_MONEY`, part of `MONEY`).

The date and text limits are attached to every `DateField`, `DateTimeField` and `TextField` of the
project's own apps when the model class is prepared (`attach_limits`, connected in `core.apps`), so a
field added later gets them too. They are ordinary field validators, so `full_clean()` (services),
model forms and DRF model serializers all refuse with the same Dutch message; migrations record them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2100
TEXT_MAX_LENGTH = 20_000
# The apps whose models get the limits (Django's own and third-party models are left alone).
PROJECT_APPS = {"core", "accounts", "areas", "monitoring", "alliances", "interventions", "funding", "nplv", "reports"}


@deconstructible
class SaneDateValidator:
    """Refuse a date (or date-time) outside the years 1900–2100."""

    message = _("Regel datum: een datum ligt tussen 1900 en 2100.")
    code = "date_out_of_range"

    def __call__(self, value) -> None:
        if isinstance(value, datetime.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, SaneDateValidator)


sane_date = SaneDateValidator()


def check_date(value, *, field: str) -> None:
    """For dates that arrive outside a model field (a deadline in a service call)."""
    try:
        sane_date(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}, code=SaneDateValidator.code) from exc


def check_text(value: str, *, field: str, limit: int = TEXT_MAX_LENGTH) -> None:
    if value is not None and len(value) > limit:
        raise ValidationError(
            {field: _("Regel tekstlengte: hoogstens %(limit)s tekens.") % {"limit": limit}}, code="text_too_long"
        )


def attach_limits(sender, **kwargs) -> None:
    """`class_prepared` receiver: give the project's date and text fields their limits."""
    if sender._meta.app_label not in PROJECT_APPS:
        return
    for field in sender._meta.local_fields:
        if not field.editable:  # auto_now stamps and the like are written by the code, not typed in
            continue
        if isinstance(field, (models.DateField, models.DateTimeField)):
            if not any(isinstance(v, SaneDateValidator) for v in field._validators):
                # A new list: fields copied from an abstract model share the list object with the other copies.
                field._validators = [*field._validators, sane_date]
        elif isinstance(field, models.TextField) and field.max_length is None:
            field.max_length = TEXT_MAX_LENGTH
            field._validators = [*field._validators, MaxLengthValidator(TEXT_MAX_LENGTH)]
        else:
            continue
        field.__dict__.pop("validators", None)  # a cached list of validators is read again
