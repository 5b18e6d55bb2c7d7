"""Fixtures for reports: private files in the test's own folder, a scheme with themes, a granted round."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.models import Role
from funding.models import ApplicationStatus, Scheme
from tests.conftest import make_user

from .factories import ApplicationFactory, DecisionFactory, LineFactory


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def scheme(reference_data) -> Scheme:
    return Scheme.objects.get(code="spuk-kw-2026-2028")


@pytest.fixture
def themes(scheme) -> list:
    return list(scheme.themes.order_by("position"))


@pytest.fixture
def bureau_b(area_b):
    return make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b, email="bureau_b@example.nl")


@pytest.fixture
def admin_user(db):
    return make_user("beheer", Role.ADMIN, email="beheer@example.nl")


def granted_application(area, scheme, amounts: dict, *, granted: dict | None = None, status=ApplicationStatus.GRANTED):
    """An application of `area` with a line per (theme, amount), granted as given (or in full), and its decision."""
    application = ApplicationFactory(area=area, scheme=scheme, status=status)
    total = Decimal("0.00")
    for theme, amount in amounts.items():
        grant = (granted or {}).get(theme, amount)
        LineFactory(application=application, theme=theme, amount=Decimal(amount), granted_amount=Decimal(grant))
        total += Decimal(grant)
    decision = DecisionFactory(application=application, total_granted=total)
    return application, decision
