"""Demo interventions: each area's own example from the programme's documents, a national one and
one or two that many areas run, with outputs, other funding, quarterly progress and their history;
and the links from the SPUK application lines to them (the funding mix).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from alliances.models import Organisation, OrganisationKind
from areas.models import ActionLine, Area
from funding.models import ApplicationLine, InterventionTheme, Scheme, Theme
from interventions.models import (
    EvidenceLevel,
    FundingSource,
    Intervention,
    InterventionStatus,
    OtherFunding,
    OutputMeasure,
    ProgressStatus,
    ProgressUpdate,
)

from .demo_common import SCHEME_CODE, HistoryStep, _bureau_users, _date_records, _write_history

# area → (title, action line, theme code or None, target group, ages, description, outputs)
EXAMPLES = {
    "Arnhem-Oost": (
        "Wijk-GGD pilot",
        3,
        "integraal",
        "Inwoners met verward gedrag",
        None,
        "Hulp binnen 48 uur bij verward gedrag, samen met politie en buurtteam.",
        [],
    ),
    "Utrecht Overvecht": (
        "Werkwinkel",
        3,
        "re-integratie-geldzorgen",
        "Werkzoekenden",
        (18, 67),
        "Inloop voor hulp bij werk zoeken, zonder afspraak.",
        [],
    ),
    "Leeuwarden-Oost": (
        "Lifecoaching voor jongeren",
        3,
        "re-integratie-geldzorgen",
        "Jongeren zonder inkomen",
        (16, 27),
        "Coaching naar werk of school; aandeel zonder inkomen daalde van 29% naar 1%.",
        [("Jongeren gecoacht", "jongeren", 100, 93)],
    ),
    "Groningen-Noord": (
        "JoKi",
        3,
        "jonge-kind",
        "Kinderen van -9 maanden tot 6 jaar en hun ouders",
        (0, 6),
        "Ondersteuning van het jonge kind vanaf de zwangerschap tot zes jaar.",
        [],
    ),
    "Amsterdam Nieuw-West": (
        "Opleiden onder schooltijd",
        3,
        "school-omgeving",
        "Leerlingen en ouders",
        (10, 18),
        "Opleiding en begeleiding tijdens schooltijd.",
        [],
    ),
    "Amsterdam Zuidoost": (
        "Zuidoost Academie",
        3,
        "jonge-kind",
        "Werkzoekenden richting kinderopvang",
        (18, 67),
        "Opleiding tot pedagogisch medewerker kinderopvang.",
        [("Assistenten kinderopvang opgeleid", "personen", 15, 14)],
    ),
    "Vlaardingen Westwijk": (
        "LevelUp talenthuis",
        4,
        "maatschappelijke-samenhang",
        "Jongeren",
        (12, 23),
        "Talenthuis voor jongeren, met een veiligheidspost in de wijk.",
        [],
    ),
    "Schiedam Nieuwland en Oost": (
        "Bounce Forward",
        4,
        "school-omgeving",
        "Leerlingen groep 7 en 8",
        (10, 12),
        "Basketbal en weerbaarheid voor groep 7 en 8.",
        [],
    ),
    "Delft-West": (
        "Straatmaatjes",
        4,
        None,
        "Jongeren op straat",
        (12, 23),
        "Maatjes die jongeren op straat aanspreken en begeleiden.",
        [],
    ),
    "Tilburg NoordWest": (
        "Gezinsadvocaat",
        3,
        "re-integratie-geldzorgen",
        "Gezinnen met meervoudige problemen",
        None,
        "Eén advocaat per gezin: ongeveer € 11.000 per gezin, tot € 15.000 extra.",
        [],
    ),
    "Breda-Noord": (
        "Jongerencentrum De Molstraat",
        4,
        "maatschappelijke-samenhang",
        "Jongeren",
        (12, 23),
        "Jongerencentrum met activiteiten en jongerenwerk.",
        [],
    ),
    "Nieuwegein Centrale As": (
        "Jeugd-boa en jeugdagent",
        4,
        None,
        "Jongeren",
        (12, 23),
        "Een jeugd-boa en een jeugdagent, met buurtkrachten.",
        [],
    ),
    "Heerlen-Noord": ("Beweegplan", 3, "integraal", "Inwoners", None, "Meer bewegen in de wijk.", []),
    "Eindhoven Woensel-Zuid": (
        "Sleutelfigurentraining",
        1,
        "maatschappelijke-samenhang",
        "Bewoners",
        (18, 99),
        "Training van bewoners tot sleutelfiguur.",
        [("Bewoners getraind", "personen", 10, 9)],
    ),
    "Roosendaal Ring": (
        "Leiderschapsprogramma met baangarantie",
        3,
        "re-integratie-geldzorgen",
        "Jongvolwassenen",
        (18, 27),
        "Leiderschapsprogramma dat eindigt in een baan.",
        [],
    ),
    "Zaandam-Oost": (
        "Hart voor gezinnen",
        3,
        "school-omgeving",
        "Gezinnen via school",
        (4, 12),
        "Gezinsondersteuning via tien scholen.",
        [("Scholen", "scholen", 10, 10)],
    ),
    "Dordrecht-West": (
        "Sociale herhuisvesting",
        2,
        None,
        "Huishoudens bij herstructurering",
        None,
        "Begeleiding van huishoudens die moeten verhuizen.",
        [],
    ),
    "Den Haag Zuidwest": (
        "Vroegsignalering schulden met huisbezoek",
        3,
        "re-integratie-geldzorgen",
        "Huishoudens met betalingsachterstanden",
        (18, 99),
        "Huisbezoek bij de eerste betalingsachterstand.",
        [],
    ),
    "Lelystad-Oost": (
        "Binnentuinen en ontmoeting",
        2,
        "maatschappelijke-samenhang",
        "Bewoners",
        None,
        "Binnentuinen opknappen samen met bewoners.",
        [],
    ),
    "Rotterdam-Zuid": (
        "Buurtbanen",
        3,
        "re-integratie-geldzorgen",
        "Werkzoekenden uit de wijk",
        (18, 67),
        "Banen in de buurt: 30–40 mensen per jaar bij de start, later 100–200.",
        [],
    ),
}
NATIONAL_EXAMPLES = [
    (
        "Alleen jij bepaalt wie je bent",
        4,
        "school-omgeving",
        "Kinderen in groep 7 en 8",
        (10, 12),
        "Weerbaarheidsprogramma op school tegen criminele uitbuiting.",
        [("Kinderen bereikt", "kinderen", 800, 702), ("Scholen", "scholen", 80, 73)],
        EvidenceLevel.PROMISING,
    ),
    (
        "Halt-spreekuur op school",
        4,
        None,
        "Leerlingen",
        (10, 18),
        "Spreekuur van Halt op scholen.",
        [("Scholen", "scholen", 50, 48)],
        EvidenceLevel.THEORY_BASED,
    ),
    (
        "Buurtrechtbank",
        4,
        None,
        "Buurtbewoners in conflict",
        None,
        "Geschillen in de buurt snel beslecht.",
        [("Zaken", "zaken", 1200, 1286)],
        EvidenceLevel.PROMISING,
    ),
    (
        "Re-integratieofficier",
        4,
        None,
        "Ex-gedetineerden",
        (18, 67),
        "Begeleiding na detentie terug de wijk in.",
        [],
        EvidenceLevel.THEORY_BASED,
    ),
]


# Interventions that many areas run (DOMAIN.md "Interventions" and the progress report in seeds/):
# (title, action line, theme code, target group, ages, description, outputs, evidence, lead kind)
SHARED_EXAMPLES = [
    (
        "Voorschoolse brugfunctionaris",
        3,
        "jonge-kind",
        "Ouders van peuters met een vve-indicatie",
        (2, 4),
        "Een brugfunctionaris verbindt ouders met de voorschoolse educatie, zodat meer kinderen met een "
        "vve-indicatie deelnemen (landelijk 76%, in sommige gebieden 54%).",
        [("Gezinnen toegeleid naar vve", "gezinnen", 120, 96)],
        EvidenceLevel.PROMISING,
        OrganisationKind.MUNICIPALITY,
    ),
    (
        "Rijke Schooldag",
        3,
        "school-omgeving",
        "Basisschoolleerlingen",
        (4, 12),
        "Verlengde leertijd met sport, cultuur, huiswerkbegeleiding en educatieve excursies, in een coalitie "
        "van gemeente, scholen en een lokale partner.",
        [("Leerlingen bereikt", "leerlingen", 900, 812), ("Scholen", "scholen", 8, 8)],
        EvidenceLevel.THEORY_BASED,
        OrganisationKind.SCHOOL_BOARD,
    ),
    (
        "Inloopspreekuur wijkagent en toezicht",
        4,
        None,
        "Bewoners en jongeren",
        None,
        "Wijkagenten, toezicht en jongerenwerk houden wekelijks inloopuren in het wijkcentrum.",
        [("Inloopuren", "bijeenkomsten", 40, 36)],
        EvidenceLevel.UNKNOWN,
        OrganisationKind.POLICE,
    ),
    (
        "Renovatie particuliere woningen",
        2,
        None,
        "Eigenaar-bewoners en VvE's",
        None,
        "Verbetering en verduurzaming van particuliere woningen met middelen uit het Volkshuisvestingsfonds.",
        [("Woningen gerenoveerd", "woningen", 400, 310)],
        EvidenceLevel.THEORY_BASED,
        OrganisationKind.HOUSING_CORPORATION,
    ),
    (
        "Vroegsignalering geldzorgen",
        3,
        "re-integratie-geldzorgen",
        "Huishoudens met betalingsachterstanden",
        (18, None),
        "Signalen van woningcorporatie, energieleverancier en zorgverzekeraar leiden tot een huisbezoek binnen "
        "twee weken.",
        [("Huisbezoeken", "huishoudens", 300, 264)],
        EvidenceLevel.PROMISING,
        OrganisationKind.WELFARE,
    ),
    (
        "Financiële educatie op school",
        3,
        "financiele-educatie",
        "Leerlingen groep 7 en 8 en het voortgezet onderwijs",
        (10, 16),
        "Lessen over geld, sparen en schulden, samen met ouders.",
        [("Klassen bereikt", "klassen", 60, 51)],
        EvidenceLevel.THEORY_BASED,
        OrganisationKind.SCHOOL_BOARD,
    ),
]
STATUS_CYCLE = [
    InterventionStatus.RUNNING,
    InterventionStatus.RUNNING,
    InterventionStatus.PLANNED,
    InterventionStatus.COMPLETED,
    InterventionStatus.RUNNING,
    InterventionStatus.IDEA,
    InterventionStatus.STOPPED,
]
PROGRESS_NARRATIVES = {
    ProgressStatus.GREEN: "Activiteiten verlopen volgens plan; de samenwerking met de partners is goed.",
    ProgressStatus.AMBER: "Bereik blijft achter bij het doel; extra inzet op toeleiding via scholen en wijkteam.",
    ProgressStatus.RED: "Uitvoering stokt door personeelstekort bij de trekker; de alliantie bespreekt bijsturing.",
}
OTHER_SOURCES = [
    (FundingSource.MUNICIPALITY, "Eigen middelen gemeente"),
    (FundingSource.HOUSING_CORPORATION, "Bijdrage woningcorporatie"),
    (FundingSource.PREVENTION_WITH_AUTHORITY, "Preventie met Gezag 2026–2029"),
    (FundingSource.HOUSING_FUND, "Volkshuisvestingsfonds, tranche 2024"),
]


def _quarters(start: date, end: date, *, until: date) -> list[tuple[int, int]]:
    last = min(end, until)
    year, quarter = start.year, (start.month - 1) // 3 + 1
    result = []
    while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
        result.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


@transaction.atomic
def demo_interventions(areas: list[Area], *, seed: int = 2026) -> int:
    """Three to four interventions per area: the area's own example from the documents, a national one
    and one or two that many areas run; with outputs, other funding and quarterly progress updates.

    Idempotent per area (an area with interventions is skipped); everything is bulk-created, so that
    `load_demo_data --scale 50` stays fast.
    """
    rng = random.Random(seed)
    scheme = Scheme.objects.filter(code=SCHEME_CODE).first()
    themes = {t.code: t for t in Theme.objects.filter(scheme=scheme)} if scheme else {}
    lines = {line.number: line for line in ActionLine.objects.all()}
    todo = [area for area in areas if area.pk not in set(Intervention.objects.values_list("area_id", flat=True))]
    if not todo:
        return 0
    organisations: dict[tuple[int, str], Organisation] = {}
    for organisation in Organisation.objects.filter(area__in=todo).order_by("pk"):
        organisations.setdefault((organisation.area_id, organisation.kind), organisation)
    report_until = date(2025, 9, 30)
    planned = []  # (intervention, outputs, other funding or None)
    theme_links = []  # (intervention, SPUK theme)
    for index, area in enumerate(todo):
        specs = []
        if area.name in EXAMPLES:
            title, line, theme, group, ages, description, outputs = EXAMPLES[area.name]
            specs.append(
                (
                    title,
                    line,
                    theme,
                    group,
                    ages,
                    description,
                    outputs,
                    EvidenceLevel.PROMISING,
                    OrganisationKind.MUNICIPALITY,
                )
            )
        national = NATIONAL_EXAMPLES[index % len(NATIONAL_EXAMPLES)]
        specs.append((*national, OrganisationKind.POLICE))
        for offset in range(1 if area.name in EXAMPLES else 2):
            specs.append(SHARED_EXAMPLES[(index * 2 + offset) % len(SHARED_EXAMPLES)])
        for number, spec in enumerate(specs):
            title, line, theme, group, ages, description, outputs, evidence, lead_kind = spec
            status = STATUS_CYCLE[(index + number) % len(STATUS_CYCLE)]
            start = date(2023 + (index + number) % 3, 1 + 3 * ((index + number) % 4), 1)
            if status in (InterventionStatus.IDEA, InterventionStatus.PLANNED):
                start = date(2026, 1 + 3 * (number % 4), 1)
            end = date(2025, 6, 30) if status == InterventionStatus.COMPLETED else date(2028, 12, 31)
            if status == InterventionStatus.COMPLETED and start >= end:
                start = date(2023, 9, 1)
            lead = organisations.get((area.pk, lead_kind)) or organisations.get(
                (area.pk, OrganisationKind.MUNICIPALITY)
            )
            intervention = Intervention(
                area=area,
                title=title,
                description=description,
                action_line=lines[line],
                target_group=group,
                age_min=ages[0] if ages else None,
                age_max=ages[1] if ages else None,
                lead_organisation=lead,
                start_date=start,
                end_date=end,
                planned_budget=Decimal(rng.randrange(50, 900) * 1000),
                evidence_level=evidence,
                evidence_reference="Databank Effectieve Jeugdinterventies (NJi)"
                if evidence == EvidenceLevel.PROVEN
                else "",
                status=status,
                stop_reason="De trekker kon de inzet niet voortzetten; de alliantie koos voor een andere aanpak."
                if status == InterventionStatus.STOPPED
                else "",
                resident_involvement="Bewoners denken mee in de klankbordgroep en evalueren elk half jaar."
                if number == 0
                else "",
            )
            started = status not in (InterventionStatus.IDEA, InterventionStatus.PLANNED)
            # Outputs in proportion to how far the intervention has come; a completed one has every figure.
            share = {InterventionStatus.COMPLETED: 1, InterventionStatus.RUNNING: 0.6, InterventionStatus.STOPPED: 0.3}
            output_rows = [
                (name, unit, target, round(actual * share[status]) if started else None)
                for name, unit, target, actual in outputs
            ]
            if not output_rows:
                output_rows = [("Deelnemers bereikt", "personen", 100, rng.randrange(40, 95) if started else None)]
            source = OTHER_SOURCES[(index + number) % len(OTHER_SOURCES)] if number < 2 else None
            planned.append((intervention, output_rows, source))
            if theme and theme in themes:
                theme_links.append((intervention, themes[theme]))
    Intervention.objects.bulk_create([item[0] for item in planned], batch_size=500)
    InterventionTheme.objects.bulk_create(
        [InterventionTheme(intervention=intervention, theme=theme) for intervention, theme in theme_links],
        batch_size=500,
    )
    history = _intervention_history([item[0] for item in planned], bureau=_bureau_users(todo))
    _write_history(history)
    _date_records(Intervention, history)
    outputs, updates, funding = [], [], []
    for intervention, output_rows, source in planned:
        outputs += [
            OutputMeasure(
                intervention=intervention,
                name=name,
                unit=unit,
                target=Decimal(target),
                actual=Decimal(actual) if actual is not None else None,
            )
            for name, unit, target, actual in output_rows
        ]
        if source is not None:
            funding.append(
                OtherFunding(
                    intervention=intervention,
                    source=source[0],
                    amount=Decimal(rng.randrange(10, 200) * 1000),
                    note=source[1],
                )
            )
        if intervention.status in (
            InterventionStatus.RUNNING,
            InterventionStatus.COMPLETED,
            InterventionStatus.STOPPED,
        ):
            quarters = _quarters(intervention.start_date, intervention.end_date, until=report_until)
            for step, (year, quarter) in enumerate(quarters[-6:]):
                rag = rng.choices([ProgressStatus.GREEN, ProgressStatus.AMBER, ProgressStatus.RED], weights=[6, 3, 1])[
                    0
                ]
                if intervention.status == InterventionStatus.STOPPED and step == len(quarters[-6:]) - 1:
                    rag = ProgressStatus.RED
                updates.append(
                    ProgressUpdate(
                        intervention=intervention,
                        year=year,
                        quarter=quarter,
                        narrative=PROGRESS_NARRATIVES[rag],
                        reach=rng.randrange(10, 80) * (step + 1),
                        rag_status=rag,
                    )
                )
    OutputMeasure.objects.bulk_create(outputs, batch_size=1000)
    OtherFunding.objects.bulk_create(funding, batch_size=1000)
    ProgressUpdate.objects.bulk_create(updates, batch_size=1000)
    return len(planned)


# The road from idea to each status (the workflow in interventions.models): each step's target.
INTERVENTION_ROADS = {
    InterventionStatus.IDEA: [],
    InterventionStatus.PLANNED: [InterventionStatus.PLANNED],
    InterventionStatus.RUNNING: [InterventionStatus.PLANNED, InterventionStatus.RUNNING],
    InterventionStatus.COMPLETED: [
        InterventionStatus.PLANNED,
        InterventionStatus.RUNNING,
        InterventionStatus.COMPLETED,
    ],
    InterventionStatus.STOPPED: [InterventionStatus.PLANNED, InterventionStatus.RUNNING, InterventionStatus.STOPPED],
}


def _intervention_history(interventions: list[Intervention], *, bureau: dict[int, User]) -> list[HistoryStep]:
    """Recorded as an idea a quarter before the start, planned a month before, running from the start,
    completed on the end date or stopped half a year in (with the reason), as the services would log it."""
    steps = []
    for intervention in interventions:
        start = intervention.start_date
        days = {
            "": start - timedelta(days=120),
            InterventionStatus.PLANNED: start - timedelta(days=30),
            InterventionStatus.RUNNING: start,
            InterventionStatus.COMPLETED: intervention.end_date,
            InterventionStatus.STOPPED: start + timedelta(days=180),
        }
        actor = bureau.get(intervention.area_id)
        steps.append(HistoryStep(intervention, "", InterventionStatus.IDEA, days[""], actor))
        source = InterventionStatus.IDEA
        for target in INTERVENTION_ROADS[intervention.status]:
            comment = intervention.stop_reason if target == InterventionStatus.STOPPED else ""
            steps.append(HistoryStep(intervention, source, target, days[target], actor, comment))
            source = target
    return steps


@transaction.atomic
def demo_link_interventions(areas: list[Area]) -> int:
    """Point each area's SPUK application lines at the intervention with the same theme (the funding mix)."""
    links = ApplicationLine.interventions.through
    interventions = {}
    for area_id, theme_id, intervention_id in (
        InterventionTheme.objects.filter(intervention__area__in=areas)
        .order_by("intervention_id")
        .values_list("intervention__area_id", "theme_id", "intervention_id")
    ):
        interventions.setdefault((area_id, theme_id), intervention_id)
    rows = [
        links(applicationline_id=line_id, intervention_id=interventions[(area_id, theme_id)])
        for line_id, area_id, theme_id in ApplicationLine.objects.filter(
            application__area__in=areas, interventions__isnull=True
        ).values_list("pk", "application__area_id", "theme_id")
        if (area_id, theme_id) in interventions
    ]
    links.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
