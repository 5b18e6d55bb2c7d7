"""Fixtures for the intervention tests: a running intervention in area A, a private one in area B."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Role
from alliances.models import Organisation, OrganisationKind
from areas.models import ActionLine
from interventions.models import (
    EvidenceLevel,
    Intervention,
    InterventionStatus,
    OtherFunding,
    OutputMeasure,
    ProgressUpdate,
)
from tests.conftest import make_user

# Strings that only the private fields of area B's intervention hold; the library must never show them.
SECRET_BUDGET = Decimal("987654.32")
SECRET_NOTE = "GEHEIM-financieringsnotitie"
SECRET_NARRATIVE = "GEHEIM-voortgangsverslag"
SECRET_STOP = "GEHEIME-stopreden"


@pytest.fixture
def line(reference_data) -> ActionLine:
    return ActionLine.objects.get(number=4)


@pytest.fixture
def bureau_b(area_b):
    return make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)


@pytest.fixture
def admin_user(db):
    return make_user("admin_user", Role.ADMIN, is_superuser=True)


@pytest.fixture
def organisation_a(area_a) -> Organisation:
    return Organisation.objects.create(name="Welzijn Nieuw-West", kind=OrganisationKind.WELFARE, area=area_a)


@pytest.fixture
def running_a(area_a, line) -> Intervention:
    intervention = Intervention.objects.create(
        area=area_a,
        title="Straatmaatjes Nieuw-West",
        description="Maatjes voor jongeren op straat.",
        action_line=line,
        target_group="Jongeren",
        age_min=12,
        age_max=23,
        start_date=date(2025, 1, 1),
        status=InterventionStatus.RUNNING,
        planned_budget=Decimal("100000.00"),
    )
    OutputMeasure.objects.create(intervention=intervention, name="Jongeren bereikt", unit="jongeren", target=100)
    return intervention


@pytest.fixture
def private_b(area_b, line) -> Intervention:
    """A running intervention of Rotterdam-Zuid with private budget, funding, narrative and reason."""
    intervention = Intervention.objects.create(
        area=area_b,
        title="Buurtrechtbank Zuid",
        description="Geschillen in de buurt snel beslecht.",
        action_line=line,
        target_group="Buurtbewoners in conflict",
        age_min=16,
        age_max=None,
        start_date=date(2024, 3, 1),
        status=InterventionStatus.RUNNING,
        evidence_level=EvidenceLevel.PROMISING,
        planned_budget=SECRET_BUDGET,
        stop_reason=SECRET_STOP,
    )
    OutputMeasure.objects.create(intervention=intervention, name="Zaken", unit="zaken", target=1200, actual=1286)
    OtherFunding.objects.create(
        intervention=intervention, source="municipality", amount=Decimal("5000"), note=SECRET_NOTE
    )
    ProgressUpdate.objects.create(
        intervention=intervention, year=2025, quarter=2, narrative=SECRET_NARRATIVE, reach=40, rag_status="green"
    )
    return intervention
