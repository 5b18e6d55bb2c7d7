"""Factories for the money the reports read: applications, lines, decisions, payments, spending."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Role, User
from funding.models import (
    Application,
    ApplicationLine,
    ApplicationStatus,
    GrantDecision,
    GrantOutcome,
    InformationRequest,
    Payment,
    SpendingLine,
    SpendingReport,
    SpendingReportStatus,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    role = Role.NATIONAL_TEAM
    password = factory.django.Password("een-goed-wachtwoord-1")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    reference = factory.Sequence(lambda n: f"TEST-{n:05d}")
    status = ApplicationStatus.SUBMITTED


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationLine

    year = 2026
    amount = Decimal("1000.00")
    description = "Activiteiten"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantDecision

    reference = factory.Sequence(lambda n: f"BESCH-{n:05d}")
    outcome = GrantOutcome.GRANTED
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)
    total_granted = Decimal("0.00")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    year = 2026
    paid_on = date(2026, 2, 1)
    reference = factory.Sequence(lambda n: f"BET-R{n:05d}")
    municipality = factory.LazyAttribute(lambda p: p.grant_decision.application.area.municipality)


class SpendingReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendingReport

    year = 2026
    status = SpendingReportStatus.SUBMITTED


class SpendingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendingLine


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationRequest

    question = "Hoe telt u het bereik?"
    asked_by = factory.SubFactory(UserFactory, role=Role.MINISTRY_REVIEWER, ministry="OCW")
