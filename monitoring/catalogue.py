"""The indicator catalogue: the 37 series of the published monitor, their units, direction and wholes.

Indicators are reference data: the importer refuses a figure for an unknown code instead of creating
the indicator. The catalogue is loaded from the published table (names and action lines) plus what
the table does not say (below): which shares form one whole, and whether a higher figure is better.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from areas.models import ActionLine
from core.reference import upsert

from .models import Indicator, IndicatorPartition, IndicatorUnit

MONITOR_CSV = Path(__file__).resolve().parent / "data" / "nplv_monitor_2018_2024.csv"

# code prefix → (partition code, name, tolerance in percentage points). The school advice is published
# in whole percentages: seven parts, each rounded by at most half a point.
PARTITIONS = {
    "schooladvies_": ("schooladvies", _("Definitief schooladvies PO (alle adviezen samen)"), Decimal("3.5")),
    "woningvoorraad_": (
        "woningvoorraad",
        _("Samenstelling woningvoorraad (koop, particuliere huur, corporatiehuur)"),
        Decimal("0.1"),
    ),
    "woonduur_": ("woonduur", _("Woonduur (alle duurklassen samen)"), Decimal("0.1")),
    "inkomen_": ("inkomensgroepen", _("Inkomensgroepen (midden- en hoge inkomens)"), Decimal("0.1")),
}

# Whether a higher figure is better; series not named here are parts of a whole or neutral (None).
HIGHER_IS_BETTER = {
    "arbeidsparticipatie_15_74": True,
    "arbeidsparticipatie_15_24": True,
    "ervaren_gezondheid": True,
    "inkomen_midden": True,
    "inkomen_hoog": True,
}
LOWER_IS_BETTER_PREFIXES = (
    "lbm_",
    "energielabel_",
    "energiearmoede",
    "armoede_",
    "bijstand",
    "afstromers_",
    "startkwalificatie_",
    "verdacht_",
)


def _direction(code: str) -> bool | None:
    if code in HIGHER_IS_BETTER:
        return HIGHER_IS_BETTER[code]
    if code.startswith(LOWER_IS_BETTER_PREFIXES):
        return False
    return None


@transaction.atomic
def catalogue_load(*, path: Path = MONITOR_CSV) -> int:
    """Create or update the partitions and the indicators of the published monitor. Idempotent."""
    partitions = {}
    for prefix, (code, name, tolerance) in PARTITIONS.items():
        partitions[prefix], _result = upsert(
            IndicatorPartition, {"code": code}, {"name": str(name), "tolerance": tolerance}
        )
    lines = {line.number: line for line in ActionLine.objects.all()}
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["indicator_code"].strip()
            if code in seen:
                continue
            seen.add(code)
            partition = next((p for prefix, p in partitions.items() if code.startswith(prefix)), None)
            upsert(
                Indicator,
                {"code": code},
                {
                    "action_line": lines[int(row["actielijn"])],
                    "name": row["indicator"].strip(),
                    "specification": row["specificatie"].strip(),
                    "unit": IndicatorUnit.PERCENTAGE,
                    "higher_is_better": _direction(code),
                    "partition": partition,
                },
            )
    return len(seen)
