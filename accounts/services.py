"""Every write to the logins: only an admin (beheerder) creates, changes or removes a user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User
from .rules import is_admin


def _require_admin(actor) -> None:
    if not is_admin(actor):
        raise PermissionDenied(_("Alleen een beheerder beheert gebruikers."))


@transaction.atomic
def user_save(*, user: User, actor) -> User:
    """Create or change a login. The model's rules hold: an area role has an area, a reviewer a ministry."""
    _require_admin(actor)
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("Alleen een superuser maakt of wijzigt een superuser."))
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_delete(*, user: User, actor) -> None:
    """Remove a login; an admin cannot remove their own (deactivate another admin's instead)."""
    _require_admin(actor)
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("Alleen een superuser maakt of wijzigt een superuser."))
    if user.pk == actor.pk:
        raise ValidationError(_("Regel beheer: u kunt uw eigen account niet verwijderen."))
    user.delete()
