"""factory_boy factories for the main models, so that a test builds only what it needs.

The real reference data (municipalities, areas, action lines, schemes, themes, ceilings, the monitor)
is loaded once per test database (`tests/conftest.py`); the factories pick from it where a test does
not care which (`area_named`, `theme_of`), and build everything else. Factories write rows directly,
as fixtures: the rules are tested through the services, not here.

    bureau = UserFactory(programme_bureau=True, area=area_named("rotterdam-zuid"))
    line = ApplicationLineFactory(application__area=bureau.area, theme=theme_of("OCW"))
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Ministry, Role, User
from alliances import models as alliances
from areas.models import ActionLine, Area, Municipality
from funding import models as funding
from interventions import models as interventions

PASSWORD = "een-goed-wachtwoord-1"


def area_named(slug: str = "amsterdam-nieuw-west") -> Area:
    """One of the 20 real areas of the reference data."""
    return Area.objects.get(slug=slug)


def area_number(n: int) -> Area:
    """The n-th real area (cycling): factories whose rows are unique per area spread over the areas."""
    areas = Area.objects.filter(is_synthetic=False).order_by("slug")
    return areas[n % areas.count()]


def action_line(number: int = 1) -> ActionLine:
    return ActionLine.objects.get(number=number)


def scheme(code: str = "spuk-kw-2026-2028") -> funding.Scheme:
    return funding.Scheme.objects.get(code=code)


def theme_of(ministry: str = Ministry.OCW, *, scheme_code: str = "spuk-kw-2026-2028") -> funding.Theme:
    """The first theme of a ministry in a scheme (`""` for the integral part of the national team)."""
    return funding.Theme.objects.filter(scheme__code=scheme_code, ministry=ministry).order_by("position", "pk").first()


# ---------------------------------------------------------------------------------------------
# Places and people


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")


class AreaFactory(factory.django.DjangoModelFactory):
    """A synthetic area (the real ones come from the reference data: `area_named`)."""

    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Testgebied {n}")
    slug = factory.Sequence(lambda n: f"testgebied-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    residents = 10_000
    is_synthetic = True


class UserFactory(factory.django.DjangoModelFactory):
    """A login per role: `UserFactory(role=Role.MINISTRY_REVIEWER, ministry="OCW")` or a trait:
    `programme_bureau`, `alliance_member`, `reviewer`, `national_team`, `admin`, `superuser`."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    role = Role.ALLIANCE_MEMBER
    area = factory.LazyAttribute(
        lambda u: area_named() if u.role in (Role.PROGRAMME_BUREAU, Role.ALLIANCE_MEMBER) else None
    )
    ministry = factory.LazyAttribute(lambda u: Ministry.OCW if u.role == Role.MINISTRY_REVIEWER else "")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        programme_bureau = factory.Trait(role=Role.PROGRAMME_BUREAU)
        alliance_member = factory.Trait(role=Role.ALLIANCE_MEMBER)
        reviewer = factory.Trait(role=Role.MINISTRY_REVIEWER)
        national_team = factory.Trait(role=Role.NATIONAL_TEAM)
        admin = factory.Trait(role=Role.ADMIN)
        superuser = factory.Trait(role=Role.ADMIN, is_superuser=True)

    @factory.post_generation
    def _saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


# ---------------------------------------------------------------------------------------------
# Alliances


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = alliances.OrganisationKind.values[0]
    area = factory.LazyFunction(area_named)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Person

    name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    phone = "06-12345678"
    area = factory.LazyFunction(area_named)


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Alliance
        django_get_or_create = ("area",)

    area = factory.LazyFunction(area_named)
    name = factory.LazyAttribute(lambda a: f"Alliantie {a.area.name}")
    resident_seats = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Membership

    alliance = factory.SubFactory(AllianceFactory)
    person = factory.SubFactory(PersonFactory, area=factory.SelfAttribute("..alliance.area"))
    role = alliances.MemberRole.ALDERMAN
    start_date = datetime.date(2024, 1, 1)

    class Params:
        chair = factory.Trait(role=alliances.MemberRole.CHAIR, is_mayor=True)
        representative = factory.Trait(
            role=alliances.MemberRole.NATIONAL_REPRESENTATIVE,
            rank=alliances.CivilServiceRank.DG,
            ministry=Ministry.OCW,
        )
        resident = factory.Trait(role=alliances.MemberRole.RESIDENT)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Meeting

    alliance = factory.SubFactory(AllianceFactory)
    date = datetime.date(2025, 3, 10)
    location = "Stadsdeelhuis"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory, alliance=factory.SelfAttribute("..meeting.alliance"))
    status = alliances.AttendanceStatus.PRESENT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Decision

    meeting = factory.SubFactory(MeetingFactory)
    subject = alliances.DecisionSubject.ENDORSE_APPLICATION
    outcome = alliances.DecisionOutcome.ADOPTED
    text = "Instemming."


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Plan

    alliance = factory.SubFactory(AllianceFactory)
    kind = alliances.PlanKind.AREA_PLAN
    title = factory.Sequence(lambda n: f"Gebiedsplan {n}")
    version = factory.Sequence(lambda n: n + 1)
    period_start = datetime.date(2025, 1, 1)
    period_end = datetime.date(2028, 12, 31)


class BottleneckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = alliances.Bottleneck

    area = factory.LazyFunction(area_named)
    title = factory.Sequence(lambda n: f"Knelpunt {n}")
    description = "Een regel staat in de weg."
    regulation = "Participatiewet"
    action_line = factory.LazyFunction(lambda: action_line(3))
    signalled_on = datetime.date(2025, 5, 1)


# ---------------------------------------------------------------------------------------------
# Interventions


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = interventions.Intervention

    area = factory.LazyFunction(area_named)
    title = factory.Sequence(lambda n: f"Interventie {n}")
    description = "Wat de interventie doet."
    action_line = factory.LazyFunction(action_line)
    status = interventions.InterventionStatus.IDEA


class OutputMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = interventions.OutputMeasure

    intervention = factory.SubFactory(InterventionFactory)
    name = "Deelnemers"
    unit = "personen"
    target = Decimal("100")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = interventions.ProgressUpdate

    intervention = factory.SubFactory(InterventionFactory, status=interventions.InterventionStatus.RUNNING)
    year = 2026
    quarter = 1
    narrative = "Het loopt."
    rag_status = interventions.ProgressStatus.values[0]


class OtherFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = interventions.OtherFunding

    intervention = factory.SubFactory(InterventionFactory)
    source = interventions.FundingSource.values[0]
    amount = Decimal("5000.00")


# ---------------------------------------------------------------------------------------------
# Funding


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.Application

    # One open application per area and scheme: successive ones go to successive areas.
    area = factory.Sequence(area_number)
    scheme = factory.LazyFunction(scheme)
    reference = factory.Sequence(lambda n: f"TEST-{n:05d}")
    status = funding.ApplicationStatus.DRAFT


class ApplicationLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.ApplicationLine

    application = factory.SubFactory(ApplicationFactory)
    theme = factory.LazyFunction(theme_of)
    year = 2026
    amount = Decimal("1000.00")
    description = "Activiteiten"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.Review

    line = factory.SubFactory(ApplicationLineFactory)
    reviewer = factory.SubFactory(UserFactory, reviewer=True)
    recommendation = funding.Recommendation.GRANT_FULL
    reason = "Past goed."


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.InformationRequest

    application = factory.SubFactory(ApplicationFactory, status=funding.ApplicationStatus.INFO_REQUESTED)
    question = "Hoe betrekt u de scholen?"
    deadline = datetime.date(2026, 3, 1)
    asked_by = factory.SubFactory(UserFactory, reviewer=True)


class GrantDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.GrantDecision

    application = factory.SubFactory(ApplicationFactory, status=funding.ApplicationStatus.GRANTED)
    reference = factory.Sequence(lambda n: f"BESCH-{n:05d}")
    outcome = funding.GrantOutcome.GRANTED
    decided_by = factory.SubFactory(UserFactory, national_team=True)
    decided_at = factory.LazyFunction(timezone.now)
    total_granted = Decimal("1000.00")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.Payment

    grant_decision = factory.SubFactory(GrantDecisionFactory)
    municipality = factory.LazyAttribute(lambda p: p.grant_decision.application.area.municipality)
    year = 2026
    amount = Decimal("1000.00")
    paid_on = datetime.date(2026, 2, 1)
    reference = factory.Sequence(lambda n: f"BET-{n:05d}")


class SpendingReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.SpendingReport

    application = factory.SubFactory(ApplicationFactory, status=funding.ApplicationStatus.GRANTED)
    year = 2026


class SpendingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = funding.SpendingLine

    report = factory.SubFactory(SpendingReportFactory)
    theme = factory.LazyFunction(theme_of)
    amount = Decimal("800.00")
