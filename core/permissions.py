"""One permission check for services: `require(actor, perm, obj=None)`.

Every service starts with the permission it needs, by name, so that the same django-rules predicate
answers for the service, the pages, the API, the admin and the templates. The predicate decides, for a
superuser too (Django's `user.has_perm` would let a superuser past every rule, also one that needs a
programme bureau's own area). A refusal is a `PermissionDenied` with a Dutch message: the one given
(naming who may do this), or a general one.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(actor, perm: str, obj=None, *, message: str | None = None) -> None:
    """Refuse unless `actor` has permission `perm` (on `obj`): `PermissionDenied(message)`."""
    if actor is None or not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message or _("U heeft geen toestemming voor deze handeling."))
