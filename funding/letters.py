"""The decision letter (beschikking) as a PDF, in Dutch, laid out with ReportLab (see docs/decisions/0001).

The letter names the area and the municipality (with its CBS code) the grant is paid to, the legal
basis of the scheme, a table of the requested and granted amounts per theme and year with totals,
the date and the reference number. Amounts are summed in the database.
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from xml.sax.saxutils import escape

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import override
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.money import cents, euro
from core.tagged_pdf import Tagger

from .models import ApplicationLine, GrantDecision, PaymentInstalment, Review

FINANCIAL_RELATIONS_ACT = "Financiële-verhoudingswet, artikel 15a (grondslag van elke specifieke uitkering)"


def _dutch_date(moment) -> str:
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    with override("nl"):
        return formats.date_format(moment, "j F Y")


def letter_table(decision: GrantDecision) -> tuple[list[int], list[dict], dict]:
    """Per theme: requested and granted per year and in total; plus the grand totals."""
    application = decision.application
    years = list(application.scheme.years)
    sums = (
        ApplicationLine.objects.filter(application=application)
        .order_by()
        .values("theme_id", "theme__name", "theme__position", "year")
        .annotate(requested=Sum("amount"), granted=Sum("granted_amount"))
    )
    themes: dict[int, dict] = {}
    for row in sums:
        theme = themes.setdefault(
            row["theme_id"],
            {"name": row["theme__name"], "position": row["theme__position"], "granted": {}, "requested": {}},
        )
        theme["granted"][row["year"]] = cents(row["granted"])
        theme["requested"][row["year"]] = cents(row["requested"])
    rows = sorted(themes.values(), key=lambda t: t["position"])
    for theme in rows:
        theme["granted_total"] = sum(theme["granted"].values(), cents(0))
        theme["requested_total"] = sum(theme["requested"].values(), cents(0))
    totals = ApplicationLine.objects.filter(application=application).aggregate(
        requested=Sum("amount"), granted=Sum("granted_amount")
    )
    per_year = {
        row["year"]: cents(row["granted"])
        for row in ApplicationLine.objects.filter(application=application)
        .order_by()
        .values("year")
        .annotate(granted=Sum("granted_amount"))
    }
    return (
        years,
        rows,
        {"requested": cents(totals["requested"]), "granted": cents(totals["granted"]), "years": per_year},
    )


def reduced_lines(decision: GrantDecision) -> list[dict]:
    """The lines granted below the requested amount, each with the reason of its latest recommendation."""
    latest = {}
    for review in Review.objects.filter(line__application=decision.application).order_by("created_at", "pk"):
        latest[review.line_id] = review.reason
    lines = (
        ApplicationLine.objects.filter(application=decision.application)
        .select_related("theme")
        .order_by("theme__position", "year", "pk")
    )
    return [
        {
            "line": line,
            "reason": latest.get(line.pk) or "Het aangevraagde bedrag past niet binnen de regeling.",
            "rejected": not line.granted_amount,
        }
        for line in lines
        if line.granted_amount is not None and line.granted_amount < line.amount
    ]


def payment_schedule(decision: GrantDecision) -> list[dict]:
    """The schedule set for the grant; without one, per year the amount granted for that year, in January."""
    instalments = list(PaymentInstalment.objects.filter(grant_decision=decision).order_by("due_on", "pk"))
    if instalments:
        return [{"year": i.year, "amount": i.amount, "due_on": i.due_on} for i in instalments]
    per_year = (
        ApplicationLine.objects.filter(application=decision.application)
        .order_by("year")
        .values("year")
        .annotate(granted=Sum("granted_amount"))
    )
    decided = (
        timezone.localtime(decision.decided_at).date()
        if timezone.is_aware(decision.decided_at)
        else decision.decided_at
    )
    return [
        {"year": row["year"], "amount": cents(row["granted"]), "due_on": max(date(row["year"], 1, 31), decided)}
        for row in per_year
        if row["granted"]
    ]


def decision_letter_pdf(*, decision: GrantDecision) -> bytes:
    application = decision.application
    area = application.area
    municipality = area.municipality
    scheme = application.scheme
    years, rows, totals = letter_table(decision)
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Beschikking {decision.reference}",
        author="Nationaal Programma Leefbaarheid en Veiligheid",
        lang="nl",
    )
    # The letter text is deliberately not wrapped for translation: a beschikking to a Dutch municipality is
    # a legal decision and is written in Dutch (Awb), whatever language the person deciding has chosen.
    # Labels that do come from translated choices are therefore read in Dutch as well.
    with override("nl"):
        outcome = decision.get_outcome_display().lower()
        lead_ministry = scheme.get_lead_ministry_display()
    story = [
        Paragraph(f"Ministerie van {escape(lead_ministry.split(' (')[0])}", styles["Heading4"]),
        Paragraph("Nationaal Programma Leefbaarheid en Veiligheid", body),
        Spacer(1, 8 * mm),
        Paragraph(
            f"Aan het college van burgemeester en wethouders van de gemeente {escape(municipality.name)} "
            f"(CBS-gemeentecode {escape(municipality.cbs_code)})",
            body,
        ),
        Spacer(1, 6 * mm),
        Table(
            [
                ["Datum", _dutch_date(decision.decided_at)],
                ["Kenmerk", decision.reference],
                ["Uw aanvraag", application.reference],
                ["Gebied", area.name],
                ["Onderwerp", f"Beschikking {scheme.name}"],
            ],
            colWidths=[35 * mm, 135 * mm],
            style=TableStyle([("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 9)]),
            hAlign="LEFT",
        ),
        Spacer(1, 6 * mm),
        Paragraph("Geacht college,", body),
        Paragraph(
            escape(
                f"Op {_dutch_date(application.submitted_at) if application.submitted_at else '—'} heeft u voor het "
                f"gebied {area.name} een aanvraag ingediend voor de {scheme.name}. De alliantie van het gebied heeft "
                f"met de aanvraag ingestemd. Na beoordeling door de betrokken ministeries besluit ik uw aanvraag: "
                f"{outcome}. Ik ken in totaal {euro(totals['granted'])} toe van de aangevraagde "
                f"{euro(totals['requested'])}."
            ),
            body,
        ),
        Paragraph("Juridische grondslag", styles["Heading4"]),
    ]
    for basis in scheme.legal_bases.order_by("citation"):
        story.append(Paragraph(escape(f"• {basis.title} ({basis.citation})"), body))
    story.append(Paragraph(escape(f"• {FINANCIAL_RELATIONS_ACT}"), body))
    story.append(Paragraph("Toegekende bedragen per thema en jaar", styles["Heading4"]))
    header = ["Thema", *[str(year) for year in years], "Toegekend", "Aangevraagd"]
    data = [header]
    for theme in rows:
        data.append(
            [
                Paragraph(escape(theme["name"]), small),
                *[euro(theme["granted"].get(year, 0)) for year in years],
                euro(theme["granted_total"]),
                euro(theme["requested_total"]),
            ]
        )
    data.append(
        [
            "Totaal",
            *[euro(totals["years"].get(year, 0)) for year in years],
            euro(totals["granted"]),
            euro(totals["requested"]),
        ]
    )
    width = 170 * mm
    first = 40 * mm
    other = (width - first) / (len(header) - 1)
    story.append(
        Table(
            data,
            colWidths=[first] + [other] * (len(header) - 1),
            repeatRows=1,
            style=TableStyle(
                [
                    ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.75, colors.black),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#eef4fa")]),
                ]
            ),
        )
    )
    reduced = reduced_lines(decision)
    if reduced:
        story.append(Paragraph("Motivering van verlaagde en afgewezen regels", styles["Heading4"]))
        data = [["Thema en jaar", "Aangevraagd", "Toegekend", "Motivering"]]
        for item in reduced:
            line = item["line"]
            data.append(
                [
                    Paragraph(escape(f"{line.theme.name} {line.year}"), small),
                    euro(line.amount),
                    "afgewezen" if item["rejected"] else euro(line.granted_amount),
                    Paragraph(escape(item["reason"]), small),
                ]
            )
        story.append(
            Table(
                data,
                colWidths=[40 * mm, 27 * mm, 27 * mm, 76 * mm],
                repeatRows=1,
                style=TableStyle(
                    [
                        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                    ]
                ),
            )
        )
    story.append(Paragraph("Betaalschema", styles["Heading4"]))
    story.append(
        Paragraph(
            escape(
                f"De uitkering wordt betaald aan de gemeente {municipality.name} ({municipality.cbs_code}), "
                "in de volgende termijnen:"
            ),
            body,
        )
    )
    schedule = [["Jaar", "Betaaldatum", "Bedrag"]] + [
        [str(item["year"]), _dutch_date(item["due_on"]), euro(item["amount"])] for item in payment_schedule(decision)
    ]
    story.append(
        Table(
            schedule,
            colWidths=[25 * mm, 50 * mm, 40 * mm],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                ]
            ),
        )
    )
    story.append(Paragraph("Voorwaarden", styles["Heading4"]))
    for condition in (
        f"U besteedt de uitkering aan de activiteiten waarvoor zij is toegekend, uiterlijk in {scheme.last_year}. "
        + (scheme.carry_over_rule or ""),
        "U verantwoordt de besteding per thema en per jaar via de SiSa-bijlage bij uw jaarrekening (Single "
        "information, Single audit), die u uiterlijk 15 juli van het jaar na het verantwoordingsjaar bij het CBS "
        "aanlevert.",
        f"Over {scheme.last_year} levert u de eindverantwoording. Daarna stel ik de uitkering vast op het bedrag dat "
        "rechtmatig aan de toegekende activiteiten is besteed.",
        "Wat is betaald maar niet of niet rechtmatig is besteed, vorder ik terug.",
    ):
        story.append(Paragraph(escape(f"• {condition.strip()}"), body))
    story.append(Paragraph("Bezwaar", styles["Heading4"]))
    addressee = scheme.objection_addressee or "de minister die dit besluit heeft genomen"
    address = ", ".join(part.strip() for part in (scheme.objection_address or "").splitlines() if part.strip())
    story.append(
        Paragraph(
            escape(
                "Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de dag waarop dit besluit is "
                f"verzonden bezwaar maken (artikel 6:7 van de Algemene wet bestuursrecht). U richt uw bezwaarschrift aan "
                f"{addressee}{', ' + address if address else ''}. Het bezwaarschrift bevat ten minste uw naam en adres, "
                "de datum, een omschrijving van het besluit waartegen u bezwaar maakt (vermeld het kenmerk "
                f"{decision.reference}) en de redenen van uw bezwaar, en het is ondertekend (artikel 6:5 Awb)."
            ),
            body,
        )
    )
    signer = decision.decided_by.get_full_name() or decision.decided_by.username
    function = scheme.signatory_function or "nationaal programmateam NPLV"
    story += [
        Spacer(1, 8 * mm),
        Paragraph("Hoogachtend,", body),
        Paragraph("namens de minister,", body),
        Spacer(1, 6 * mm),
        Paragraph(escape(signer), body),
        Paragraph(escape(function), body),
    ]
    tagger = Tagger()
    document.build([_tagged(tagger, flowable) for flowable in story])
    return tagger.finish(buffer.getvalue(), lang="nl-NL", title=f"Beschikking {decision.reference}")


def _tagged(tagger: Tagger, flowable):
    """Headings, paragraphs and tables become tagged content, in reading order; spacers stay untagged."""
    if isinstance(flowable, Table):
        return tagger.wrap(flowable, "Table")
    if isinstance(flowable, Paragraph):
        heading = flowable.style.name.startswith("Heading")
        return tagger.wrap(flowable, "H2" if heading else "P")
    return flowable
