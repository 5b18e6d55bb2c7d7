"""Permissions of the alliances' own records (django-rules), built on the shared role predicates."""

from __future__ import annotations

import rules

from accounts.rules import (  # noqa: F401  (re-exported: the apps above import the predicates from here too)
    belongs_to_area,
    can_edit_in_area,
    can_manage_alliance,
    can_see_contact_details,
    can_view_area,
    has_area_role,
    is_admin,
    is_alliance_member,
    is_ministry_reviewer,
    is_national,
    is_national_team,
    is_programme_bureau,
    is_staff_role,
    register_perms,
    sees_all_areas,
)


def _register() -> None:
    from . import models as m

    for model in (m.Organisation, m.Person, m.Alliance, m.Membership, m.Meeting, m.Attendance, m.Decision, m.Plan):
        register_perms(model, view=is_national, add=is_national, change=is_national)
    register_perms(m.Bottleneck, view=is_national, add=is_national, change=is_national)
    rules.add_perm("alliances.manage_alliance", can_manage_alliance)
    rules.add_perm("alliances.see_contact_details", can_see_contact_details)
    rules.add_perm("alliances.anonymise_person", is_national)


_register()
