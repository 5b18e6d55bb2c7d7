"""Permission predicates for funding (see alliances.rules for the shared ones)."""

import rules

from alliances.rules import is_admin, is_ministry_reviewer, is_national, is_national_team, is_staff_role, register_perms

from . import models as m


@rules.predicate
def is_own_review(user, review) -> bool:
    return review is None or review.reviewer_id == user.pk


for model in (m.Scheme, m.Theme, m.LegalBasis, m.Ceiling, m.SisaIndicator):
    register_perms(model, view=is_staff_role)
register_perms(m.Application, view=is_staff_role, change=is_national)
register_perms(m.ApplicationLine, view=is_staff_role)
register_perms(m.Review, view=is_staff_role, add=is_ministry_reviewer, change=is_ministry_reviewer & is_own_review)
register_perms(m.InformationRequest, view=is_staff_role, add=is_ministry_reviewer | is_national)
register_perms(m.GrantDecision, view=is_staff_role, add=is_national_team | is_admin)
for model in (m.Payment, m.SpendingReport, m.SpendingLine):
    register_perms(model, view=is_national, add=is_national, change=is_national)
