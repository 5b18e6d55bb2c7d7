"""Factories for the monitor's test data."""

from __future__ import annotations

import factory

from monitoring.models import Indicator, IndicatorScope, IndicatorValue


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code="bijstand"))
    scope = IndicatorScope.AREA
    year = 2023
    value = factory.Faker("pydecimal", left_digits=2, right_digits=2, positive=True)
