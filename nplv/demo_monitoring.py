"""Demo area figures for the monitor (fictional): a few indicators per real area, loaded by the importer.

Each area's figure is the published NPLV average of that year shifted by a fixed amount per area, so
the charts show areas above and below the average. One figure is deliberately wrong (a percentage
above 100): it is refused and shown as "geweigerd", as a real import would show it. Idempotent: the
same file again changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from accounts.models import User
from areas.models import Area
from monitoring.models import ImportRun, IndicatorValue
from monitoring.services import import_commit, import_preview

DEMO_FILE = "demo-gebiedscijfers.csv"
INDICATORS = ["lbm_algemeen", "lbm_overlast_onveiligheid", "armoede_kinderen", "bijstand", "arbeidsparticipatie_15_74"]


def demo_indicator_figures() -> int:
    """Load the demo area figures once; returns the number of figures loaded."""
    if ImportRun.objects.filter(file_name=DEMO_FILE).exists():
        return 0
    averages = {
        (code, year): value
        for code, year, value in IndicatorValue.objects.filter(
            scope="nplv", indicator__code__in=INDICATORS
        ).values_list("indicator__code", "year", "value")
    }
    lines = ["indicator_code;jaar;gebied;waarde"]
    areas = list(Area.objects.filter(is_synthetic=False).order_by("name"))
    for number, area in enumerate(areas):
        shift = Decimal(number % 9 - 4) * Decimal("1.5")
        for (code, year), average in sorted(averages.items()):
            value = min(max(average + shift * (1 + (year - 2018) % 3) / 2, Decimal(0)), Decimal(100))
            lines.append(f"{code};{year};{area.slug};{str(value.quantize(Decimal('0.01'))).replace('.', ',')}")
    if areas:
        lines.append(f"lbm_algemeen;2019;{areas[0].slug};104,5")  # wrong on purpose: refused, shown as refused
    actor = User.objects.get(username="programmateam")
    run = import_preview(data=("\n".join(lines) + "\n").encode(), name=DEMO_FILE, actor=actor)
    run = import_commit(run=run, actor=actor, only_good_rows=True)
    return run.created
