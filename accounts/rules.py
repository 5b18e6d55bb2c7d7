"""Permission predicates shared by pages, API, admin and templates (django-rules).

A predicate answers one question about a user (and an object). Combine them with `&`, `|` and `~`.
`register_perms` turns them into Django permissions (`app.view_model` and friends) so that the
admin and `user.has_perm` ask the same predicates as the pages and the API.
"""

from __future__ import annotations

import rules
from django.db import models

from areas.rules import area_id_of  # noqa: F401  (re-exported for the apps above)

from .models import AREA_ROLES, Role


@rules.predicate
def is_admin(user) -> bool:
    return user.is_superuser or getattr(user, "role", None) == Role.ADMIN


@rules.predicate
def is_national_team(user) -> bool:
    return getattr(user, "role", None) == Role.NATIONAL_TEAM


@rules.predicate
def is_ministry_reviewer(user) -> bool:
    return getattr(user, "role", None) == Role.MINISTRY_REVIEWER


@rules.predicate
def is_programme_bureau(user) -> bool:
    return getattr(user, "role", None) == Role.PROGRAMME_BUREAU


@rules.predicate
def is_alliance_member(user) -> bool:
    return getattr(user, "role", None) == Role.ALLIANCE_MEMBER


@rules.predicate
def has_area_role(user) -> bool:
    return getattr(user, "role", None) in AREA_ROLES


@rules.predicate
def belongs_to_area(user, obj) -> bool:
    """The object lies in the user's own area (an object-less check is False)."""
    area_id = area_id_of(obj)
    return area_id is not None and area_id == getattr(user, "area_id", None)


is_national = is_admin | is_national_team
sees_all_areas = is_national | is_ministry_reviewer
is_staff_role = sees_all_areas

can_view_area = sees_all_areas | (has_area_role & belongs_to_area)
can_edit_in_area = is_admin | (is_programme_bureau & belongs_to_area)

# The alliance's own records (composition, meetings, plans, bottlenecks): its programme bureau keeps
# them in the pages, the national team in the admin.
can_manage_alliance = is_national | (is_programme_bureau & belongs_to_area)
# Contact details (AVG): only within the area and for the national team, not for ministry reviewers.
can_see_contact_details = is_national | (has_area_role & belongs_to_area)

rules.add_perm("areas.view_area_page", can_view_area)
rules.add_perm("areas.edit_in_area", can_edit_in_area)


def register_perms(
    model: type[models.Model],
    *,
    view=None,
    add=None,
    change=None,
    delete=None,
) -> None:
    """Register the admin's four permissions of `model` as predicates. Unnamed ones are admin-only."""
    label = f"{model._meta.app_label}.%s_{model._meta.model_name}"
    for action, predicate in (("view", view), ("add", add), ("change", change), ("delete", delete)):
        rules.set_perm(label % action, predicate if predicate is not None else is_admin)


def _register() -> None:
    """The user, the places and the transition log: the apps below `accounts` know no roles."""
    from areas import models as places
    from core.models import OutboxMessage, Transition

    from . import models as m

    register_perms(m.User)
    for model in (places.Municipality, places.Area, places.ActionLine):
        register_perms(model, view=is_staff_role)
    register_perms(Transition, view=is_national)
    register_perms(OutboxMessage, view=is_national)


_register()
