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

from .models import Ceiling, LegalBasis, Scheme, Theme

SCHEMES_JSON = Path(__file__).resolve().parent / "data" / "schemes.json"
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

    outcome = reference_load_areas() + reference_load_schemes()
    for scheme in Scheme.objects.filter(themes__budget__isnull=False).distinct():
        outcome += ceilings_generate(scheme=scheme)
    monitor = monitor_import()
    outcome["monitorcijfers created"] += monitor.loaded
    outcome["monitorcijfers unchanged"] += monitor.unchanged
    outcome["monitorcijfers geweigerd"] += len(monitor.refused)
    return outcome
