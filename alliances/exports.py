"""The columns of the alliances' exports: members (with contact details only where allowed) and bottlenecks."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.exports import CSV, XLSX, export_response, workbook_response  # noqa: F401  (the writers, for this app's views)

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
    for m in memberships.iterator(chunk_size=500):
        yield [
            m.person.name,
            m.organisation.name if m.organisation_id else "",
            str(m.get_role_display()),
            gettext("ja") if m.is_mayor else "",
            str(m.get_rank_display()) if m.rank else "",
            m.ministry,
            m.start_date,
            m.end_date,
            m.person.email if with_contacts else "",
            m.person.phone if with_contacts else "",
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
    for b in bottlenecks.iterator(chunk_size=500):
        yield [
            b.area.name,
            b.title,
            b.regulation,
            str(b.action_line),
            str(b.get_status_display()),
            b.owner.person.name if b.owner_id else "",
            b.signalled_on,
            b.description,
            b.resolution,
        ]
