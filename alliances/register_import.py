"""Bring an existing member list in from Excel: a template, a preview with every row's problems, and
an all-or-nothing import. A row is matched to the seat of the same person (by name) in the same
role, so a second import updates instead of duplicating.

The preview runs the real services in a transaction that is rolled back, so it finds exactly the
problems the import would meet (the rules on chairs, rijksvertegenwoordigers, terms and overlaps).
A new chair or rijksvertegenwoordiger is not taken from a spreadsheet: that is a succession step.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from core.registers import register_rows

from . import services
from .models import MemberRole, Membership, Organisation, Person

MAX_ROWS = 500
COLUMNS = [
    ("name", gettext_lazy("Naam")),
    ("email", gettext_lazy("E-mailadres")),
    ("phone", gettext_lazy("Telefoon")),
    ("role", gettext_lazy("Rol")),
    ("organisation", gettext_lazy("Organisatie")),
    ("start_date", gettext_lazy("Lid vanaf")),
    ("end_date", gettext_lazy("Lid tot en met")),
]
SINGLE_SEATS = (MemberRole.CHAIR, MemberRole.NATIONAL_REPRESENTATIVE)


@dataclass
class Row:
    number: int
    fields: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    updates: bool = False

    @property
    def action(self) -> str:
        return _("bijwerken") if self.updates else _("nieuw")


def column_titles() -> list[str]:
    with translation.override("nl"):
        return [str(title) for _, title in COLUMNS]


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(column_titles())
    with translation.override("nl"):
        alderman = str(MemberRole.ALDERMAN.label)
    sheet.append(["Voorbeeld Wethouder", "wethouder@example.nl", "", alderman, "", "01-01-2026", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _role(value) -> str | None:
    text = str(value or "").strip().casefold()
    with translation.override("nl"):
        for choice in MemberRole:
            if text in (choice.value, str(choice.label).casefold(), str(choice.label).split(" (")[0].casefold()):
                return choice.value
    return None


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError


def parse(upload, *, alliance) -> list[Row]:
    titles = column_titles()
    organisations = {
        o.name.casefold(): o.pk for o in Organisation.objects.filter(Q(area=alliance.area) | Q(area__isnull=True))
    }
    rows: list[Row] = []
    names = [name for name, _title in COLUMNS]
    for number, cells in register_rows(upload, names=names, titles=titles, max_rows=MAX_ROWS):
        row = Row(number=number)
        name = str(cells["name"] or "").strip()
        if not name:
            row.errors.append(_("Naam ontbreekt."))
        role = _role(cells["role"])
        if role is None:
            row.errors.append(_("Onbekende rol: %(role)s.") % {"role": cells["role"] or "—"})
        organisation = str(cells["organisation"] or "").strip()
        if organisation and organisation.casefold() not in organisations:
            row.errors.append(_("Onbekende organisatie: %(name)s.") % {"name": organisation})
        dates = {}
        for key in ("start_date", "end_date"):
            try:
                dates[key] = _date(cells[key])
            except ValueError:
                dates[key] = None
                row.errors.append(
                    _("%(column)s: geen datum (bijvoorbeeld 31-12-2026).")
                    % {"column": titles[5 if key == "start_date" else 6]}
                )
        if dates["start_date"] is None and not any("Lid vanaf" in e for e in row.errors):
            row.errors.append(_("Lid vanaf ontbreekt."))
        row.fields = {
            "name": name,
            "email": str(cells["email"] or "").strip(),
            "phone": str(cells["phone"] or "").strip(),
            "role": role,
            "organisation_id": organisations.get(organisation.casefold()) if organisation else None,
            **dates,
        }
        rows.append(row)
    return rows


def _existing(alliance, fields) -> Membership | None:
    return (
        Membership.objects.filter(alliance=alliance, person__name__iexact=fields["name"], role=fields["role"])
        .order_by("-start_date")
        .first()
    )


def _apply_row(row: Row, *, alliance, actor) -> None:
    fields = row.fields
    organisation = (
        Organisation.objects.filter(pk=fields["organisation_id"]).first() if fields["organisation_id"] else None
    )
    existing = _existing(alliance, fields)
    row.updates = existing is not None
    if existing is not None:
        changes = {"start_date": fields["start_date"], "end_date": fields["end_date"]}
        if organisation is not None:  # an empty cell keeps the organisation on record
            changes["organisation"] = organisation
        services.membership_update(membership=existing, actor=actor, **changes)
        return
    if fields["role"] in SINGLE_SEATS:
        raise ValidationError(
            _("Een nieuwe voorzitter of rijksvertegenwoordiger leest u niet in: gebruik ‘Opvolger vastleggen’.")
        )
    person = Person.objects.filter(area=alliance.area, name__iexact=fields["name"]).first()
    services.membership_create(
        alliance=alliance,
        actor=actor,
        role=fields["role"],
        start_date=fields["start_date"],
        end_date=fields["end_date"],
        person=person,
        person_name=fields["name"],
        email=fields["email"],
        phone=fields["phone"],
        organisation=organisation,
    )


def _messages(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def preview(rows: list[Row], *, alliance, actor) -> list[Row]:
    """Try every row with the real rules, then roll everything back; problems land on the rows."""
    with transaction.atomic():
        for row in rows:
            if row.errors:
                continue
            savepoint = transaction.savepoint()
            try:
                _apply_row(row, alliance=alliance, actor=actor)
            except (ValidationError, PermissionDenied) as exc:
                transaction.savepoint_rollback(savepoint)
                row.errors.append(_messages(exc))
            else:
                transaction.savepoint_commit(savepoint)
        transaction.set_rollback(True)
    return rows


@transaction.atomic
def register_import(*, rows: list[Row], alliance, actor) -> tuple[int, int]:
    """Every row, all or nothing. Returns (created, updated)."""
    if any(row.errors for row in rows):
        raise ValidationError(_("Los eerst de problemen in de rijen op; er is niets ingelezen."))
    created = updated = 0
    for row in rows:
        try:
            _apply_row(row, alliance=alliance, actor=actor)
        except (ValidationError, PermissionDenied) as exc:
            raise ValidationError(
                _("Rij %(row)s: %(problem)s") % {"row": row.number, "problem": _messages(exc)}
            ) from exc
        updated += row.updates
        created += not row.updates
    return created, updated


def to_session(rows: list[Row]) -> list[dict]:
    return [
        {
            "number": row.number,
            "fields": {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in row.fields.items()},
        }
        for row in rows
    ]


def from_session(data: list[dict]) -> list[Row]:
    rows = []
    for item in data:
        fields = dict(item["fields"])
        for key in ("start_date", "end_date"):
            fields[key] = datetime.date.fromisoformat(fields[key]) if fields[key] else None
        rows.append(Row(number=item["number"], fields=fields))
    return rows
