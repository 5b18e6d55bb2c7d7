"""Permission predicates for interventions (see alliances.rules for the shared ones)."""

from alliances.rules import is_national, is_staff_role, register_perms

from . import models as m

register_perms(m.Intervention, view=is_staff_role, add=is_national, change=is_national)
for model in (m.OutputMeasure, m.ProgressUpdate, m.OtherFunding):
    register_perms(model, view=is_staff_role, add=is_national, change=is_national)
