"""Permission predicates for funding (see alliances.rules for the shared ones).

The same predicates answer for the pages, the API, the admin and the services.
"""

import rules

from alliances.rules import (
    belongs_to_area,
    can_view_area,
    is_admin,
    is_ministry_reviewer,
    is_national,
    is_national_team,
    is_programme_bureau,
    is_staff_role,
    register_perms,
)

from . import models as m


@rules.predicate
def is_own_review(user, review) -> bool:
    return review is None or review.reviewer_id == user.pk


@rules.predicate
def is_draft(user, obj) -> bool:
    """The application (or the line's application) is still a draft; True without an object."""
    if obj is None:
        return True
    application = obj.application if isinstance(obj, m.ApplicationLine) else obj
    return application.status == m.ApplicationStatus.DRAFT


@rules.predicate
def reviews_theme_of_line(user, line) -> bool:
    """A ministry reviewer reviews its own ministry's themes; the national team the integral part.

    Without a line the question is whether the user reviews anything at all.
    """
    ministry = m.reviewed_ministry(user)
    if ministry is None or line is None:
        return ministry is not None
    return m.ApplicationLine.objects.for_ministry(ministry).filter(pk=line.pk).exists()


# Four eyes bind everyone, superusers included: the services ask these predicates through
# `rules.has_perm`, which (unlike `user.has_perm`) gives a superuser no pass. The admin role manages
# users and reference data; it drafts, reviews or decides only if it also holds that role.
can_review_line = reviews_theme_of_line
can_work_on_review = is_ministry_reviewer | is_national_team
can_decide = is_national_team
can_draft_application = is_programme_bureau & belongs_to_area

rules.add_perm("funding.create_application", can_draft_application)
rules.add_perm("funding.edit_application", can_draft_application)
rules.add_perm("funding.review_line", can_review_line)
rules.add_perm("funding.start_review", can_work_on_review)
rules.add_perm("funding.request_information", can_work_on_review)
rules.add_perm("funding.decide_application", can_decide)
rules.add_perm("funding.download_letter", can_view_area)

for model in (m.Scheme, m.Theme, m.LegalBasis, m.Ceiling, m.SisaIndicator):
    register_perms(model, view=is_staff_role)
register_perms(m.Application, view=is_staff_role, change=is_national)
# Lines are written in the pages and the API; in the admin only an admin may touch a draft's lines.
register_perms(
    m.ApplicationLine, view=is_staff_role, add=is_admin, change=is_admin & is_draft, delete=is_admin & is_draft
)
register_perms(m.Review, view=is_staff_role, add=reviews_theme_of_line)
register_perms(m.InformationRequest, view=is_staff_role, add=can_work_on_review)
register_perms(m.GrantDecision, view=is_staff_role, add=can_decide)

# ---------------------------------------------------------------------------------------------
# Accounting: payments, spending reports, the final account and SiSa


@rules.predicate
def is_report_draft(user, report) -> bool:
    """The spending report (or the line's report) is still a draft; True without an object."""
    if report is None:
        return True
    report = report.report if isinstance(report, m.SpendingLine) else report
    return report.status == m.SpendingReportStatus.DRAFT


can_manage_payments = is_national
can_edit_spending_report = can_draft_application  # the bureau of the area, as for applications
can_review_spending_report = is_national

rules.add_perm("funding.manage_payments", can_manage_payments)
rules.add_perm("funding.edit_spending_report", can_edit_spending_report)
rules.add_perm("funding.review_spending_report", can_review_spending_report)
rules.add_perm("funding.view_accounting", can_view_area)

# The admin writes through the accounting services: payments are added (never changed), reports are
# accepted or returned with actions, lines are changed only in a draft.
register_perms(m.PaymentInstalment, view=is_staff_role, add=is_national, change=is_national, delete=is_national)
register_perms(m.Payment, view=is_staff_role, add=is_national)
register_perms(m.SpendingReport, view=is_staff_role, change=is_national)
register_perms(m.SpendingLine, view=is_staff_role)
# The ministry sets the SiSa codes yearly: the national team enters them in the admin.
register_perms(m.SisaIndicator, view=is_staff_role, add=is_national, change=is_national, delete=is_national)
