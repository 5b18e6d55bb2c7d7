"""The yearly national progress report: the monitor, the money per theme, and a section per area.

PDF for reading, Excel with the same figures for working with them.
"""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from openpyxl import Workbook

from core.money import euro

from .. import pdf, selectors
from ..models import FileFormat, Scope
from ..registry import ReportKind, RunContext, previous_year, register
from .area import money_blocks

NATIONAL_YEARLY = "national_yearly"


def _figure(value) -> str:
    return "" if value is None else str(value).replace(".", ",")


def monitor_blocks(groups: list[dict]) -> list[pdf.Block]:
    blocks: list[pdf.Block] = []
    for group in groups:
        years = group["years"]
        header = [_("Indicator")] + [f"{y} NPLV / NL" for y in years]
        rows = [
            [row["indicator"].name] + [f"{_figure(c['nplv'])} / {_figure(c['nl'])}" for c in row["years"]]
            for row in group["rows"]
        ]
        blocks.append(pdf.Text(str(group["line"])))
        blocks.append(pdf.Grid(header=header, rows=rows, numeric=tuple(range(1, len(years) + 1))))
    if not groups:
        blocks.append(pdf.Text(_("Er zijn geen monitorcijfers geladen.")))
    return blocks


def workbook(money: list[dict], sections: list[dict]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Geld per thema"))
    sheet.append(
        [_("Regeling"), _("Thema"), _("Plafond"), _("Aangevraagd"), _("Toegekend"), _("Betaald"), _("Besteed")]
    )
    for block in money:
        for r in block["rows"]:
            sheet.append([block["scheme"].name, r["theme"].name, *(r[c] for c in selectors.MONEY_COLUMNS)])
    sheet = book.create_sheet(_("Per gebied"))
    sheet.append(
        [
            _("Gebied"),
            _("Gemeente"),
            _("Plafond"),
            _("Aangevraagd"),
            _("Toegekend"),
            _("Betaald"),
            _("Besteed"),
            _("Lopende interventies"),
            _("Open knelpunten"),
            _("Overleggen"),
        ]
    )
    for s in sections:
        sheet.append(
            [
                s["area"].name,
                s["area"].municipality.name,
                *(s["money"][c] for c in selectors.MONEY_COLUMNS),
                s["running"],
                s["open_bottlenecks"],
                s["meetings"],
            ]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def section_blocks(ctx: RunContext, groups, money, sections, year: int):
    """The document's blocks, made as the layout reaches them; a step per area."""
    yield pdf.Heading(_("Landelijke monitor"))
    yield from monitor_blocks(groups)
    yield pdf.Heading(_("Geld per thema"))
    yield from money_blocks(money)
    yield pdf.Heading(_("Per gebied"))
    for s in sections:
        m = s["money"]
        yield pdf.Heading(s["area"].name, level=3)
        yield pdf.Grid(
            header=[_("Plafond"), _("Aangevraagd"), _("Toegekend"), _("Betaald"), _("Besteed")],
            rows=[[euro(m[c]) for c in selectors.MONEY_COLUMNS]],
            numeric=(0, 1, 2, 3, 4),
        )
        yield pdf.Text(
            _(
                "Lopende interventies: %(running)s · open knelpunten: %(bottlenecks)s · alliantieoverleggen in %(year)s: %(meetings)s"
            )
            % {"running": s["running"], "bottlenecks": s["open_bottlenecks"], "year": year, "meetings": s["meetings"]}
        )
        ctx.step()


def build(ctx: RunContext) -> None:
    year = int(ctx.parameters["year"])
    with override("nl"):
        groups = selectors.national_monitor()
        money = selectors.money_table(area_ids=None)
        sections = selectors.area_sections(year=year)
        ctx.set_total(len(sections) + 3)
        ctx.step()
        blocks = section_blocks(ctx, groups, money, sections, year)
        title = _("Voortgangsrapportage NPLV %(year)s") % {"year": year}
        subtitle = _(
            "Landelijke cijfers, geld per thema en een paragraaf per gebied. Plafonds per gebied zijn illustratief."
        )
        ctx.add_file(
            FileFormat.PDF,
            f"voortgangsrapportage-{year}.pdf",
            pdf.render(title=title, subtitle=subtitle, blocks=blocks, wide=True),
        )
        ctx.step()
        ctx.add_file(FileFormat.XLSX, f"voortgangsrapportage-{year}.xlsx", workbook(money, sections))
        ctx.step()
    ctx.result.update({"year": year, "areas": len(sections)})


register(
    ReportKind(
        code=NATIONAL_YEARLY,
        label=gettext_lazy("Landelijke voortgangsrapportage"),
        scope=Scope.NATIONAL,
        build=build,
        scheduled_period=previous_year,
        startable=True,
        formats=(FileFormat.PDF, FileFormat.XLSX),
        description=gettext_lazy(
            "De landelijke monitor, het geld per thema en een paragraaf per gebied over één jaar."
        ),
    )
)
