"""Database constraints of interventions."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from areas.models import ActionLine
from interventions.models import Intervention, OtherFunding, OutputMeasure

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(reference_data):
    return ActionLine.objects.get(number=4)


def make(area, line, **fields):
    return Intervention.objects.create(area=area, title="Straatmaatjes", action_line=line, **fields)


def test_end_not_before_start(area_a, line):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(area_a, line, start_date=date(2025, 1, 1), end_date=date(2024, 1, 1))


def test_age_min_not_above_max(area_a, line):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(area_a, line, age_min=27, age_max=8)
    with pytest.raises(ValidationError) as error:
        Intervention(area=area_a, title="x", action_line=line, age_min=27, age_max=8).full_clean()
    assert "minimumleeftijd" in str(error.value)


def test_age_at_most_120(area_a, line):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(area_a, line, age_min=8, age_max=121)


def test_budget_not_negative(area_a, line):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(area_a, line, planned_budget=Decimal("-1.00"))


def test_output_and_other_funding_not_negative(area_a, line):
    intervention = make(area_a, line)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutputMeasure.objects.create(intervention=intervention, name="kinderen", unit="kinderen", target=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        OtherFunding.objects.create(intervention=intervention, source="municipality", amount=Decimal("-0.01"))


def test_youth_crime_range_is_valid(area_a, line):
    """Youth crime prevention works with ages 8–27: a valid range saves."""
    intervention = make(area_a, line, age_min=8, age_max=27)
    intervention.full_clean()
    assert intervention.pk
