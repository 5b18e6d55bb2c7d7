"""Bottlenecks an area signals: the owner (the area's rijksvertegenwoordiger) and their workflow."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import ActionLine, Area
from core.permissions import require
from core.workflow import apply_transition

from ..models import Bottleneck, BottleneckStatus, MemberRole, Membership
from ._common import MANAGE_ALLIANCE, NOT_YOUR_ALLIANCE, _assign


def bottleneck_validate(bottleneck: Bottleneck) -> None:
    """The owner is the area's rijksvertegenwoordiger; escalation names one; a closed bottleneck says how."""
    errors: dict[str, list[str]] = {}
    if bottleneck.owner_id is not None:
        owner = bottleneck.owner
        if owner.role != MemberRole.NATIONAL_REPRESENTATIVE or owner.alliance.area_id != bottleneck.area_id:
            errors["owner"] = [
                _("Regel eigenaar knelpunt: de eigenaar is de rijksvertegenwoordiger van %(area)s.")
                % {"area": bottleneck.area.name}
            ]
        elif owner.end_date is not None and owner.end_date < timezone.localdate():
            errors["owner"] = [_("Regel eigenaar knelpunt: de termijn van deze rijksvertegenwoordiger is voorbij.")]
    if bottleneck.status == BottleneckStatus.ESCALATED and bottleneck.owner_id is None:
        errors.setdefault("owner", []).append(
            _("Regel escalatie: een geëscaleerd knelpunt noemt de rijksvertegenwoordiger als eigenaar.")
        )
    if (
        bottleneck.status in (BottleneckStatus.RESOLVED, BottleneckStatus.NOT_SOLVABLE)
        and not bottleneck.resolution.strip()
    ):
        errors.setdefault("resolution", []).append(
            _("Regel afhandeling: beschrijf de oplossing of waarom het knelpunt niet oplosbaar is.")
        )
    if errors:
        raise ValidationError(errors)


def representative_of(*, area: Area, day: datetime.date | None = None) -> Membership | None:
    day = day or timezone.localdate()
    return (
        Membership.objects.filter(alliance__area=area, role=MemberRole.NATIONAL_REPRESENTATIVE)
        .active_on(day)
        .select_related("person")
        .first()
    )


@transaction.atomic
def bottleneck_create(
    *,
    area: Area,
    actor,
    title: str,
    description: str,
    regulation: str,
    action_line: ActionLine,
    owner: Membership | None = None,
    signalled_on: datetime.date | None = None,
) -> Bottleneck:
    """Signal a bottleneck; without an owner it goes to the area's rijksvertegenwoordiger."""
    require(actor, MANAGE_ALLIANCE, area, message=NOT_YOUR_ALLIANCE)
    bottleneck = Bottleneck(
        area=area,
        title=title,
        description=description,
        regulation=regulation,
        action_line=action_line,
        owner=owner or representative_of(area=area),
        signalled_on=signalled_on or timezone.localdate(),
    )
    bottleneck_validate(bottleneck)
    bottleneck.full_clean()
    bottleneck.save()
    return bottleneck


BOTTLENECK_FIELDS = ("title", "description", "regulation", "action_line", "owner")


@transaction.atomic
def bottleneck_update(*, bottleneck: Bottleneck, actor, **changes) -> Bottleneck:
    require(actor, MANAGE_ALLIANCE, bottleneck, message=NOT_YOUR_ALLIANCE)
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    _assign(bottleneck, changes, allowed=BOTTLENECK_FIELDS)
    bottleneck_validate(bottleneck)
    bottleneck.full_clean()
    bottleneck.save()
    return bottleneck


BOTTLENECK_TRANSITIONS = {
    "start": gettext_lazy("In behandeling nemen"),
    "escalate": gettext_lazy("Escaleren"),
    "resolve": gettext_lazy("Opgelost"),
    "mark_not_solvable": gettext_lazy("Niet oplosbaar"),
}


@transaction.atomic
def bottleneck_transition(
    *, bottleneck: Bottleneck, actor, name: str, comment: str = "", resolution: str = ""
) -> Bottleneck:
    """Move a bottleneck along signalled → in_progress → escalated → resolved / not solvable."""
    require(actor, MANAGE_ALLIANCE, bottleneck, message=NOT_YOUR_ALLIANCE)
    if name not in BOTTLENECK_TRANSITIONS:
        raise ValidationError(_("Onbekende statuswijziging: %(name)s.") % {"name": name})
    bottleneck = Bottleneck.objects.select_for_update().select_related("area").get(pk=bottleneck.pk)
    kwargs = {"resolution": resolution} if name in ("resolve", "mark_not_solvable") else {}
    if name == "escalate" and bottleneck.owner_id is None:
        raise ValidationError(
            _("Regel escalatie: een geëscaleerd knelpunt noemt de rijksvertegenwoordiger als eigenaar.")
        )
    if kwargs and not resolution.strip():
        raise ValidationError(
            {"resolution": _("Regel afhandeling: beschrijf de oplossing of waarom het knelpunt niet oplosbaar is.")}
        )
    return apply_transition(obj=bottleneck, name=name, actor=actor, comment=comment, **kwargs)
