"""Permission predicates for interventions (see alliances.rules for the shared ones).

One predicate per question, shared by pages, API, admin and templates:
- who may add an intervention to an area and edit it: the programme bureau of that area, and admins;
- who may copy one from the national library: programme-bureau staff (into their own area);
- who may read the library: everyone signed in (the selector limits it to summary fields).
"""

import rules

from alliances.rules import belongs_to_area, is_admin, is_programme_bureau, is_staff_role, register_perms

from . import models as m


@rules.predicate
def has_own_area(user) -> bool:
    return getattr(user, "area_id", None) is not None


@rules.predicate
def is_own_area_if_named(user, area) -> bool:
    """Without an area the question is whether the user may add interventions at all."""
    return area is None or belongs_to_area.test(user, area)


can_edit_intervention = is_admin | (is_programme_bureau & belongs_to_area)
can_add_intervention = is_admin | (is_programme_bureau & is_own_area_if_named)
can_copy_intervention = is_programme_bureau & has_own_area

rules.add_perm("interventions.edit_intervention", can_edit_intervention)
rules.add_perm("interventions.create_intervention", can_add_intervention)
rules.add_perm("interventions.copy_intervention", can_copy_intervention)

# The Django admin: every nationwide role may look; only admins change (state changes go through
# the pages and the API, which write the transition history).
register_perms(m.Intervention, view=is_staff_role, add=is_admin, change=is_admin)
for model in (m.OutputMeasure, m.ProgressUpdate, m.OtherFunding):
    register_perms(model, view=is_staff_role, add=is_admin, change=is_admin, delete=is_admin)
