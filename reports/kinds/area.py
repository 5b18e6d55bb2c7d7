"""The quarterly area report: the area page's story for one quarter, as PDF and the money as CSV."""

from __future__ import annotations

import csv
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from core.money import euro

from .. import pdf, selectors
from ..models import FileFormat, Scope
from ..registry import ReportKind, RunContext, previous_quarter, register

AREA_QUARTERLY = "area_quarterly"


def money_blocks(money: list[dict]) -> list[pdf.Block]:
    blocks: list[pdf.Block] = []
    header = [_("Thema"), _("Plafond"), _("Aangevraagd"), _("Toegekend"), _("Betaald"), _("Besteed")]
    for block in money:
        rows = [[r["theme"].name, *(euro(r[c]) for c in selectors.MONEY_COLUMNS)] for r in block["rows"]]
        rows.append([_("Totaal"), *(euro(block["total"][c]) for c in selectors.MONEY_COLUMNS)])
        blocks.append(pdf.Text(block["scheme"].name))
        blocks.append(pdf.Grid(header=header, rows=rows, numeric=(1, 2, 3, 4, 5), total=True))
    if not money:
        blocks.append(pdf.Text(_("Geen plafonds of aanvragen.")))
    return blocks


def money_csv(money: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [_("Regeling"), _("Thema"), _("Plafond"), _("Aangevraagd"), _("Toegekend"), _("Betaald"), _("Besteed")]
    )
    for block in money:
        for r in block["rows"]:
            writer.writerow([block["scheme"].name, r["theme"].name, *(str(r[c]) for c in selectors.MONEY_COLUMNS)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _day(value) -> str:
    return date_format(value, "j F Y")


def build(ctx: RunContext) -> None:
    area = ctx.run.area
    year, quarter = int(ctx.parameters["year"]), int(ctx.parameters["quarter"])
    ctx.set_total(4)
    with override("nl"):
        data = selectors.area_quarter(area=area, year=year, quarter=quarter)
        ctx.step()
        blocks: list[pdf.Block] = [pdf.Heading(_("Geld")), *money_blocks(data["money"])]
        blocks.append(pdf.Heading(_("Interventies en resultaten")))
        blocks.append(
            pdf.Grid(
                header=[_("Status"), _("Aantal")],
                rows=[[str(label), n] for label, n in data["intervention_counts"]],
                numeric=(1,),
            )
        )
        output_rows = [
            [i.title, m.name, m.unit, "" if m.target is None else m.target, "" if m.actual is None else m.actual]
            for i, measures in data["running"]
            for m in measures
        ]
        if output_rows:
            blocks.append(
                pdf.Grid(
                    header=[_("Lopende interventie"), _("Maat"), _("Eenheid"), _("Doel"), _("Gerealiseerd")],
                    rows=output_rows,
                    numeric=(3, 4),
                )
            )
        if data["progress_updates"]:
            blocks.append(
                pdf.Grid(
                    header=[_("Voortgang dit kwartaal"), _("Stand"), _("Bereik")],
                    rows=[
                        [u.intervention.title, u.get_rag_status_display(), u.reach or ""]
                        for u in data["progress_updates"]
                    ],
                    numeric=(2,),
                )
            )
        ctx.step()
        blocks.append(pdf.Heading(_("Indicatoren")))
        if data["indicators"]:
            blocks.append(
                pdf.Grid(
                    header=[_("Indicator"), _("Jaar"), _("Waarde")],
                    rows=[[v.indicator.name, v.year, f"{v.value} {v.indicator.unit}"] for v in data["indicators"]],
                    numeric=(1, 2),
                )
            )
        else:
            blocks.append(
                pdf.Text(_("Voor dit gebied zijn geen eigen indicatorwaarden geladen; zie de landelijke monitor."))
            )
        blocks.append(pdf.Heading(_("Knelpunten")))
        blocks.append(
            pdf.Text(
                _("Open knelpunten: %(open)s; gesignaleerd dit kwartaal: %(new)s.")
                % {"open": len(data["open_bottlenecks"]), "new": data["new_bottlenecks"]}
            )
        )
        if data["open_bottlenecks"]:
            blocks.append(
                pdf.Grid(
                    header=[_("Knelpunt"), _("Status"), _("Gesignaleerd")],
                    rows=[[b.title, b.get_status_display(), _day(b.signalled_on)] for b in data["open_bottlenecks"]],
                )
            )
        blocks.append(pdf.Heading(_("Overleg en besluiten")))
        blocks.append(
            pdf.Text(
                _("Alliantieoverleggen dit kwartaal: %(meetings)s; besluiten: %(decisions)s.")
                % {"meetings": len(data["meetings"]), "decisions": data["decision_count"]}
            )
        )
        decision_rows = [
            [_day(m.date), d.get_subject_display(), d.get_outcome_display(), d.text]
            for m in data["meetings"]
            for d in m.decisions.all()
        ]
        if decision_rows:
            blocks.append(
                pdf.Grid(header=[_("Datum"), _("Onderwerp"), _("Uitkomst"), _("Besluit")], rows=decision_rows)
            )
        ctx.step()
        title = _("Kwartaalrapportage %(area)s, %(quarter)se kwartaal %(year)s") % {
            "area": area.name,
            "quarter": quarter,
            "year": year,
        }
        subtitle = _("Periode %(first)s tot en met %(last)s. Plafonds per gebied zijn illustratief.") % {
            "first": _day(data["first"]),
            "last": _day(data["last"]),
        }
        stem = f"kwartaalrapportage-{area.slug}-{year}-k{quarter}"
        ctx.add_file(FileFormat.PDF, f"{stem}.pdf", pdf.render(title=title, subtitle=subtitle, blocks=blocks))
        ctx.add_file(FileFormat.CSV, f"{stem}-geld.csv", money_csv(data["money"]))
        ctx.step()
    ctx.result.update({"year": year, "quarter": quarter})


register(
    ReportKind(
        code=AREA_QUARTERLY,
        label=gettext_lazy("Kwartaalrapportage gebied"),
        scope=Scope.AREA,
        build=build,
        scheduled_period=previous_quarter,
        startable=True,
        formats=(FileFormat.PDF, FileFormat.CSV),
        description=gettext_lazy(
            "Geld, interventies en resultaten, indicatoren, knelpunten, overleg en besluiten van één kwartaal."
        ),
    )
)
