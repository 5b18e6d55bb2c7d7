"""The SiSa export per municipality, made each January for the year before (the municipality sends it
to the CBS by 15 July): for every scheme with a grant to the municipality, its rows for year T, as CSV
and Excel. The same rows and columns as the download on `/middelen/sisa/` (funding's selectors), so the
totals reconcile to the cent with the accepted spending reports."""

from __future__ import annotations

import io

from django.utils.translation import gettext_lazy

from core.exports import SafeWorkbook, _csv_lines
from funding.accounting_views import sisa_header, sisa_lines
from funding.models import Scheme

from ..models import FileFormat, Scope
from ..registry import ReportKind, RunContext, previous_year, register

SISA_EXPORT = "sisa_export"


def _schemes_of(municipality, year: int) -> list[Scheme]:
    """The schemes whose grants reached this municipality and whose years include year T."""
    return list(
        Scheme.objects.filter(
            applications__area__municipality=municipality,
            applications__grant_decision__isnull=False,
            first_year__lte=year,
            last_year__gte=year,
        )
        .distinct()
        .order_by("first_year", "pk")
    )


def build(ctx: RunContext) -> None:
    from funding import accounting_selectors

    municipality = ctx.run.municipality
    year = int(ctx.parameters["year"])
    schemes = _schemes_of(municipality, year)
    ctx.set_total(len(schemes))
    for scheme in schemes:
        indicators = accounting_selectors.sisa_indicators(scheme=scheme, year=year)
        header = sisa_header(indicators)
        rows = list(sisa_lines(scheme=scheme, year=year, indicators=indicators, municipalities=[municipality]))
        stem = f"sisa-{municipality.cbs_code}-{scheme.code}-{year}"
        ctx.add_file(FileFormat.CSV, f"{stem}.csv", "".join(_csv_lines(header, rows)).encode("utf-8"))
        workbook = SafeWorkbook()
        sheet = workbook.create_sheet("SiSa")
        sheet.append([str(cell) for cell in header])
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        ctx.add_file(FileFormat.XLSX, f"{stem}.xlsx", out.getvalue())
        ctx.step()
    ctx.result["schemes"] = [scheme.code for scheme in schemes]


register(
    ReportKind(
        code=SISA_EXPORT,
        label=gettext_lazy("SiSa-bijlage per gemeente"),
        scope=Scope.MUNICIPALITY,
        build=build,
        scheduled_period=previous_year,
        formats=(FileFormat.CSV, FileFormat.XLSX),
        description=gettext_lazy("De SiSa-regels van de gemeente over het vorige jaar, per regeling."),
    )
)
