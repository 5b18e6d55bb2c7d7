"""The columns of the alliances' exports: members (with contact details only where allowed) and bottlenecks.

Rows come from one query of plain values (`values_list`) with the names joined (person, organisation,
area, action line, owner); choice labels are translated once per export, not per cell.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.exports import CSV, XLSX, choice_labels, export_response, workbook_response  # noqa: F401  (the writers, for this app's views)

from .models import BottleneckStatus, CivilServiceRank, MemberRole

CHUNK = 500


MEMBER_HEADER = [
    _("Naam"),
    _("Organisatie"),
    _("Rol"),
    _("Burgemeester"),
    _("Rang"),
    _("Ministerie"),
    _("Vanaf"),
    _("Tot en met"),
    _("E-mail"),
    _("Telefoon"),
]


def member_rows(memberships, *, with_contacts: bool):
    roles, ranks, yes = choice_labels(MemberRole.choices), choice_labels(CivilServiceRank.choices), gettext("ja")
    values = memberships.values_list(
        "person__name",
        "organisation__name",
        "role",
        "is_mayor",
        "rank",
        "ministry",
        "start_date",
        "end_date",
        "person__email",
        "person__phone",
    )
    for name, organisation, role, is_mayor, rank, ministry, start, end, email, phone in values.iterator(
        chunk_size=CHUNK
    ):
        yield [
            name,
            organisation or "",
            roles.get(role, role),
            yes if is_mayor else "",
            ranks.get(rank, rank) if rank else "",
            ministry,
            start,
            end,
            email if with_contacts else "",
            phone if with_contacts else "",
        ]


BOTTLENECK_HEADER = [
    _("Gebied"),
    _("Titel"),
    _("Wet of regeling"),
    _("Actielijn"),
    _("Status"),
    _("Eigenaar"),
    _("Gesignaleerd op"),
    _("Omschrijving"),
    _("Oplossing"),
]


def bottleneck_rows(bottlenecks):
    statuses = choice_labels(BottleneckStatus.choices)
    values = bottlenecks.values_list(
        "area__name",
        "title",
        "regulation",
        "action_line__number",
        "action_line__name",
        "status",
        "owner__person__name",
        "signalled_on",
        "description",
        "resolution",
    )
    for area, title, regulation, number, line, status, owner, signalled, description, resolution in values.iterator(
        chunk_size=CHUNK
    ):
        yield [
            area,
            title,
            regulation,
            f"{number}. {line}",  # as `ActionLine.__str__`
            statuses.get(status, status),
            owner or "",
            signalled,
            description,
            resolution,
        ]
