"""Payments through the service: schedule and payments made, every refusal with its figures."""

import contextlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areas.models import Area, Municipality
from funding import payments
from funding.models import Payment

from .accounting import granted_application

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def grant(area_a, scheme, national):
    return granted_application(
        area_a, scheme, {("jonge-kind", 2026): "1000.00", ("integraal", 2027): "500.00"}, decided_by=national
    )


def test_the_national_team_records_a_payment_to_the_municipality(grant, national):
    payment = payments.payment_record(
        application=grant, actor=national, amount=D("600.00"), paid_on=date(2026, 2, 1), reference="BET-1"
    )
    assert payment.municipality == grant.area.municipality and payment.year == 2026
    assert payment.recorded_by == national


def test_paying_more_than_granted_is_refused_with_the_figures(grant, national):
    payments.payment_record(
        application=grant, actor=national, amount=D("1000.00"), paid_on=date(2026, 2, 1), reference="B1"
    )
    with pytest.raises(ValidationError) as excinfo:
        payments.payment_record(
            application=grant, actor=national, amount=D("500.01"), paid_on=date(2026, 3, 1), reference="B2"
        )
    text = " ".join(excinfo.value.messages)
    assert "€ 1.500,01" in text and "€ 1.500,00" in text and "€ 500,00" in text


def test_paying_a_grant_that_is_not_decided_is_refused(draft, national):
    with pytest.raises(ValidationError, match="nog niet besloten"):
        payments.payment_record(
            application=draft, actor=national, amount=D("1"), paid_on=date(2026, 1, 1), reference="X"
        )


def test_paying_a_rejected_grant_is_refused(area_a, scheme, national):
    rejected = granted_application(
        area_a, scheme, {("jonge-kind", 2026): "0.00"}, decided_by=national, requested={("jonge-kind", 2026): "10"}
    )
    rejected.status = "rejected"
    rejected.save()
    with pytest.raises(ValidationError, match="nog niet besloten|afgewezen"):
        payments.payment_record(
            application=rejected, actor=national, amount=D("1"), paid_on=date(2026, 1, 1), reference="X"
        )


def test_a_payment_to_another_municipality_is_refused(grant, national):
    other = Municipality.objects.exclude(pk=grant.area.municipality_id).first()
    with pytest.raises(ValidationError, match="betalen aan de gemeente") as excinfo:
        payments.payment_record(
            application=grant,
            actor=national,
            amount=D("1"),
            paid_on=date(2026, 1, 1),
            reference="X",
            municipality=other,
        )
    assert other.name in " ".join(excinfo.value.messages)


def test_only_the_national_team_pays(grant, bureau_a, reviewer_ocw):
    for actor in (bureau_a, reviewer_ocw):
        with pytest.raises(PermissionDenied):
            payments.payment_record(
                application=grant, actor=actor, amount=D("1"), paid_on=date(2026, 1, 1), reference="X"
            )


def test_amount_date_and_reference_rules(grant, national):
    for amount, paid_on, reference, match in [
        (D("0"), date(2026, 1, 1), "A", "groter dan"),
        (D("1.001"), date(2026, 1, 1), "A", "twee cijfers"),
        (D("1"), timezone.localdate() + timedelta(days=1), "A", "toekomst"),
        (D("1"), date(2026, 1, 1), " ", "betalingskenmerk"),
    ]:
        with pytest.raises(ValidationError, match=match):
            payments.payment_record(
                application=grant, actor=national, amount=amount, paid_on=paid_on, reference=reference
            )
    payments.payment_record(application=grant, actor=national, amount=D("1"), paid_on=date(2026, 1, 1), reference="A")
    with pytest.raises(ValidationError, match="al gebruikt"):
        payments.payment_record(
            application=grant, actor=national, amount=D("1"), paid_on=date(2026, 1, 1), reference="A"
        )


def test_the_schedule_stays_within_the_grant_and_the_scheme(grant, national):
    payments.payment_instalment_save(
        application=grant, actor=national, year=2026, amount=D("1000"), due_on=date(2026, 1, 15)
    )
    with pytest.raises(ValidationError, match="buiten de regeling"):
        payments.payment_instalment_save(
            application=grant, actor=national, year=2029, amount=D("1"), due_on=date(2029, 1, 15)
        )
    with pytest.raises(ValidationError, match="niet meer dan toegekend") as excinfo:
        payments.payment_instalment_save(
            application=grant, actor=national, year=2027, amount=D("600"), due_on=date(2027, 1, 15)
        )
    assert "€ 1.600,00" in " ".join(excinfo.value.messages)
    payments.payment_instalment_save(
        application=grant, actor=national, year=2027, amount=D("500"), due_on=date(2027, 1, 15)
    )


def test_amsterdams_two_areas_are_paid_to_one_municipality(scheme, national):
    west, zuidoost = Area.objects.filter(municipality__name="Amsterdam").order_by("name")
    for area, amount in ((west, "100.00"), (zuidoost, "250.00")):
        app = granted_application(area, scheme, {("jonge-kind", 2026): amount}, decided_by=national)
        payments.payment_record(
            application=app, actor=national, amount=D(amount), paid_on=date(2026, 1, 1), reference=f"A-{area.pk}"
        )
    total = Payment.objects.filter(municipality__name="Amsterdam").aggregate(total=Sum("amount"))["total"]
    assert D(str(total)) == D("350.00")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(1, 80_000).map(lambda c: D(c) / 100), max_size=8))
def test_no_sequence_of_payments_pays_more_than_granted(amounts, grant, national):
    """Property: whatever payments are tried, the total paid never passes the grant."""
    Payment.objects.filter(grant_decision__application=grant).delete()
    for index, amount in enumerate(amounts):
        with contextlib.suppress(ValidationError):
            payments.payment_record(
                application=grant, actor=national, amount=amount, paid_on=date(2026, 1, 1), reference=f"P{index}"
            )
    paid = D(str(Payment.objects.filter(grant_decision__application=grant).aggregate(t=Sum("amount"))["t"] or 0))
    assert paid <= grant.grant_decision.total_granted
