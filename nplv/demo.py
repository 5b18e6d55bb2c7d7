"""Demo data: alliances with members, meetings and plans, interventions from the programme's own
examples, and SPUK 2026–2028 applications in several states; plus synthetic areas for benchmarks.

Everything here is fictional apart from the reference data (areas, schemes, amounts): people are
made-up names, and the per-area figures are illustrative. The generator is deterministic (a fixed
seed) and idempotent: it does nothing for an area that already has an alliance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Ministry, Role, User
from alliances.models import (
    Alliance,
    Attendance,
    AttendanceStatus,
    Bottleneck,
    CivilServiceRank,
    Decision,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
)
from areas.models import ActionLine, Area, Municipality, ResidentRepresentation
from core.models import Transition
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    Ceiling,
    GrantDecision,
    GrantOutcome,
    InterventionTheme,
    Recommendation,
    Review,
    Scheme,
    Theme,
)
from funding.reference import split_in_cents
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

DEMO_PASSWORD = "nplv-demo-2026"
SCHEME_CODE = "spuk-kw-2026-2028"

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Charlotte",
    "Daan",
    "Esra",
    "Femke",
    "Gijs",
    "Hatice",
    "Iris",
    "Jeroen",
    "Karim",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olaf",
    "Priya",
    "Quinten",
    "Rachida",
    "Sven",
    "Tamara",
    "Umut",
    "Vera",
    "Wouter",
    "Yasmina",
    "Zeynep",
    "Bas",
    "Ilse",
    "Marco",
    "Sanne",
    "Tim",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Pinas",
    "Wijnaldum",
    "Özdemir",
    "Ramdin",
    "van Dam",
    "Kok",
    "Prins",
]

# Seven areas with residents at the table, three represented indirectly, ten not (yet).
AT_TABLE = {
    "Amsterdam Nieuw-West": (5, 7),  # 5 seats, 7 resident members (rotation)
    "Rotterdam-Zuid": (3, 3),
    "Den Haag Zuidwest": (2, 3),
    "Heerlen-Noord": (2, 2),
    "Vlaardingen Westwijk": (2, 2),
    "Zaandam-Oost": (2, 2),
    "Arnhem-Oost": (2, 3),
}
INDIRECT = {"Utrecht Overvecht", "Lelystad-Oost", "Breda-Noord"}

NATIONAL_REPRESENTATIVES = [Ministry.SZW, Ministry.OCW, Ministry.VWS, Ministry.JENV, Ministry.BZK]
RANKS = [CivilServiceRank.DIRECTOR, CivilServiceRank.DG, CivilServiceRank.SG, CivilServiceRank.DIRECTOR]

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

REQUESTED_SHARE = Decimal("0.9742")  # ~€411 million of the €421.9 million available, all granted
# After the round, three areas ask for part of what is left under their ceilings (a supplementary
# application), kept at different steps so that every step of the workflow can be shown.
SUPPLEMENTARY_THEMES = ("integraal", "jonge-kind")
SUPPLEMENTARY_SHARE = Decimal("0.5")  # half of what is left under the ceiling
IN_FLIGHT = {
    "Lelystad-Oost": ApplicationStatus.DRAFT,
    "Utrecht Overvecht": ApplicationStatus.SUBMITTED,
    "Tilburg NoordWest": ApplicationStatus.IN_REVIEW,
}


@dataclass
class DemoLogin:
    username: str
    role: str
    scope: str


class Names:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def person(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"


def _user(username: str, role: str, *, area=None, ministry: str = "", first_name: str = "", superuser=False) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            role=role,
            area=area,
            ministry=ministry,
            first_name=first_name,
            email=f"{username}@demo.nplv.localhost",
            is_superuser=superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_users() -> list[DemoLogin]:
    """One login per role (and a second national-team member for four-eyes decisions)."""
    anw = Area.objects.get(slug="amsterdam-nieuw-west")
    rdam = Area.objects.get(slug="rotterdam-zuid")
    _user("bureau.nieuwwest", Role.PROGRAMME_BUREAU, area=anw, first_name="Fatima")
    _user("bureau.rotterdamzuid", Role.PROGRAMME_BUREAU, area=rdam, first_name="Pieter")
    # Lelystad-Oost's 2026–2028 application is kept in draft: this login shows drafting and submitting.
    _user("bureau.lelystad", Role.PROGRAMME_BUREAU, area=Area.objects.get(slug="lelystad-oost"), first_name="Sanne")
    _user("lid.nieuwwest", Role.ALLIANCE_MEMBER, area=anw, first_name="Kees")
    _user("beoordelaar.ocw", Role.MINISTRY_REVIEWER, ministry=Ministry.OCW, first_name="Els")
    _user("beoordelaar.szw", Role.MINISTRY_REVIEWER, ministry=Ministry.SZW, first_name="Ahmed")
    _user("beoordelaar.bzk", Role.MINISTRY_REVIEWER, ministry=Ministry.BZK, first_name="Joost")
    _user("programmateam", Role.NATIONAL_TEAM, first_name="Marieke")
    _user("programmateam2", Role.NATIONAL_TEAM, first_name="Ruben")
    _user("beheerder", Role.ADMIN, first_name="Beheer", superuser=True)
    return [
        DemoLogin("bureau.nieuwwest", "Programmabureau", "Amsterdam Nieuw-West"),
        DemoLogin("bureau.rotterdamzuid", "Programmabureau", "Rotterdam-Zuid"),
        DemoLogin("bureau.lelystad", "Programmabureau", "Lelystad-Oost (aanvullende aanvraag in concept)"),
        DemoLogin("lid.nieuwwest", "Alliantielid", "Amsterdam Nieuw-West"),
        DemoLogin("beoordelaar.ocw", "Beoordelaar ministerie", "OCW (Django-beheer)"),
        DemoLogin("beoordelaar.szw", "Beoordelaar ministerie", "SZW (Django-beheer)"),
        DemoLogin("beoordelaar.bzk", "Beoordelaar ministerie", "BZK (Django-beheer)"),
        DemoLogin("programmateam", "Nationaal programmateam", "alle gebieden"),
        DemoLogin("programmateam2", "Nationaal programmateam (tweede paar ogen)", "alle gebieden"),
        DemoLogin("beheerder", "Beheerder", "alles"),
    ]


def _representation(area: Area) -> tuple[str, int, int]:
    if area.name in AT_TABLE:
        seats, members = AT_TABLE[area.name]
        return ResidentRepresentation.AT_TABLE, seats, members
    if area.name in INDIRECT:
        return ResidentRepresentation.INDIRECT, 0, 0
    return ResidentRepresentation.NONE, 0, 0


@dataclass(frozen=True)
class HistoryStep:
    """One row of a workflow's history as the demo tells it: what moved from which state to which, when."""

    subject: object
    source: str
    target: str
    day: date
    actor: User | None = None
    comment: str = ""


def _write_history(steps: list[HistoryStep]) -> int:
    """Write the transition log in bulk, dated as the demo's story says.

    `Transition.at` is set on insert (auto_now_add), so the rows are inserted first and then dated with
    one UPDATE per distinct day: a few hundred statements even at `--scale 50`, not one per row.
    """
    if not steps:
        return 0
    content_types = {
        model: ContentType.objects.get_for_model(model) for model in {type(step.subject) for step in steps}
    }
    rows = Transition.objects.bulk_create(
        [
            Transition(
                content_type=content_types[type(step.subject)],
                object_id=step.subject.pk,
                source=step.source,
                target=step.target,
                actor=step.actor,
                comment=step.comment,
            )
            for step in steps
        ],
        batch_size=1000,
    )
    today = timezone.localdate()
    by_day: dict[date, list[int]] = {}
    for row, step in zip(rows, steps, strict=True):
        by_day.setdefault(min(step.day, today), []).append(row.pk)
    for day, pks in by_day.items():
        at = timezone.make_aware(datetime.combine(day, time(10)))
        for start in range(0, len(pks), 500):
            Transition.objects.filter(pk__in=pks[start : start + 500]).update(at=at)
    return len(rows)


def _date_records(model, steps: list[HistoryStep]) -> None:
    """Give each record the creation and last-change dates of its history (the fields are set on save)."""
    first: dict[int, date] = {}
    last: dict[int, date] = {}
    for step in steps:
        first.setdefault(step.subject.pk, step.day)
        last[step.subject.pk] = step.day
    today = timezone.localdate()
    groups: dict[tuple[date, date], list[int]] = {}
    for pk, created in first.items():
        groups.setdefault((min(created, today), min(last[pk], today)), []).append(pk)
    for (created, changed), pks in groups.items():
        model.objects.filter(pk__in=pks).update(
            created_at=timezone.make_aware(datetime.combine(created, time(10))),
            updated_at=timezone.make_aware(datetime.combine(changed, time(10))),
        )


def _bureau_users(areas: list[Area]) -> dict[int, User]:
    """The programme-bureau login of each area that has one, as the actor of the demo's history."""
    users: dict[int, User] = {}
    for user in User.objects.filter(role=Role.PROGRAMME_BUREAU, area__in=areas).order_by("pk"):
        users.setdefault(user.area_id, user)
    return users


@transaction.atomic
def demo_alliances(areas: list[Area], *, seed: int = 2026) -> int:
    """Alliances with members, two meetings with attendance and decisions, an adopted area plan."""
    names = Names(seed)
    action_lines = {line.number: line for line in ActionLine.objects.all()}
    created = 0
    start = date(2023, 1, 1)
    bureau = _bureau_users(areas)
    history: list[HistoryStep] = []
    for index, area in enumerate(areas):
        if Alliance.objects.filter(area=area).exists():
            continue
        mode, seats, resident_members = _representation(area)
        if area.resident_representation != mode:
            area.resident_representation = mode
            area.save(update_fields=["resident_representation"])
        alliance = Alliance.objects.create(
            area=area, name=f"Alliantie {area.programme_name or area.name}", resident_seats=seats, established_on=start
        )
        created += 1
        municipality_org, _ = Organisation.objects.get_or_create(
            name=f"Gemeente {area.municipality.name}", area=area, defaults={"kind": OrganisationKind.MUNICIPALITY}
        )
        ministry = NATIONAL_REPRESENTATIVES[index % len(NATIONAL_REPRESENTATIVES)]
        ministry_org, _ = Organisation.objects.get_or_create(
            name=f"Ministerie van {Ministry(ministry).label.split(' (')[0]}",
            area=None,
            defaults={"kind": OrganisationKind.MINISTRY, "ministry": ministry},
        )
        seats_plan = [
            (MemberRole.CHAIR, municipality_org, f"burgemeester {names.person()}"),
            (MemberRole.ALDERMAN, municipality_org, f"wethouder {names.person()}"),
            (MemberRole.ALDERMAN, municipality_org, f"wethouder {names.person()}"),
            (MemberRole.HOUSING_CORPORATION, None, names.person()),
            (MemberRole.SCHOOL_BOARD, None, names.person()),
            (MemberRole.POLICE, None, names.person()),
        ]
        if index % 3 == 0:
            seats_plan.append((MemberRole.PUBLIC_PROSECUTOR, None, names.person()))
        if index % 4 == 1:
            seats_plan.append((MemberRole.GGD, None, names.person()))
        if index % 5 == 2:
            seats_plan.append((MemberRole.EMPLOYER, None, names.person()))
        seats_plan += [(MemberRole.RESIDENT, None, names.person()) for _ in range(resident_members)]
        memberships = []
        for role, organisation, person_name in seats_plan:
            if organisation is None and role != MemberRole.RESIDENT:
                kind = {
                    MemberRole.HOUSING_CORPORATION: OrganisationKind.HOUSING_CORPORATION,
                    MemberRole.SCHOOL_BOARD: OrganisationKind.SCHOOL_BOARD,
                    MemberRole.POLICE: OrganisationKind.POLICE,
                    MemberRole.PUBLIC_PROSECUTOR: OrganisationKind.PUBLIC_PROSECUTOR,
                    MemberRole.GGD: OrganisationKind.GGD,
                    MemberRole.EMPLOYER: OrganisationKind.EMPLOYER,
                }[role]
                organisation, _ = Organisation.objects.get_or_create(
                    name=f"{OrganisationKind(kind).label} {area.name}", area=area, defaults={"kind": kind}
                )
            person = Person.objects.create(
                name=person_name.split(" ", 1)[1]
                if person_name.startswith(("burgemeester", "wethouder"))
                else person_name,
                email=f"{slugify(person_name)}@demo.nplv.localhost",
                area=area,
            )
            memberships.append(
                Membership(
                    alliance=alliance,
                    person=person,
                    organisation=organisation,
                    role=role,
                    is_mayor=role == MemberRole.CHAIR,
                    start_date=start,
                )
            )
        representative = Person.objects.create(
            name=names.person(), email=f"rv.{slugify(area.name)}@demo.nplv.localhost", area=None
        )
        memberships.append(
            Membership(
                alliance=alliance,
                person=representative,
                organisation=ministry_org,
                role=MemberRole.NATIONAL_REPRESENTATIVE,
                rank=RANKS[index % len(RANKS)],
                ministry=ministry,
                start_date=start,
            )
        )
        memberships = Membership.objects.bulk_create(memberships)

        first = Meeting.objects.create(
            alliance=alliance,
            date=date(2025, 3, 10) + timedelta(days=index),
            location=f"Wijkcentrum {area.name}",
            agenda="1. Opening\n2. Gebiedsplan\n3. Voortgang interventies\n4. Rondvraag",
        )
        second = Meeting.objects.create(
            alliance=alliance,
            date=date(2025, 9, 15) + timedelta(days=index),
            location=f"Stadhuis {area.municipality.name}",
            agenda="1. Opening\n2. Aanvraag SPUK Kansrijke Wijk 2026–2028\n3. Rondvraag",
        )
        for meeting in (first, second):
            residents_present = 0
            rows = []
            for membership in memberships:
                status = AttendanceStatus.PRESENT
                if membership.role == MemberRole.RESIDENT:
                    residents_present += 1
                    if residents_present > alliance.resident_seats:
                        status = AttendanceStatus.EXCUSED
                rows.append(Attendance(meeting=meeting, membership=membership, status=status))
            Attendance.objects.bulk_create(rows)
        adopt = Decision.objects.create(
            meeting=first,
            subject=DecisionSubject.ADOPT_PLAN,
            text="De alliantie stelt het gebiedsplan vast.",
            outcome=DecisionOutcome.ADOPTED,
        )
        Decision.objects.create(
            meeting=second,
            subject=DecisionSubject.ENDORSE_APPLICATION,
            text="De alliantie stemt in met de aanvraag SPUK Kansrijke Wijk 2026–2028.",
            outcome=DecisionOutcome.ADOPTED,
        )
        area_plan = Plan.objects.create(
            alliance=alliance,
            kind=PlanKind.AREA_PLAN,
            title=f"Gebiedsplan {area.name}",
            version=1,
            period_start=date(2025, 1, 1),
            period_end=date(2028, 12, 31),
            status=PlanStatus.ADOPTED,
            adopted_by=adopt,
        )
        history.append(
            HistoryStep(
                area_plan,
                PlanStatus.DRAFT,
                PlanStatus.ADOPTED,
                first.date,
                bureau.get(area.pk),
                f"Vastgesteld in het alliantieoverleg van {first.date:%d-%m-%Y}.",
            )
        )
        Plan.objects.create(
            alliance=alliance,
            kind=PlanKind.IMPLEMENTATION_PLAN,
            title=f"Uitvoeringsplan {area.name} 2026",
            version=1,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            status=PlanStatus.DRAFT,
        )
        owner = memberships[-1]
        Bottleneck.objects.create(
            area=area,
            title="Kostendelersnorm belemmert samenwonen",
            regulation="Participatiewet",
            description="Inwonende volwassen kinderen verlagen de uitkering van ouders.",
            action_line=action_lines[3],
            owner=owner,
            signalled_on=date(2024, 5, 1) + timedelta(days=index),
        )
    _write_history(history)
    return created


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


def _reference(area: Area, scheme: Scheme) -> str:
    return f"{scheme.code.upper()}-{area.pk:05d}"


# Who recommends on which theme in the demo: the ministry's reviewer; the integral part the second
# member of the national team, so that the first (who decides) never reviewed (four eyes).
DEMO_REVIEWERS = {"OCW": "beoordelaar.ocw", "SZW": "beoordelaar.szw", "BZK": "beoordelaar.bzk", "": "programmateam2"}


@transaction.atomic
def demo_applications(areas: list[Area], *, decided_by: User | None) -> int:
    """The SPUK 2026–2028 round: one application per area, all granted (~€411 million of €421.9 million);
    then three supplementary applications for part of what is left, in draft, submitted and in review.

    Granted and in-review applications carry the recommendations of the right ministries' reviewers
    and the transitions a real one would have; the decision letters are written when first downloaded.
    """
    scheme = Scheme.objects.filter(code=SCHEME_CODE).first()
    if scheme is None:
        return 0
    years = list(scheme.years)
    created = 0
    ceilings = {}
    for ceiling in Ceiling.objects.filter(theme__scheme=scheme, area__in=areas).select_related("theme"):
        ceilings.setdefault(ceiling.area_id, []).append(ceiling)
    reviewers = {
        ministry: user
        for ministry, username in DEMO_REVIEWERS.items()
        if (user := User.objects.filter(username=username).first()) is not None and user != decided_by
    }
    bureau = _bureau_users(areas)
    reviews: list[Review] = []
    history: list[HistoryStep] = []

    def add(area, status, reference, specs, endorsement, submitted_at) -> None:
        """One application with lines [(ceiling, year, amount)] at `status`, with its reviews and history."""
        application = Application.objects.create(
            area=area,
            scheme=scheme,
            reference=reference,
            status=status,
            endorsement=endorsement if status != ApplicationStatus.DRAFT else None,
            submitted_at=None if status == ApplicationStatus.DRAFT else submitted_at,
        )
        if application.endorsement is not None:  # the decision names the one application it endorses
            endorsement.endorses = application
            endorsement.save(update_fields=["endorses_type", "endorses_id"])
        lines = ApplicationLine.objects.bulk_create(
            ApplicationLine(
                application=application,
                theme=ceiling.theme,
                year=year,
                amount=amount,
                description=f"{ceiling.theme.name} in {area.name}, {year}",
                partners="Gemeente, schoolbesturen en welzijnsorganisatie"
                if ceiling.theme.code == "school-omgeving"
                else "",
                school_share_in_area=Decimal("92.00") if ceiling.theme.code == "school-omgeving" else None,
                granted_amount=amount if status == ApplicationStatus.GRANTED else None,
            )
            for ceiling, year, amount in specs
        )
        on = submitted_at.date()
        steps = (
            []
            if status == ApplicationStatus.DRAFT
            else [(ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, bureau.get(area.pk), on)]
        )
        if status in (ApplicationStatus.IN_REVIEW, ApplicationStatus.GRANTED):
            # In review: the first half of the lines has its advice; granted: all of them.
            advised = lines if status == ApplicationStatus.GRANTED else lines[: len(lines) // 2]
            reviews.extend(
                Review(
                    line=line,
                    reviewer=reviewers[line.theme.ministry],
                    recommendation=Recommendation.GRANT_FULL,
                    recommended_amount=line.amount,
                    reason="Past binnen het gebiedsplan en de regeling.",
                )
                for line in advised
                if line.theme.ministry in reviewers
            )
            steps.append(
                (
                    ApplicationStatus.SUBMITTED,
                    ApplicationStatus.IN_REVIEW,
                    reviewers.get("OCW"),
                    on + timedelta(days=11),
                )
            )
        if status == ApplicationStatus.GRANTED and decided_by is not None:
            GrantDecision.objects.create(
                application=application,
                reference=f"BES-{application.reference}",
                outcome=GrantOutcome.GRANTED,
                decided_by=decided_by,
                decided_at=timezone.make_aware(datetime.combine(date(2025, 12, 11), time(12))),
                total_granted=sum((line.amount for line in lines), Decimal("0")),
            )
            steps.append((ApplicationStatus.IN_REVIEW, ApplicationStatus.GRANTED, decided_by, date(2025, 12, 11)))
        history.extend(HistoryStep(application, source, target, day, actor) for source, target, actor, day in steps)

    round_submitted = timezone.make_aware(datetime.combine(date(2025, 9, 25), time(10)))
    later_submitted = timezone.make_aware(datetime.combine(date(2026, 10, 1), time(10)))
    for area in areas:
        if Application.objects.filter(area=area, scheme=scheme).exists() or area.pk not in ceilings:
            continue
        endorsements = Decision.objects.filter(
            meeting__alliance__area=area, subject=DecisionSubject.ENDORSE_APPLICATION
        ).order_by("meeting__date")
        ordered = sorted(ceilings[area.pk], key=lambda c: c.theme.position)
        specs, requested = [], {}
        for ceiling in ordered:
            requested[ceiling.pk] = (ceiling.amount * REQUESTED_SHARE).quantize(Decimal("0.01"))
            specs += [
                (ceiling, year, amount)
                for year, amount in zip(years, split_in_cents(requested[ceiling.pk], [1] * len(years)), strict=True)
                if amount > 0
            ]
        endorsement = endorsements.first()
        # Submitted a few days after the meeting that endorsed it, never before.
        submitted_at = max(round_submitted, _after_meeting(endorsement)) if endorsement else round_submitted
        add(area, ApplicationStatus.GRANTED, _reference(area, scheme), specs, endorsement, submitted_at)
        created += 1
        if area.name in IN_FLIGHT:
            meeting = _meeting_like(
                Meeting.objects.filter(alliance__area=area).order_by("-date").first(),
                day=later_submitted.date() - timedelta(days=14),
            )
            endorsement = Decision.objects.create(
                meeting=meeting,
                subject=DecisionSubject.ENDORSE_APPLICATION,
                text="De alliantie stemt in met een aanvullende aanvraag voor wat onder de plafonds resteert.",
                outcome=DecisionOutcome.ADOPTED,
            )
            later_years = years[1:]
            extra = []
            for ceiling in ordered:
                if ceiling.theme.code not in SUPPLEMENTARY_THEMES:
                    continue
                left = ((ceiling.amount - requested[ceiling.pk]) * SUPPLEMENTARY_SHARE).quantize(Decimal("0.01"))
                parts = split_in_cents(left, [1] * len(later_years))
                extra += [
                    (ceiling, year, amount) for year, amount in zip(later_years, parts, strict=True) if amount > 0
                ]
            add(area, IN_FLIGHT[area.name], f"{_reference(area, scheme)}-2", extra, endorsement, later_submitted)
            created += 1
    Review.objects.bulk_create(reviews, batch_size=1000)
    _write_history(history)
    return created


def _after_meeting(decision: Decision) -> datetime:
    return timezone.make_aware(datetime.combine(decision.meeting.date + timedelta(days=5), time(10)))


def _meeting_like(meeting: Meeting, *, day: date) -> Meeting:
    """A later meeting of the same alliance with the same attendance (so it is quorate too)."""
    later = Meeting.objects.create(
        alliance=meeting.alliance, date=day, location=meeting.location, agenda="1. Aanvullende aanvraag\n2. Rondvraag"
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=later, membership_id=membership_id, status=status)
        for membership_id, status in meeting.attendances.values_list("membership_id", "status")
    )
    return later


@transaction.atomic
def demo_synthetic_areas(*, scale: int) -> int:
    """Add synthetic areas until there are `scale` × 20 in all, with ceilings scaled from the real ones."""
    target = scale * 20
    existing = Area.objects.count()
    if existing >= target:
        return 0
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    real = list(Area.objects.filter(is_synthetic=False).order_by("name"))
    new_areas = []
    for number in range(existing + 1, target + 1):
        template = real[number % len(real)]
        name = f"Synthetisch gebied {number:05d}"
        new_areas.append(
            Area(
                name=name,
                slug=slugify(name),
                municipality=municipalities[number % len(municipalities)],
                residents=template.residents,
                programme_name=f"Synthetisch programma {number:05d}",
                is_synthetic=True,
            )
        )
    Area.objects.bulk_create(new_areas, batch_size=500)
    synthetic = list(Area.objects.filter(is_synthetic=True, ceilings__isnull=True).order_by("name"))
    ceilings_by_area = {}
    for ceiling in Ceiling.objects.filter(area__in=real):
        ceilings_by_area.setdefault(ceiling.area_id, []).append(ceiling)
    rows = []
    for index, area in enumerate(synthetic):
        template = real[index % len(real)]
        rows += [
            Ceiling(area=area, theme_id=c.theme_id, amount=c.amount, is_illustrative=True)
            for c in ceilings_by_area.get(template.pk, [])
        ]
    Ceiling.objects.bulk_create(rows, batch_size=1000)
    return len(new_areas)
