"""Bring an existing intervention register in from Excel: a template, a preview with every row's
problems, and an all-or-nothing import that matches rows to existing interventions by title, so that
a second import updates instead of duplicating.

Rows are checked with the same rules as the pages (the services validate every row); nothing is
written unless every row is right.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from areas.models import ActionLine
from core.money import MoneyParseError, parse_money
from core.registers import register_rows

from . import services
from .models import EvidenceLevel, Intervention

MAX_ROWS = 2000
COLUMNS = [
    ("title", gettext_lazy("Titel")),
    ("action_line", gettext_lazy("Actielijn (1-4)")),
    ("target_group", gettext_lazy("Doelgroep")),
    ("age_min", gettext_lazy("Leeftijd van")),
    ("age_max", gettext_lazy("Leeftijd tot en met")),
    ("start_date", gettext_lazy("Startdatum")),
    ("end_date", gettext_lazy("Einddatum")),
    ("planned_budget", gettext_lazy("Begroting (€)")),
    ("description", gettext_lazy("Omschrijving")),
]


@dataclass
class Row:
    number: int
    fields: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    existing_id: int | None = None

    @property
    def action(self) -> str:
        return _("bijwerken") if self.existing_id else _("nieuw")

    def as_session(self) -> dict:
        data = {
            k: (v.isoformat() if isinstance(v, datetime.date) else str(v) if isinstance(v, Decimal) else v)
            for k, v in self.fields.items()
        }
        return {"number": self.number, "fields": data, "existing_id": self.existing_id}


def column_titles() -> list[str]:
    """The column titles, always in Dutch: a register made in one language reads in the other."""
    with translation.override("nl"):
        return [str(title) for _, title in COLUMNS]


def template_workbook() -> bytes:
    """An empty register with the columns in order and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Interventies"))
    sheet.append(column_titles())
    sheet.append(
        ["Straatmaatjes", 4, "Jongeren 12-18", 12, 18, "2026-01-01", "2026-12-31", "125.000,50", "Voorbeeld; vervang."]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _date(value, column: str, errors: list[str]):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(_("%(column)s: geen datum (bijvoorbeeld 31-12-2026).") % {"column": column})
    return None


def _int(value, column: str, errors: list[str]):
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        errors.append(_("%(column)s: geen geheel getal.") % {"column": column})
        return None


def _money(value, column: str, errors: list[str]):
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    try:
        return parse_money(str(value))
    except MoneyParseError:
        errors.append(_("%(column)s: geen bedrag (bijvoorbeeld 125.000,50).") % {"column": column})
        return None


def parse(upload, *, area) -> list[Row]:
    """Read the workbook into rows with their problems and their match (by title, in the area)."""
    lines = {line.number: line for line in ActionLine.objects.all()}
    existing = {title.casefold(): pk for pk, title in Intervention.objects.filter(area=area).values_list("pk", "title")}
    titles = column_titles()
    rows: list[Row] = []
    seen: dict[str, int] = {}
    names = [name for name, _title in COLUMNS]
    for number, cells in register_rows(upload, names=names, titles=titles, max_rows=MAX_ROWS):
        row = Row(number=number)
        errors = row.errors
        title = str(cells["title"] or "").strip()
        if not title:
            errors.append(_("Titel ontbreekt."))
        elif title.casefold() in seen:
            errors.append(_("Titel staat ook in rij %(row)s.") % {"row": seen[title.casefold()]})
        seen.setdefault(title.casefold(), number)
        line_number = _int(cells["action_line"], titles[1], errors)
        if line_number is not None and line_number not in lines:
            errors.append(_("Actielijn %(n)s bestaat niet (1 tot en met 4).") % {"n": line_number})
        row.fields = {
            "title": title,
            "action_line": line_number,
            "target_group": str(cells["target_group"] or "").strip(),
            "age_min": _int(cells["age_min"], titles[3], errors),
            "age_max": _int(cells["age_max"], titles[4], errors),
            "start_date": _date(cells["start_date"], titles[5], errors),
            "end_date": _date(cells["end_date"], titles[6], errors),
            "planned_budget": _money(cells["planned_budget"], titles[7], errors),
            "description": str(cells["description"] or "").strip(),
        }
        row.existing_id = existing.get(title.casefold())
        if not errors:
            errors.extend(_model_errors(row, area=area, lines=lines))
        rows.append(row)
    return rows


def _instance_fields(row_fields: dict, lines: dict) -> dict:
    data = dict(row_fields)
    data["action_line"] = lines.get(data["action_line"])
    data.setdefault("evidence_level", EvidenceLevel.UNKNOWN)
    return data


def _model_errors(row: Row, *, area, lines) -> list[str]:
    """The model's own rules (ages, dates, figures) for this row, as the pages check them."""
    candidate = Intervention(area=area, **_instance_fields(row.fields, lines))
    try:
        candidate.full_clean(exclude=["status"])
    except ValidationError as exc:
        return [f"{message}" for messages in exc.message_dict.values() for message in messages]
    return []


def rows_from_session(data: list[dict]) -> list[Row]:
    rows = []
    for item in data:
        fields = dict(item["fields"])
        for name in ("start_date", "end_date"):
            fields[name] = datetime.date.fromisoformat(fields[name]) if fields[name] else None
        if fields.get("planned_budget") is not None:
            fields["planned_budget"] = Decimal(fields["planned_budget"])
        rows.append(Row(number=item["number"], fields=fields, existing_id=item["existing_id"]))
    return rows


@transaction.atomic
def register_import(*, rows: list[Row], area, actor) -> tuple[int, int]:
    """Create or update every row, all or nothing. Returns (created, updated)."""
    if any(row.errors for row in rows):
        raise ValidationError(_("Los eerst de problemen in de rijen op; er is niets ingelezen."))
    lines = {line.number: line for line in ActionLine.objects.all()}
    created = updated = 0
    for row in rows:
        fields = _instance_fields(row.fields, lines)
        if row.existing_id:
            fields.pop("evidence_level")  # an update keeps what the register does not hold
        try:
            if row.existing_id:
                intervention = Intervention.objects.get(pk=row.existing_id, area=area)
                services.intervention_update(intervention=intervention, actor=actor, fields=fields)
                updated += 1
            else:
                services.intervention_create(actor=actor, area=area, fields=fields, comment=_("Ingelezen uit Excel."))
                created += 1
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise ValidationError(
                _("Rij %(row)s: %(problem)s") % {"row": row.number, "problem": " ".join(messages)}
            ) from exc
    return created, updated
