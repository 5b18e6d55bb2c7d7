"""The real reference data of the programme: municipalities, areas and the four lines of action.

Loading is idempotent: a row is created when missing, updated when it differs, and left alone (no
save, no history entry) when it is already right. Running the loader twice changes nothing.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.reference import upsert

from .models import ActionLine, Area, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"
AREAS_CSV = DATA_DIR / "nplv_areas.csv"

ACTION_LINES = [
    (
        1,
        "Samenhangende aanpak",
        "Integrale aanpak, governance, gebundelde middelen en knelpunten in wet- en regelgeving.",
    ),
    (2, "Fysiek", "Betere woningen en wijken: bouwen, renoveren, verduurzamen, gemengde wijken."),
    (3, "Meedoen", "Armoede en schulden, werk, onderwijs, het jonge kind en gezondheid."),
    (4, "Veilig", "Preventie van jeugdcriminaliteit en weerbaarheid, met Preventie met Gezag."),
]


@transaction.atomic
def reference_load_areas(*, path: Path = AREAS_CSV) -> Counter:
    """Load the 19 municipalities, 20 areas and four action lines. Returns counts per outcome."""
    outcome: Counter = Counter()
    for number, name, description in ACTION_LINES:
        _, result = upsert(ActionLine, {"number": number}, {"name": name, "description": description})
        outcome[f"actielijnen {result}"] += 1
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            municipality, result = upsert(
                Municipality, {"cbs_code": row["cbs_gemeentecode"].strip()}, {"name": row["gemeente"].strip()}
            )
            outcome[f"gemeenten {result}"] += 1 if result != "unchanged" else 0
            name = row["gebied"].strip()
            _, result = upsert(
                Area,
                {"name": name},
                {
                    "slug": slugify(name),
                    "municipality": municipality,
                    "residents": int(row["inwoners_2025"]),
                    "programme_name": row["programma"].strip(),
                },
            )
            outcome[f"gebieden {result}"] += 1
    return outcome
