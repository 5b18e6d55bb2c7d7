"""Database constraints of funding: money is never negative, one ceiling per area and theme."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funding.models import Application, ApplicationLine, ApplicationStatus, Ceiling, Scheme, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(reference_data):
    return Scheme.objects.get(code="spuk-kw-2026-2028")


@pytest.fixture
def theme(scheme):
    return Theme.objects.get(scheme=scheme, code="jonge-kind")


def test_one_ceiling_per_area_and_theme(area_a, theme):
    """The loader made one; a second for the same area and theme is refused."""
    assert Ceiling.objects.filter(area=area_a, theme=theme).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Ceiling.objects.create(area=area_a, theme=theme, amount=Decimal("1.00"))


def test_ceiling_not_negative(area_a, theme):
    ceiling = Ceiling.objects.get(area=area_a, theme=theme)
    ceiling.amount = Decimal("-0.01")
    with pytest.raises(ValidationError):
        ceiling.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ceiling.save()


def test_money_has_two_decimals_at_most(area_a, theme):
    """An amount with more than two decimals is refused by validation, not rounded."""
    ceiling = Ceiling.objects.get(area=area_a, theme=theme)
    ceiling.amount = Decimal("10.001")
    with pytest.raises(ValidationError):
        ceiling.full_clean()


def test_one_open_application_per_area_and_scheme(area_a, scheme):
    Application.objects.create(area=area_a, scheme=scheme, reference="A-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(area=area_a, scheme=scheme, reference="A-2")


def test_a_withdrawn_application_leaves_room_for_a_new_one(area_a, scheme):
    Application.objects.create(area=area_a, scheme=scheme, reference="A-1", status=ApplicationStatus.WITHDRAWN)
    assert Application.objects.create(area=area_a, scheme=scheme, reference="A-2").pk


def test_line_amount_positive_and_granted_within_requested(area_a, scheme, theme):
    application = Application.objects.create(area=area_a, scheme=scheme, reference="A-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationLine.objects.create(
            application=application, theme=theme, year=2026, amount=Decimal("0"), description="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationLine.objects.create(
            application=application,
            theme=theme,
            year=2026,
            amount=Decimal("100.00"),
            granted_amount=Decimal("100.01"),
            description="x",
        )
    line = ApplicationLine.objects.create(
        application=application,
        theme=theme,
        year=2026,
        amount=Decimal("100.00"),
        granted_amount=Decimal("100.00"),
        description="x",
    )
    assert line.granted_amount == line.amount


def test_scheme_last_year_not_before_first(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Scheme.objects.create(code="x", name="x", lead_ministry="BZK", first_year=2028, last_year=2026)


def test_ministry_scoping_is_one_queryset_method(reviewed, themes, reviewer_ocw, reviewer_szw, national):
    """`for_ministry` scopes themes, lines, applications and reviews alike; `visible_to` and the reviewer's
    work list use it; `ministries()` names the ministries of a set of lines."""
    from funding.models import INTEGRAL, Review, reviewed_ministry, reviewer_ministry
    from funding.selectors import reviewable_lines

    ocw_line = reviewed.lines.get(theme=themes["jonge-kind"])
    assert set(Theme.objects.for_ministry("OCW")) == set(Theme.objects.filter(ministry="OCW"))
    assert list(ApplicationLine.objects.for_ministry("OCW")) == [ocw_line]
    assert list(Application.objects.for_ministry("SZW")) == [reviewed]
    assert not Application.objects.for_ministry("JenV").exists()
    assert [r.line for r in Review.objects.for_ministry("OCW")] == [ocw_line]
    assert reviewed.lines.ministries() == {"OCW", "SZW"}
    assert ApplicationLine.objects.for_ministry(INTEGRAL).filter(application=reviewed).count() == 0
    assert (reviewer_ministry(reviewer_ocw), reviewer_ministry(national)) == ("OCW", None)
    assert (reviewed_ministry(reviewer_szw), reviewed_ministry(national)) == ("SZW", INTEGRAL)
    assert list(ApplicationLine.objects.visible_to(reviewer_ocw)) == [ocw_line]
    assert list(Review.objects.visible_to(reviewer_ocw).values_list("line", flat=True)) == [ocw_line.pk]
    assert list(reviewable_lines(user=reviewer_ocw)) == [ocw_line]
    assert not reviewable_lines(user=national).filter(application=reviewed).exists()
