"""Reference data never overwrites what users changed; ceilings and theme budgets change through a
service with rules; a decision re-checks the ceilings (issue 9, rule 4). Granted amounts keep their
history; an intervention with granted money cannot be deleted (rule 10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from accounts.models import Role
from funding import services
from funding.models import ApplicationLine, Ceiling, GrantDecision, Theme
from funding.reference import ceilings_generate, reference_load_schemes
from interventions.models import Intervention
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(db):
    return make_user("beheerder_b", Role.ADMIN, is_superuser=True)


def test_loading_reference_data_again_keeps_changed_ceilings_and_budgets(scheme, area_a, themes, beheerder):
    ceiling = Ceiling.objects.get(area=area_a, theme=themes["jonge-kind"])
    services.ceiling_update(ceiling=ceiling, actor=beheerder, amount=Decimal("12345.67"))
    theme_a, theme_b = themes["jonge-kind"], themes["financiele-educatie"]
    services.theme_budgets_update(
        scheme=scheme, actor=beheerder, budgets={theme_a.pk: theme_a.budget + 100, theme_b.pk: theme_b.budget - 100}
    )
    reference_load_schemes()
    ceilings_generate(scheme=scheme)
    ceiling.refresh_from_db()
    assert (ceiling.amount, ceiling.is_illustrative) == (Decimal("12345.67"), False)
    assert Theme.objects.get(pk=theme_a.pk).budget == theme_a.budget + 100


def test_ceiling_cannot_drop_below_what_is_claimed(submitted, area_a, themes, beheerder):
    ceiling = Ceiling.objects.get(area=area_a, theme=themes["jonge-kind"])
    with pytest.raises(ValidationError, match="kan niet lager"):
        services.ceiling_update(ceiling=ceiling, actor=beheerder, amount=Decimal("999.99"))
    services.ceiling_update(ceiling=ceiling, actor=beheerder, amount=Decimal("1000.00"))
    ceiling.refresh_from_db()
    assert ceiling.amount == Decimal("1000.00")


@pytest.mark.parametrize("amount", ["NaN", "-1", "1000000000.01"])
def test_ceiling_refuses_bad_amounts(area_a, themes, beheerder, amount):
    ceiling = Ceiling.objects.get(area=area_a, theme=themes["jonge-kind"])
    with pytest.raises(ValidationError):
        services.ceiling_update(ceiling=ceiling, actor=beheerder, amount=amount)


def test_only_the_admin_role_edits_ceilings(area_a, themes, national, bureau_a):
    ceiling = Ceiling.objects.get(area=area_a, theme=themes["jonge-kind"])
    for actor in (national, bureau_a):
        with pytest.raises(PermissionDenied):
            services.ceiling_update(ceiling=ceiling, actor=actor, amount=Decimal("1"))


def test_theme_budgets_must_add_up_to_the_scheme_total(scheme, themes, beheerder):
    theme = themes["jonge-kind"]
    with pytest.raises(ValidationError, match="tellen op tot"):
        services.theme_budgets_update(scheme=scheme, actor=beheerder, budgets={theme.pk: theme.budget + 1})
    assert Theme.objects.get(pk=theme.pk).budget == theme.budget
    services.theme_budgets_update(
        scheme=scheme, actor=beheerder, budgets={theme.pk: theme.budget + 1}, total_budget=scheme.total_budget + 1
    )
    scheme.refresh_from_db()
    assert sum(t.budget for t in scheme.themes.all()) == scheme.total_budget


def test_decision_rechecks_the_ceilings(submitted, area_a, themes, reviewer_ocw, reviewer_szw, national):
    for line in submitted.lines.select_related("theme"):
        actor = reviewer_ocw if line.theme.ministry == "OCW" else reviewer_szw
        services.review_record(line=line, actor=actor, recommendation="grant_full", reason="ok")
    # A ceiling lowered behind the service's back (a raw update) is caught when deciding.
    Ceiling.objects.filter(area=area_a, theme=themes["jonge-kind"]).update(amount=Decimal("10.00"))
    with pytest.raises(ValidationError, match="overschrijdt het plafond"):
        services.application_decide(application=submitted, actor=national)
    assert not GrantDecision.objects.exists()


def test_granted_amounts_keep_their_history(submitted, reviewer_ocw, reviewer_szw, national):
    for line in submitted.lines.select_related("theme"):
        actor = reviewer_ocw if line.theme.ministry == "OCW" else reviewer_szw
        services.review_record(line=line, actor=actor, recommendation="grant_full", reason="ok")
    services.application_decide(application=submitted, actor=national)
    for line in submitted.lines.all():
        latest = line.history.order_by("-history_date", "-history_id").first()
        assert latest.granted_amount == line.amount
        assert latest.history_user_id is None or latest.history_type == "~"


def test_intervention_with_granted_money_cannot_be_deleted(submitted, reviewer_ocw, reviewer_szw, national, area_a):
    from areas.models import ActionLine

    intervention = Intervention.objects.create(
        area=area_a, title="Straatmaatjes", action_line=ActionLine.objects.first(), start_date=date(2026, 1, 1)
    )
    line = submitted.lines.first()
    line.interventions.add(intervention)
    for each in submitted.lines.select_related("theme"):
        actor = reviewer_ocw if each.theme.ministry == "OCW" else reviewer_szw
        services.review_record(line=each, actor=actor, recommendation="grant_full", reason="ok")
    services.application_decide(application=submitted, actor=national)
    with pytest.raises(ProtectedError, match="kan niet worden verwijderd"), transaction.atomic():
        intervention.delete()
    assert ApplicationLine.objects.filter(interventions=intervention).exists()
