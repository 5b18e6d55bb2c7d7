"""The decision letter (beschikking) as a PDF, in Dutch, laid out with ReportLab (see docs/decisions/0001).

The letter names the area and the municipality (with its CBS code) the grant is paid to, the legal
basis of the scheme, a table of the requested and granted amounts per theme and year with totals,
the date and the reference number. Amounts are summed in the database.
"""

from __future__ import annotations

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

from .models import ApplicationLine, GrantDecision


def _dutch_date(moment) -> str:
    with override("nl"):
        return formats.date_format(timezone.localtime(moment) if timezone.is_aware(moment) else moment, "j F Y")


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
    story += [
        Spacer(1, 6 * mm),
        Paragraph(
            escape(
                f"De uitkering wordt betaald aan de gemeente {municipality.name} ({municipality.cbs_code}). "
                f"U verantwoordt de besteding per thema via SiSa in de jaarrekening. Tegen dit besluit kunt u binnen "
                f"zes weken na de dagtekening bezwaar maken."
            ),
            body,
        ),
        Spacer(1, 8 * mm),
        Paragraph("Hoogachtend,", body),
        Paragraph(
            escape(
                f"namens de minister, {decision.decided_by.get_full_name() or decision.decided_by.username}, "
                f"nationaal programmateam NPLV"
            ),
            body,
        ),
    ]
    document.build(story)
    return buffer.getvalue()
