"""Schemes, themes and legal bases from `funding/data/schemes.json`, and illustrative ceilings.

Loading again (every `make run`) creates what is missing and leaves the rest: budgets and ceilings
that users changed (through `services.ceiling_update` and `services.theme_budgets_update`) stay.

The per-area ceilings of SPUK Kansrijke Wijk 2026–2028 are not public. `ceilings_generate` divides
each theme's budget over the real areas in proportion to their residents, in whole cents, by the
largest-remainder method, so that every theme's ceilings add up to its budget exactly. They are
marked illustrative in the data and on screen.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from areas.models import Area
from areas.reference import upsert

from .models import Ceiling, LegalBasis, Scheme, SisaIndicator, Theme

SCHEMES_JSON = Path(__file__).resolve().parent / "data" / "schemes.json"
SISA_JSON = Path(__file__).resolve().parent / "data" / "sisa_indicators.json"
CENT = Decimal("0.01")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


@transaction.atomic
def reference_load_schemes(*, path: Path = SCHEMES_JSON) -> Counter:
    outcome: Counter = Counter()
    for item in json.loads(path.read_text(encoding="utf-8")):
        scheme, result = upsert(
            Scheme,
            {"code": item["code"]},
            {
                "name": item["name"],
                "short_name": item.get("short_name") or "",
                "lead_ministry": item["lead_ministry"],
                "first_year": item["first_year"],
                "last_year": item["last_year"],
                "total_budget": _money(item.get("total_budget")),
                "application_opens": _date(item.get("application_opens")),
                "application_closes": _date(item.get("application_closes")),
                "decision_deadline": _date(item.get("decision_deadline")),
                "carry_over_rule": item.get("carry_over_rule") or "",
                "description": item.get("description") or "",
            },
            create_only=("total_budget",),
        )
        outcome[f"regelingen {result}"] += 1
        outcome += _fill_scheme_settings(scheme, item)
        for position, theme in enumerate(item["themes"], start=1):
            _, result = upsert(
                Theme,
                {"scheme": scheme, "code": theme["code"]},
                {
                    "name": theme["name"],
                    "ministry": theme.get("ministry") or "",
                    "budget": _money(theme.get("budget")),
                    "is_integral": bool(theme.get("is_integral")),
                    "description": theme.get("description") or "",
                    "position": position,
                },
                create_only=("budget",),
            )
            outcome[f"thema's {result}"] += 1
        for basis in item.get("legal_bases", []):
            _, result = upsert(
                LegalBasis,
                {"scheme": scheme, "citation": basis["citation"]},
                {"title": basis["title"], "kind": basis["kind"], "note": basis.get("note") or ""},
            )
            outcome[f"grondslagen {result}"] += 1
    return outcome


def _fill_scheme_settings(scheme: Scheme, item: dict) -> Counter:
    """Carry-over rule and letter settings: set where still empty, never overwriting an edit in the admin."""
    values = {}
    carry_over = item.get("carry_over")
    if carry_over and not scheme.carry_over_kind:
        values.update(
            carry_over_kind=carry_over["kind"],
            carry_over_max_share=Decimal(carry_over["max_share"]),
            carry_over_to_integral=bool(carry_over.get("to_integral")),
        )
    for name in ("objection_addressee", "objection_address", "signatory_function"):
        if item.get(name) and not getattr(scheme, name):
            values[name] = item[name]
    if not values:
        return Counter()
    for name, value in values.items():
        setattr(scheme, name, value)
    scheme.save(update_fields=list(values))
    return Counter({"regelingsinstellingen aangevuld": 1})


@transaction.atomic
def reference_load_sisa_indicators(*, path: Path = SISA_JSON) -> Counter:
    """Illustrative SiSa indicators per scheme and year: created where missing, never overwritten."""
    outcome: Counter = Counter()
    data = json.loads(path.read_text(encoding="utf-8"))
    for spec in data["schemes"]:
        scheme = Scheme.objects.filter(code=spec["scheme"]).first()
        if scheme is None:
            continue
        items = [(None, i) for i in data["indicators"]]
        if spec["per_theme"]:
            items += [(theme, i) for theme in scheme.themes.order_by("position") for i in data["theme_indicators"]]
        for year in scheme.years:
            for number, (theme, indicator) in enumerate(items, start=1):
                label = indicator["label"] % {"theme": theme.name} if theme else indicator["label"]
                _, created = SisaIndicator.objects.get_or_create(
                    scheme=scheme,
                    year=year,
                    code=f"{spec['grant_code']}/{number:02d}",
                    defaults={
                        "distributor": spec["distributor"],
                        "grant_code": spec["grant_code"],
                        "label": label,
                        "control": indicator["control"],
                        "measure": indicator["measure"],
                        "theme": theme,
                        "position": number,
                        "is_illustrative": True,
                    },
                )
                outcome["SiSa-indicatoren created" if created else "SiSa-indicatoren unchanged"] += 1
    return outcome


def split_in_cents(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Split `total` over `weights` in whole cents; the parts add up to `total` exactly.

    Largest remainder: every part gets the floor of its share, and the cents left over go one by one
    to the largest remainders (ties to the earlier weight, so the result is deterministic).
    """
    cents = int((total / CENT).to_integral_value())
    if total.quantize(CENT) != total or cents < 0:
        raise ValueError("total must be a non-negative amount in whole cents")
    weight_sum = sum(weights)
    if weight_sum <= 0 or any(w < 0 for w in weights):
        raise ValueError("weights must be non-negative and not all zero")
    floors = [cents * w // weight_sum for w in weights]
    remainders = [cents * w % weight_sum for w in weights]
    left = cents - sum(floors)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        floors[index] += 1
    return [Decimal(c) * CENT for c in floors]


@transaction.atomic
def ceilings_generate(*, scheme: Scheme, areas=None) -> Counter:
    """Illustrative ceilings for every theme with a budget, divided by residents over the areas."""
    outcome: Counter = Counter()
    areas = list((areas if areas is not None else Area.objects.filter(is_synthetic=False)).order_by("name"))
    if not areas:
        return outcome
    for theme in scheme.themes.exclude(budget__isnull=True):
        parts = split_in_cents(theme.budget, [area.residents for area in areas])
        for area, amount in zip(areas, parts, strict=True):
            _, result = upsert(
                Ceiling,
                {"area": area, "theme": theme},
                {"amount": amount, "is_illustrative": True},
                create_only=("amount", "is_illustrative"),
            )
            outcome[f"plafonds {result}"] += 1
    return outcome


def reference_load_all() -> Counter:
    from areas.reference import reference_load_areas
    from monitoring.importer import monitor_import

    outcome = reference_load_areas() + reference_load_schemes() + reference_load_sisa_indicators()
    for scheme in Scheme.objects.filter(themes__budget__isnull=False).distinct():
        outcome += ceilings_generate(scheme=scheme)
    monitor = monitor_import()
    outcome["monitorcijfers created"] += monitor.loaded
    outcome["monitorcijfers unchanged"] += monitor.unchanged
    outcome["monitorcijfers geweigerd"] += len(monitor.refused)
    return outcome
