"""The one way a workflow object changes state: lock, check, move, save, log.

Each stateful model declares its transitions with django-fsm-2 (`@transition` methods); services
call `apply_transition`, which refuses a move the workflow does not allow with a clear message and
writes a `Transition` row (who, when, from, to, why) in the same database transaction.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from .models import Transition
from .validation import check_text


def apply_transition(*, obj: models.Model, name: str, actor, comment: str = "", field: str = "status", **kwargs):
    """Run transition `name` on `obj` (already locked by the caller), save it and log it."""
    check_text(comment, field="comment")
    method = getattr(obj, name)
    source = getattr(obj, field)
    if not can_proceed(method):
        choices = dict(obj._meta.get_field(field).choices)
        raise ValidationError(
            _("Deze statuswijziging is niet toegestaan: van '%(source)s' kan niet naar '%(name)s'.")
            % {"source": choices.get(source, source), "name": name},
            code="transition_not_allowed",
        )
    method(**kwargs)
    obj.save()
    record_transition(obj=obj, source=source, target=getattr(obj, field), actor=actor, comment=comment)
    return obj


def record_transition(*, obj: models.Model, source: str, target: str, actor, comment: str = "") -> Transition:
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        source=source,
        target=target,
        actor=actor if actor is not None and actor.is_authenticated else None,
        comment=comment,
    )


def transitions_of(obj: models.Model):
    return (
        Transition.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .select_related("actor")
        .order_by("at", "pk")
    )


def labelled_transitions(obj: models.Model, *, field: str = "status") -> list[Transition]:
    """The transitions of `obj`, oldest first, each with `source_label` and `target_label`: the states in
    words from the field's choices (an empty source is the creation of the record)."""
    labels = dict(obj._meta.get_field(field).choices)
    entries = list(transitions_of(obj))
    for entry in entries:
        entry.source_label = labels.get(entry.source, entry.source)
        entry.target_label = labels.get(entry.target, entry.target)
    return entries
