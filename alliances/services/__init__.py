"""Every write of the alliance: composition, meetings and decisions, plans, bottlenecks, privacy.

Each rule has a validator (`*_validate`) that the services, the admin forms and the API share, and
refuses with a Dutch message that names the rule. Services are keyword-only, run in a transaction,
check the actor's permission and lock the rows whose state they change.

One module a section: `memberships` (composition), `meetings` (meetings, attendance, quorum and
decisions), `endorsements`, `plans`, `bottlenecks` and `people` (AVG export and anonymisation,
organisations and people outside a seat); `_common` holds what they share. Callers keep using
`from alliances import services` and `services.<name>`.
"""

from ._common import MANAGE_ALLIANCE, NOT_YOUR_ALLIANCE
from .bottlenecks import (
    BOTTLENECK_FIELDS,
    BOTTLENECK_TRANSITIONS,
    bottleneck_create,
    bottleneck_transition,
    bottleneck_update,
    bottleneck_validate,
    representative_of,
)
from .endorsements import endorsement_bind, endorsement_validate
from .meetings import (
    Quorum,
    attendance_record,
    attendance_validate,
    decision_record,
    decision_validate,
    meeting_create,
    meeting_is_used,
    meeting_quorum,
    meeting_update,
)
from .memberships import (
    MEMBERSHIP_FIELDS,
    REPRESENTATIVE_MINISTRIES,
    REPRESENTATIVE_RANKS,
    SINGLE_SEAT_ROLES,
    alliance_update,
    area_set_representation,
    composition_problems,
    membership_create,
    membership_delete,
    membership_delete_validate,
    membership_end_predecessor,
    membership_predecessor,
    membership_update,
    membership_validate,
    predecessor_for,
    succession_errors,
)
from .people import ANONYMOUS_NAME, organisation_save, person_anonymise, person_export, person_save
from .plans import plan_adopt, plan_adoption_validate, plan_create, plan_update

__all__ = [
    "ANONYMOUS_NAME",
    "BOTTLENECK_FIELDS",
    "BOTTLENECK_TRANSITIONS",
    "MANAGE_ALLIANCE",
    "MEMBERSHIP_FIELDS",
    "NOT_YOUR_ALLIANCE",
    "Quorum",
    "REPRESENTATIVE_MINISTRIES",
    "REPRESENTATIVE_RANKS",
    "SINGLE_SEAT_ROLES",
    "alliance_update",
    "area_set_representation",
    "attendance_record",
    "attendance_validate",
    "bottleneck_create",
    "bottleneck_transition",
    "bottleneck_update",
    "bottleneck_validate",
    "composition_problems",
    "decision_record",
    "decision_validate",
    "endorsement_bind",
    "endorsement_validate",
    "meeting_create",
    "meeting_is_used",
    "meeting_quorum",
    "meeting_update",
    "membership_create",
    "membership_delete",
    "membership_delete_validate",
    "membership_end_predecessor",
    "membership_predecessor",
    "membership_update",
    "membership_validate",
    "organisation_save",
    "person_anonymise",
    "person_export",
    "person_save",
    "plan_adopt",
    "plan_adoption_validate",
    "plan_create",
    "plan_update",
    "predecessor_for",
    "representative_of",
    "succession_errors",
]
