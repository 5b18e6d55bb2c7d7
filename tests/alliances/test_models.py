"""Database constraints of the alliances app: they hold even when validation is bypassed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Role, User
from alliances.models import (
    Alliance,
    Decision,
    DecisionOutcome,
    DecisionSubject,
    Meeting,
    MemberRole,
    Membership,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
)
from areas.models import Municipality

pytestmark = pytest.mark.django_db


def test_one_alliance_per_area(area_a):
    """An area has at most one alliance."""
    Alliance.objects.create(area=area_a, name="Eerste")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alliance.objects.create(area=area_a, name="Tweede")


def test_membership_end_not_before_start_in_database(area_a):
    """A membership that ends before it starts is refused by the database."""
    alliance = Alliance.objects.create(area=area_a, name="A")
    person = Person.objects.create(name="Jan", area=area_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            alliance=alliance,
            person=person,
            role=MemberRole.ALDERMAN,
            start_date=date(2025, 1, 1),
            end_date=date(2024, 12, 31),
        )


def test_membership_end_not_before_start_in_validation(area_a):
    """The same rule gives a clear Dutch message in validation."""
    alliance = Alliance.objects.create(area=area_a, name="A")
    person = Person.objects.create(name="Jan", area=area_a)
    membership = Membership(
        alliance=alliance,
        person=person,
        role=MemberRole.ALDERMAN,
        start_date=date(2025, 1, 1),
        end_date=date(2024, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "einddatum mag niet voor de begindatum" in str(error.value)


def test_cbs_code_format_enforced(db):
    """A CBS municipality code is GM and four digits."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Municipality.objects.create(name="Nergenshuizen", cbs_code="XX12")
    with pytest.raises(ValidationError):
        Municipality(name="Nergenshuizen", cbs_code="GM12").full_clean()


def test_area_role_needs_area(db):
    """A programme-bureau user without an area is refused by validation and by the database."""
    with pytest.raises(ValidationError):
        User(username="x", role=Role.PROGRAMME_BUREAU).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role=Role.PROGRAMME_BUREAU)


def test_reviewer_needs_ministry(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="r", role=Role.MINISTRY_REVIEWER)


def test_nationwide_roles_get_admin_access_area_roles_do_not(area_a):
    """Reviewers and the national team work in the Django admin; area roles in the pages."""
    reviewer = User.objects.create(username="r", role=Role.MINISTRY_REVIEWER, ministry="OCW")
    bureau = User.objects.create(username="b", role=Role.PROGRAMME_BUREAU, area=area_a)
    assert reviewer.is_staff and not bureau.is_staff


def test_one_adopted_plan_per_kind(area_a):
    """Two adopted area plans in one alliance are refused by the database."""
    alliance = Alliance.objects.create(area=area_a, name="A")
    meeting = Meeting.objects.create(alliance=alliance, date=date(2025, 1, 1))
    decision = Decision.objects.create(
        meeting=meeting, subject=DecisionSubject.ADOPT_PLAN, text="x", outcome=DecisionOutcome.ADOPTED
    )
    common = {
        "alliance": alliance,
        "kind": PlanKind.AREA_PLAN,
        "period_start": date(2025, 1, 1),
        "period_end": date(2028, 12, 31),
        "status": PlanStatus.ADOPTED,
        "adopted_by": decision,
    }
    Plan.objects.create(title="v1", version=1, **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(title="v2", version=2, **common)


def test_adopted_plan_points_at_decision(area_a):
    alliance = Alliance.objects.create(area=area_a, name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            alliance=alliance,
            kind=PlanKind.AREA_PLAN,
            title="v1",
            period_start=date(2025, 1, 1),
            period_end=date(2028, 1, 1),
            status=PlanStatus.ADOPTED,
        )


def test_plan_end_not_before_start(area_a):
    alliance = Alliance.objects.create(area=area_a, name="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(
            alliance=alliance,
            kind=PlanKind.AREA_PLAN,
            title="v1",
            period_start=date(2025, 1, 1),
            period_end=date(2024, 1, 1),
        )
