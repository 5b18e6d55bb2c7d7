"""Fixtures for the application workflow: a draft, an endorsing decision, reviewers and deciders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Ministry, Role
from alliances.models import (
    Alliance,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Membership,
    Person,
)
from funding import services
from funding.models import Ceiling, Scheme, Theme
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Decision letters are written to a private folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def scheme(reference_data) -> Scheme:
    return Scheme.objects.get(code="spuk-kw-2026-2028")


@pytest.fixture
def themes(scheme) -> dict[str, Theme]:
    return {theme.code: theme for theme in scheme.themes.all()}


@pytest.fixture
def ceiling(area_a, themes):
    """The ceilings of area A by theme code."""
    return {c.theme.code: c.amount for c in Ceiling.objects.filter(area=area_a, theme__in=themes.values())}


def quorate_meeting(area, *, day=date(2025, 9, 15)) -> Meeting:
    """A meeting of the area's alliance on `day` with its chair (the only member) present: quorate."""
    alliance, _ = Alliance.objects.get_or_create(area=area, defaults={"name": f"Alliantie {area.name}"})
    chair = alliance.memberships.filter(role=MemberRole.CHAIR).first()
    if chair is None:
        person = Person.objects.create(name=f"Burgemeester {area.name}", area=area)
        chair = Membership.objects.create(
            alliance=alliance, person=person, role=MemberRole.CHAIR, is_mayor=True, start_date=date(2020, 1, 1)
        )
    meeting = Meeting.objects.create(alliance=alliance, date=day)
    Attendance.objects.create(meeting=meeting, membership=chair, status=AttendanceStatus.PRESENT)
    return meeting


def endorsement_for(
    area, *, subject=DecisionSubject.ENDORSE_APPLICATION, outcome=DecisionOutcome.ADOPTED, day=date(2025, 9, 15)
) -> Decision:
    meeting = quorate_meeting(area, day=day)
    return Decision.objects.create(
        meeting=meeting, subject=subject, outcome=outcome, text="Instemming met de aanvraag."
    )


@pytest.fixture
def endorsement(area_a) -> Decision:
    return endorsement_for(area_a)


@pytest.fixture
def draft(area_a, scheme, bureau_a):
    return services.application_create(area=area_a, scheme=scheme, actor=bureau_a)


@pytest.fixture
def reviewer_szw(db):
    return make_user("reviewer_szw", Role.MINISTRY_REVIEWER, ministry=Ministry.SZW, email="szw@example.nl")


@pytest.fixture
def national2(db):
    return make_user("national2", Role.NATIONAL_TEAM, email="national2@example.nl")


def add_line(application, actor, theme, *, year=2026, amount="1000.00", **extra):
    if theme.code == "school-omgeving":
        extra.setdefault("partners", "Gemeente, school en buurthuis")
        extra.setdefault("school_share_in_area", Decimal("90"))
    return services.application_line_save(
        application=application,
        actor=actor,
        theme=theme,
        year=year,
        amount=Decimal(amount),
        description=extra.pop("description", "Activiteiten"),
        **extra,
    )


@pytest.fixture
def submitted(draft, bureau_a, themes, endorsement):
    """A submitted application with a Jonge Kind (OCW) line and a Financiële Educatie (SZW) line."""
    add_line(draft, bureau_a, themes["jonge-kind"], amount="1000.00")
    add_line(draft, bureau_a, themes["financiele-educatie"], year=2027, amount="500.00")
    return services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)


@pytest.fixture
def reviewed(submitted, reviewer_ocw, reviewer_szw):
    """In review, every line with a recommendation: OCW grants in full, SZW grants € 300."""
    for line in submitted.lines.select_related("theme"):
        if line.theme.ministry == Ministry.OCW:
            services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason="Past goed.")
        else:
            services.review_record(
                line=line,
                actor=reviewer_szw,
                recommendation="grant_amount",
                recommended_amount=Decimal("300.00"),
                reason="Deels.",
            )
    submitted.refresh_from_db()
    return submitted
