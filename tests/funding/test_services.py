"""The application workflow through the services: every rule's refusal, four eyes, notifications."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from alliances.models import DecisionOutcome, DecisionSubject
from core.workflow import transitions_of
from funding import services
from funding.models import Application, ApplicationStatus, Ceiling, GrantDecision, GrantOutcome, Scheme
from tests.conftest import make_user

from .conftest import add_line, endorsement_for

pytestmark = pytest.mark.django_db


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# --- drafting ------------------------------------------------------------------------------


def test_only_the_areas_bureau_creates_an_application(area_a, area_b, scheme, bureau_a, member_a):
    with pytest.raises(PermissionDenied):
        services.application_create(area=area_a, scheme=scheme, actor=member_a)
    with pytest.raises(PermissionDenied):
        services.application_create(area=area_b, scheme=scheme, actor=bureau_a)
    application = services.application_create(area=area_a, scheme=scheme, actor=bureau_a)
    assert application.status == ApplicationStatus.DRAFT and application.created_by == bureau_a


def test_one_open_application_per_area_and_scheme(draft, area_a, scheme, bureau_a):
    with pytest.raises(ValidationError, match="openstaande aanvraag"):
        services.application_create(area=area_a, scheme=scheme, actor=bureau_a)
    services.application_withdraw(application=draft, actor=bureau_a)
    again = services.application_create(area=area_a, scheme=scheme, actor=bureau_a)
    assert again.reference != draft.reference


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("year", {"year": 2029}, "valt buiten de regeling"),
        ("year", {"year": 2025}, "valt buiten de regeling"),
        ("amount", {"amount": "0"}, "groter zijn dan nul"),
        ("amount", {"amount": "-5.00"}, ""),
        ("amount", {"amount": "10.005"}, ""),
    ],
)
def test_line_rules_are_refused(draft, bureau_a, themes, field, changes, message):
    with pytest.raises(ValidationError) as excinfo:
        add_line(draft, bureau_a, themes["jonge-kind"], **changes)
    assert field in excinfo.value.message_dict
    assert message in " ".join(excinfo.value.message_dict[field])
    assert not draft.lines.exists()


def test_integral_lines_are_allowed(draft, bureau_a, themes):
    line = add_line(draft, bureau_a, themes["integraal"])
    assert line.pk and line.theme.is_integral


def test_a_theme_of_another_scheme_is_refused(draft, bureau_a):
    other = Scheme.objects.get(code="spuk-kw-2023-2025").themes.get(code="jonge-kind")
    with pytest.raises(ValidationError) as excinfo:
        add_line(draft, bureau_a, other)
    assert "hoort niet bij de regeling" in " ".join(excinfo.value.message_dict["theme"])


def test_school_and_environment_needs_coalition_and_85_percent(draft, bureau_a, themes):
    theme = themes["school-omgeving"]
    with pytest.raises(ValidationError) as excinfo:
        add_line(draft, bureau_a, theme, partners="", school_share_in_area=Decimal("90"))
    assert "coalitie" in " ".join(excinfo.value.message_dict["partners"])
    with pytest.raises(ValidationError) as excinfo:
        add_line(draft, bureau_a, theme, school_share_in_area=Decimal("84.99"))
    assert "85%" in " ".join(excinfo.value.message_dict["school_share_in_area"])
    assert add_line(draft, bureau_a, theme, school_share_in_area=Decimal("85")).pk


def test_only_the_bureau_of_the_area_edits_lines(draft, themes, member_a, national, area_b):
    from funding.models import ApplicationLine

    bureau_b = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    for actor in (member_a, national, bureau_b):
        with pytest.raises(PermissionDenied):
            add_line(draft, actor, themes["jonge-kind"])
    assert not ApplicationLine.objects.exists()


def test_a_draft_may_exceed_a_ceiling_but_submit_names_theme_amounts_and_excess(
    draft, bureau_a, themes, ceiling, endorsement
):
    theme = themes["jonge-kind"]
    limit = ceiling["jonge-kind"]
    add_line(draft, bureau_a, theme, year=2026, amount=str(limit))
    add_line(draft, bureau_a, theme, year=2027, amount="200.00")
    warnings = services.ceiling_warnings(application=draft)
    assert len(warnings) == 1 and "Jonge Kind" in warnings[0]
    with pytest.raises(ValidationError) as excinfo:
        services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    text = messages_of(excinfo)
    from core.money import euro

    assert f"Het thema Jonge Kind overschrijdt het plafond: aangevraagd {euro(limit + 200)}" in text
    assert f"plafond {euro(limit)}, € 200,00 te veel." in text
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_a_theme_without_a_ceiling_counts_as_zero(draft, bureau_a, themes, area_a, endorsement):
    Ceiling.objects.filter(area=area_a, theme=themes["integraal"]).delete()
    add_line(draft, bureau_a, themes["integraal"], amount="1.00")
    with pytest.raises(ValidationError, match="geen plafond voor dit gebied"):
        services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)


def test_the_ceiling_counts_other_applications_of_the_area(draft, bureau_a, themes, ceiling, endorsement):
    """A granted application of the same area and scheme uses up its granted amount of the ceiling."""
    add_line(draft, bureau_a, themes["jonge-kind"], amount=str(ceiling["jonge-kind"] - 100))
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.GRANTED)
    draft.lines.update(granted_amount=ceiling["jonge-kind"] - 100)
    second = services.application_create(area=draft.area, scheme=draft.scheme, actor=bureau_a)
    add_line(second, bureau_a, themes["jonge-kind"], amount="100.01")
    with pytest.raises(ValidationError, match="€ 0,01 te veel"):
        services.application_submit(application=second, actor=bureau_a, endorsement=endorsement)
    second.lines.update(amount=Decimal("100.00"))
    assert (
        services.application_submit(application=second, actor=bureau_a, endorsement=endorsement).status == "submitted"
    )


# --- submitting -----------------------------------------------------------------------------


def test_submit_without_lines_is_refused(draft, bureau_a, endorsement):
    with pytest.raises(ValidationError, match="zonder regels"):
        services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)


def test_submit_needs_an_endorsement_of_the_own_alliance(draft, bureau_a, themes, area_b):
    add_line(draft, bureau_a, themes["jonge-kind"])
    refusals = [
        None,
        endorsement_for(area_b),
        endorsement_for(draft.area, outcome=DecisionOutcome.REJECTED),
        endorsement_for(draft.area, subject=DecisionSubject.ADOPT_PLAN),
    ]
    for decision in refusals:
        with pytest.raises(ValidationError) as excinfo:
            services.application_submit(application=draft, actor=bureau_a, endorsement=decision)
        assert "endorsement" in excinfo.value.message_dict
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.endorsement is None


def test_submit_logs_the_transition_and_freezes_the_lines(submitted, bureau_a, themes, endorsement):
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.endorsement == endorsement and submitted.submitted_at
    step = transitions_of(submitted).get()
    assert (step.source, step.target, step.actor) == ("draft", "submitted", bureau_a)
    line = submitted.lines.first()
    with pytest.raises(ValidationError, match="liggen vast"):
        add_line(submitted, bureau_a, themes["jonge-kind"])
    with pytest.raises(ValidationError, match="liggen vast"):
        services.application_line_save(
            application=submitted,
            actor=bureau_a,
            line=line,
            theme=line.theme,
            year=line.year,
            amount=Decimal("1.00"),
            description="x",
        )
    with pytest.raises(ValidationError, match="liggen vast"):
        services.application_line_delete(line=line, actor=bureau_a)
    line.refresh_from_db()
    assert line.amount != Decimal("1.00")


def test_withdraw_from_draft_or_submitted_only(submitted, bureau_a, reviewer_ocw):
    services.application_start_review(application=submitted, actor=reviewer_ocw)
    with pytest.raises(ValidationError, match="niet toegestaan"):
        services.application_withdraw(application=submitted, actor=bureau_a)


# --- review ---------------------------------------------------------------------------------


def test_a_reviewer_recommends_only_on_its_own_ministrys_lines(submitted, reviewer_ocw):
    szw_line = submitted.lines.get(theme__ministry="SZW")
    with pytest.raises(PermissionDenied):
        services.review_record(line=szw_line, actor=reviewer_ocw, recommendation="grant_full", reason="x")


def test_the_first_recommendation_starts_the_review(submitted, reviewer_ocw):
    line = submitted.lines.get(theme__ministry="OCW")
    review = services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason="Goed plan.")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW
    assert review.recommended_amount == line.amount


def test_recommendation_rules(submitted, reviewer_ocw):
    line = submitted.lines.get(theme__ministry="OCW")
    with pytest.raises(ValidationError, match="motivering"):
        services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason=" ")
    with pytest.raises(ValidationError, match="aangevraagde"):
        services.review_record(
            line=line,
            actor=reviewer_ocw,
            recommendation="grant_amount",
            recommended_amount=line.amount + Decimal("0.01"),
            reason="x",
        )


def test_no_recommendation_on_a_draft(draft, bureau_a, themes, reviewer_ocw):
    line = add_line(draft, bureau_a, themes["jonge-kind"])
    with pytest.raises(PermissionDenied):
        services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason="x")


def test_information_request_and_answer_go_round_the_loop(
    submitted, reviewer_ocw, bureau_a, django_capture_on_commit_callbacks
):
    bureau_a.email = "bureau@example.nl"
    bureau_a.save()
    with pytest.raises(ValidationError, match="vandaag of later"):
        services.information_request_create(
            application=submitted,
            actor=reviewer_ocw,
            question="Welke scholen?",
            deadline=timezone.localdate() - timedelta(days=1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        request = services.information_request_create(
            application=submitted,
            actor=reviewer_ocw,
            question="Welke scholen?",
            deadline=timezone.localdate() + timedelta(days=14),
        )
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.INFO_REQUESTED
    assert [m.to for m in mail.outbox] == [["bureau@example.nl"]]
    assert "Welke scholen?" in mail.outbox[0].body
    services.information_request_answer(request=request, actor=bureau_a, answer="De drie in het gebied.")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW
    assert [t.target for t in transitions_of(submitted)] == ["submitted", "in_review", "info_requested", "in_review"]


def test_submit_notifies_the_reviewers_of_the_ministries_concerned(
    draft, bureau_a, themes, endorsement, reviewer_ocw, reviewer_szw, django_capture_on_commit_callbacks
):
    reviewer_ocw.email = "ocw@example.nl"
    reviewer_ocw.save()
    make_user("reviewer_vws", Role.MINISTRY_REVIEWER, ministry="VWS", email="vws@example.nl")
    add_line(draft, bureau_a, themes["jonge-kind"])
    add_line(draft, bureau_a, themes["financiele-educatie"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ocw@example.nl", "szw@example.nl"]


# --- decision -------------------------------------------------------------------------------


def test_decide_follows_the_recommendations_and_derives_partly_granted(
    reviewed, national, bureau_a, django_capture_on_commit_callbacks
):
    bureau_a.email = "bureau@example.nl"
    bureau_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.application_decide(application=reviewed, actor=national)
    reviewed.refresh_from_db()
    assert reviewed.status == ApplicationStatus.PARTLY_GRANTED
    assert decision.outcome == GrantOutcome.PARTLY_GRANTED
    assert decision.total_granted == Decimal("1300.00")
    decision.refresh_from_db()
    assert decision.letter.name.endswith(".pdf")
    assert [m.to for m in mail.outbox] == [["bureau@example.nl"]]
    assert "deels toegekend" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("granted", "outcome"),
    [({"ocw": "1000.00", "szw": "500.00"}, "granted"), ({"ocw": "0", "szw": "0"}, "rejected")],
)
def test_outcome_follows_from_the_amounts(reviewed, national, granted, outcome):
    lines = {line.theme.ministry.lower(): line for line in reviewed.lines.select_related("theme")}
    amounts = {lines[key].pk: Decimal(value) for key, value in granted.items()}
    decision = services.application_decide(application=reviewed, actor=national, granted=amounts)
    assert decision.outcome == outcome
    reviewed.refresh_from_db()
    assert reviewed.status == outcome


def test_granted_above_requested_is_refused(reviewed, national):
    line = reviewed.lines.first()
    with pytest.raises(ValidationError, match="aangevraagde"):
        services.application_decide(application=reviewed, actor=national, granted={line.pk: line.amount + 1})
    assert not GrantDecision.objects.exists()


def test_every_line_needs_a_recommendation_first(submitted, reviewer_ocw, national):
    line = submitted.lines.get(theme__ministry="OCW")
    services.review_record(line=line, actor=reviewer_ocw, recommendation="grant_full", reason="x")
    with pytest.raises(ValidationError, match="Financiële Educatie 2027"):
        services.application_decide(application=submitted, actor=national)


def test_four_eyes_a_reviewer_of_the_application_never_decides(
    draft, bureau_a, themes, endorsement, reviewer_ocw, national, national2
):
    add_line(draft, bureau_a, themes["integraal"])
    add_line(draft, bureau_a, themes["jonge-kind"])
    services.application_submit(application=draft, actor=bureau_a, endorsement=endorsement)
    for line in draft.lines.select_related("theme"):
        actor = national if line.theme.is_integral else reviewer_ocw
        services.review_record(line=line, actor=actor, recommendation="grant_full", reason="x")
    with pytest.raises(PermissionDenied, match="Vier ogen"):
        services.application_decide(application=draft, actor=national)
    with pytest.raises(PermissionDenied):
        services.application_decide(application=draft, actor=reviewer_ocw)
    assert services.application_decide(application=draft, actor=national2).decided_by == national2


def test_the_national_team_reviews_only_the_integral_part(submitted, national):
    line = submitted.lines.get(theme__ministry="OCW")
    with pytest.raises(PermissionDenied):
        services.review_record(line=line, actor=national, recommendation="grant_full", reason="x")


def test_no_decision_twice(reviewed, national, national2):
    services.application_decide(application=reviewed, actor=national)
    with pytest.raises(ValidationError, match="in beoordeling"):
        services.application_decide(application=reviewed, actor=national2)
    assert GrantDecision.objects.count() == 1
