"""Demo alliances: made-up members at each area's table (residents at the table in seven areas,
represented indirectly in three), two meetings with attendance and decisions, an adopted area plan,
a draft implementation plan and a bottleneck.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils.text import slugify

from accounts.models import Ministry
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
from areas.models import ActionLine, Area, ResidentRepresentation

from .demo_common import HistoryStep, _bureau_users, _write_history

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


class Names:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def person(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"


def _representation(area: Area) -> tuple[str, int, int]:
    if area.name in AT_TABLE:
        seats, members = AT_TABLE[area.name]
        return ResidentRepresentation.AT_TABLE, seats, members
    if area.name in INDIRECT:
        return ResidentRepresentation.INDIRECT, 0, 0
    return ResidentRepresentation.NONE, 0, 0


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
