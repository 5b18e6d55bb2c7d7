"""Services: every rule of interventions refused with a clear message, the workflow and its history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliances.models import Organisation, OrganisationKind
from core.workflow import transitions_of
from interventions import services
from interventions.models import Intervention, InterventionStatus, OutputMeasure, ProgressUpdate

pytestmark = pytest.mark.django_db


def fields(line, **extra):
    return {"title": "Halt-spreekuur op school", "action_line": line, **extra}


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_bureau_creates_an_idea_in_its_own_area_with_history(bureau_a, area_a, line, organisation_a):
    """A new intervention starts as an idea; its creation is the first history entry."""
    intervention = services.intervention_create(
        actor=bureau_a,
        area=area_a,
        fields=fields(line, age_min=8, age_max=27, lead_organisation=organisation_a),
        partners=[organisation_a],
    )
    assert intervention.status == InterventionStatus.IDEA
    assert list(intervention.partners.all()) == [organisation_a]
    (entry,) = transitions_of(intervention)
    assert (entry.actor, entry.source, entry.target) == (bureau_a, "", "idea")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"start_date": date(2025, 1, 1), "end_date": date(2024, 12, 31)}, "einddatum mag niet voor de startdatum"),
        ({"age_min": 27, "age_max": 8}, "minimumleeftijd mag niet hoger"),
        ({"age_min": 8, "age_max": 121}, "tussen 0 en 120"),
        ({"age_min": -1}, "tussen 0 en 120"),
        ({"planned_budget": Decimal("-0.01")}, "niet negatief"),
    ],
)
def test_create_refuses_each_rule(bureau_a, area_a, line, extra, message):
    """End not before start, ages 0–120 with minimum ≤ maximum, figures ≥ 0; nothing is saved."""
    with pytest.raises(ValidationError) as error:
        services.intervention_create(actor=bureau_a, area=area_a, fields=fields(line, **extra))
    assert message in messages_of(error.value)
    assert not Intervention.objects.exists()


def test_update_refuses_end_before_start(bureau_a, running_a):
    with pytest.raises(ValidationError) as error:
        services.intervention_update(intervention=running_a, actor=bureau_a, fields={"end_date": date(2024, 1, 1)})
    assert "einddatum mag niet voor de startdatum" in messages_of(error.value)
    running_a.refresh_from_db()
    assert running_a.end_date is None


def test_lead_organisation_of_another_area_is_refused(bureau_a, area_a, area_b, line):
    other = Organisation.objects.create(name="Corporatie Zuid", kind=OrganisationKind.HOUSING_CORPORATION, area=area_b)
    with pytest.raises(ValidationError) as error:
        services.intervention_create(actor=bureau_a, area=area_a, fields=fields(line, lead_organisation=other))
    assert "Corporatie Zuid" in messages_of(error.value)


@pytest.mark.parametrize("who", ["member_a", "bureau_b", "national", "reviewer_ocw"])
def test_only_the_areas_bureau_may_edit(request, who, running_a):
    """Editing another area's intervention (or without the bureau role) is refused with a message."""
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as error:
        services.intervention_update(intervention=running_a, actor=actor, fields={"title": "Anders"})
    assert "Alleen het programmabureau van Amsterdam Nieuw-West" in str(error.value)
    with pytest.raises(PermissionDenied):
        services.intervention_start(intervention=running_a, actor=actor)


def test_admin_may_edit(admin_user, running_a):
    services.intervention_update(intervention=running_a, actor=admin_user, fields={"title": "Anders"})
    running_a.refresh_from_db()
    assert running_a.title == "Anders"


def test_bureau_cannot_create_in_another_area(bureau_a, area_b, line):
    with pytest.raises(PermissionDenied, match="eigen gebied"):
        services.intervention_create(actor=bureau_a, area=area_b, fields=fields(line))


def test_workflow_runs_idea_to_completed_and_keeps_who_when_from_to_why(bureau_a, area_a, line):
    intervention = services.intervention_create(actor=bureau_a, area=area_a, fields=fields(line))
    services.intervention_plan(intervention=intervention, actor=bureau_a, comment="Akkoord alliantie")
    services.intervention_start(intervention=intervention, actor=bureau_a)
    output = OutputMeasure.objects.create(intervention=intervention, name="Scholen", unit="scholen", target=50)
    services.intervention_complete(
        intervention=intervention,
        actor=bureau_a,
        end_date=date(2026, 6, 30),
        actuals={output.pk: Decimal("48")},
        comment="Klaar",
    )
    intervention.refresh_from_db()
    output.refresh_from_db()
    assert intervention.status == InterventionStatus.COMPLETED
    assert intervention.end_date == date(2026, 6, 30)
    assert output.actual == Decimal("48")
    history = [(t.source, t.target, t.comment, t.actor_id) for t in transitions_of(intervention)]
    assert history == [
        ("", "idea", "", bureau_a.pk),
        ("idea", "planned", "Akkoord alliantie", bureau_a.pk),
        ("planned", "running", "", bureau_a.pk),
        ("running", "completed", "Klaar", bureau_a.pk),
    ]
    assert all(t.at for t in transitions_of(intervention))


def test_transition_not_in_the_workflow_is_refused(bureau_a, area_a, line):
    """An idea cannot be completed or started; a completed one cannot move at all."""
    intervention = services.intervention_create(actor=bureau_a, area=area_a, fields=fields(line))
    with pytest.raises(ValidationError) as error:
        services.intervention_start(intervention=intervention, actor=bureau_a)
    assert "niet toegestaan" in messages_of(error.value)
    assert "‘Idee’ kan niet naar ‘Lopend’" in messages_of(error.value)
    with pytest.raises(ValidationError, match="niet toegestaan"):
        services.intervention_transition(intervention=intervention, actor=bureau_a, name="teleport")
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.IDEA
    assert len(transitions_of(intervention)) == 1


def test_stop_needs_a_reason_and_keeps_it(bureau_a, running_a):
    with pytest.raises(ValidationError) as error:
        services.intervention_stop(intervention=running_a, actor=bureau_a, reason="   ")
    assert "Stoppen vraagt een reden" in messages_of(error.value)
    running_a.refresh_from_db()
    assert running_a.status == InterventionStatus.RUNNING
    services.intervention_stop(intervention=running_a, actor=bureau_a, reason="Geen trekker meer")
    running_a.refresh_from_db()
    assert running_a.status == InterventionStatus.STOPPED and running_a.stop_reason == "Geen trekker meer"
    assert transitions_of(running_a).last().comment == "Geen trekker meer"
    with pytest.raises(ValidationError, match="niet toegestaan"):
        services.intervention_stop(intervention=running_a, actor=bureau_a, reason="Nogmaals")


def test_complete_needs_an_end_date(bureau_a, running_a):
    output = running_a.outputs.get()
    with pytest.raises(ValidationError) as error:
        services.intervention_complete(intervention=running_a, actor=bureau_a, actuals={output.pk: Decimal("90")})
    assert "Afronden vraagt een einddatum" in messages_of(error.value)
    output.refresh_from_db()
    assert output.actual is None  # nothing half-saved


def test_complete_needs_final_figures_for_every_output(bureau_a, running_a):
    OutputMeasure.objects.create(intervention=running_a, name="Ouders bereikt", unit="ouders", target=10, actual=8)
    with pytest.raises(ValidationError) as error:
        services.intervention_complete(intervention=running_a, actor=bureau_a, end_date=date(2026, 1, 1))
    assert "ontbreekt bij: Jongeren bereikt" in messages_of(error.value)
    running_a.refresh_from_db()
    assert running_a.status == InterventionStatus.RUNNING


def test_complete_needs_at_least_one_output(bureau_a, area_a, line):
    intervention = Intervention.objects.create(area=area_a, title="x", action_line=line, status="running")
    with pytest.raises(ValidationError, match="minstens één outputmaat"):
        services.intervention_complete(intervention=intervention, actor=bureau_a, end_date=date(2026, 1, 1))


def test_complete_refuses_end_before_start_and_negative_figures(bureau_a, running_a):
    output = running_a.outputs.get()
    with pytest.raises(ValidationError, match="einddatum mag niet voor de startdatum"):
        services.intervention_complete(
            intervention=running_a, actor=bureau_a, end_date=date(2024, 1, 1), actuals={output.pk: Decimal("1")}
        )
    with pytest.raises(ValidationError, match="niet negatief"):
        services.intervention_complete(
            intervention=running_a, actor=bureau_a, end_date=date(2026, 1, 1), actuals={output.pk: Decimal("-1")}
        )


def test_output_figures_not_negative(bureau_a, running_a):
    with pytest.raises(ValidationError, match="niet negatief"):
        services.output_measure_create(intervention=running_a, actor=bureau_a, name="x", unit="x", target=Decimal("-5"))
    with pytest.raises(ValidationError, match="niet negatief"):
        services.other_funding_create(
            intervention=running_a, actor=bureau_a, source="municipality", amount=Decimal("-1")
        )


def test_progress_update_per_quarter(bureau_a, running_a):
    update = services.progress_update_create(
        intervention=running_a, actor=bureau_a, year=2025, quarter=3, narrative="Loopt", rag_status="green", reach=40
    )
    assert update.pk
    with pytest.raises(ValidationError, match="al een voortgangsrapportage"):
        services.progress_update_create(
            intervention=running_a, actor=bureau_a, year=2025, quarter=3, narrative="Nog eens", rag_status="amber"
        )
    with pytest.raises(ValidationError, match="Een kwartaal is 1, 2, 3 of 4"):
        services.progress_update_create(
            intervention=running_a, actor=bureau_a, year=2025, quarter=5, narrative="x", rag_status="red"
        )
    with pytest.raises(ValidationError, match="niet negatief"):
        services.progress_update_create(
            intervention=running_a, actor=bureau_a, year=2025, quarter=4, narrative="x", rag_status="red", reach=-3
        )
    assert ProgressUpdate.objects.count() == 1


def test_progress_update_needs_a_running_intervention(bureau_a, area_a, line):
    intervention = services.intervention_create(actor=bureau_a, area=area_a, fields=fields(line))
    with pytest.raises(ValidationError, match="zolang een interventie loopt"):
        services.progress_update_create(
            intervention=intervention, actor=bureau_a, year=2025, quarter=1, narrative="x", rag_status="green"
        )


def test_copy_creates_an_idea_in_own_area_linking_back(bureau_a, private_b):
    copy = services.intervention_copy(source=private_b, actor=bureau_a)
    assert copy.area == bureau_a.area and copy.status == InterventionStatus.IDEA
    assert copy.copied_from == private_b
    assert copy.title == private_b.title and copy.age_min == 16 and copy.age_max is None
    assert copy.planned_budget is None and copy.stop_reason == "" and copy.lead_organisation is None
    assert not copy.other_funding.exists() and not copy.progress_updates.exists()
    assert [(o.name, o.target, o.actual) for o in copy.outputs.all()] == [("Zaken", Decimal("1200.00"), None)]
    assert "Overgenomen uit de bibliotheek" in transitions_of(copy).get().comment


@pytest.mark.parametrize("who", ["member_a", "national", "reviewer_ocw", "admin_user"])
def test_only_bureau_staff_may_copy(request, who, private_b):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="Alleen medewerkers van een programmabureau"):
        services.intervention_copy(source=private_b, actor=actor)
    assert Intervention.objects.count() == 1
