"""Spending reports through the services: workflow, carry-over, the final account, every refusal with figures."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliances.models import DecisionOutcome, DecisionSubject
from core.workflow import transitions_of
from funding import payments, spending
from funding.models import Scheme, SpendingReportStatus, Theme

from .accounting import granted_application, report_endorsement
from .conftest import endorsement_for

pytestmark = pytest.mark.django_db
D = Decimal


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


@pytest.fixture
def old_scheme(reference_data) -> Scheme:
    return Scheme.objects.get(code="spuk-kw-2023-2025")


@pytest.fixture
def old_grant(area_a, old_scheme, national):
    """2023–2025: Jonge Kind € 100 a year; paid € 300 in full."""
    app = granted_application(
        area_a, old_scheme, {("jonge-kind", y): "100.00" for y in (2023, 2024, 2025)}, decided_by=national
    )
    payments.payment_record(
        application=app, actor=national, amount=D("300"), paid_on=date(2024, 1, 5), reference=f"P{app.pk}"
    )
    return app


@pytest.fixture
def new_grant(area_a, scheme, national):
    return granted_application(
        area_a, scheme, {("jonge-kind", 2026): "1000.00", ("jonge-kind", 2027): "1000.00"}, decided_by=national
    )


def theme(scheme, code) -> Theme:
    return scheme.themes.get(code=code)


def file_report(app, year, bureau, national, amounts: dict, *, accept=True, explanation="Toelichting"):
    report = spending.spending_report_create(application=app, year=year, actor=bureau)
    for code, amount in amounts.items():
        spending.spending_line_save(
            report=report, actor=bureau, theme=theme(app.scheme, code), amount=D(amount), explanation=explanation
        )
    spending.spending_report_submit(report=report, actor=bureau, endorsement=report_endorsement(app.area))
    if accept:
        spending.spending_report_accept(report=report, actor=national)
    report.refresh_from_db()
    return report


def test_the_whole_workflow_is_in_the_history(new_grant, bureau_a, national):
    """Draft → submitted → returned → draft → submitted → accepted, each step in the history."""
    report = spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=theme(new_grant.scheme, "jonge-kind"), amount=D("950")
    )
    endorsement = report_endorsement(new_grant.area)
    spending.spending_report_submit(report=report, actor=bureau_a, endorsement=endorsement)
    spending.spending_report_return(report=report, actor=national, comment="Splits per interventie.")
    spending.spending_report_reopen(report=report, actor=bureau_a)
    spending.spending_report_submit(report=report, actor=bureau_a, endorsement=endorsement)
    spending.spending_report_accept(report=report, actor=national)
    report.refresh_from_db()
    assert report.status == SpendingReportStatus.ACCEPTED and report.accepted_by == national
    assert [(t.source, t.target) for t in transitions_of(report)] == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "draft"),
        ("draft", "submitted"),
        ("submitted", "accepted"),
    ]


def test_negative_spending_is_refused(new_grant, bureau_a):
    report = spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)
    with pytest.raises(ValidationError, match="niet negatief") as excinfo:
        spending.spending_line_save(
            report=report, actor=bureau_a, theme=theme(new_grant.scheme, "jonge-kind"), amount=D("-1")
        )
    assert "€ -1,00" in messages_of(excinfo)


def test_spending_above_grant_plus_carry_over_is_refused_with_figures(new_grant, bureau_a):
    report = spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)
    with pytest.raises(ValidationError, match="Regel meenemen") as excinfo:
        spending.spending_line_save(
            report=report, actor=bureau_a, theme=theme(new_grant.scheme, "jonge-kind"), amount=D("1000.01")
        )
    text = messages_of(excinfo)
    assert "€ 1.000,01" in text and "€ 1.000,00" in text and "€ 0,01 te veel" in text
    assert not report.lines.exists()


def test_next_year_carry_over_lets_2024_spend_what_2023_left(old_grant, bureau_a, national, settings):
    """2023–2025: € 40 unspent in 2023 may be spent in 2024 (€ 140), but not € 140,01."""
    file_report(old_grant, 2023, bureau_a, national, {"jonge-kind": "60.00"})
    report = spending.spending_report_create(application=old_grant, year=2024, actor=bureau_a)
    jk = theme(old_grant.scheme, "jonge-kind")
    with pytest.raises(ValidationError, match="beschikbaar was € 140,00"):
        spending.spending_line_save(report=report, actor=bureau_a, theme=jk, amount=D("140.01"), explanation="x")
    spending.spending_line_save(report=report, actor=bureau_a, theme=jk, amount=D("140.00"), explanation="Ingehaald.")


def test_a_report_year_outside_the_scheme_or_in_the_future_is_refused(new_grant, old_grant, bureau_a):
    with pytest.raises(ValidationError, match="buiten de regeling"):
        spending.spending_report_create(application=new_grant, year=2025, actor=bureau_a)
    with pytest.raises(ValidationError, match="in de toekomst"):
        spending.spending_report_create(application=new_grant, year=2027, actor=bureau_a)


def test_a_second_report_for_the_same_year_is_refused(new_grant, bureau_a):
    spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)
    with pytest.raises(ValidationError, match="al een verantwoording over 2026"):
        spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)


def test_a_final_report_before_earlier_years_are_accepted_is_refused(old_grant, bureau_a, national):
    file_report(old_grant, 2023, bureau_a, national, {"jonge-kind": "100.00"})
    file_report(old_grant, 2024, bureau_a, national, {"jonge-kind": "100.00"}, accept=False)
    with pytest.raises(ValidationError, match="nog niet geaccepteerd: 2024"):
        spending.spending_report_create(application=old_grant, year=2025, actor=bureau_a)


def test_an_accepted_report_cannot_change(new_grant, bureau_a, national):
    report = file_report(new_grant, 2026, bureau_a, national, {"jonge-kind": "1000.00"})
    line = report.lines.get()
    with pytest.raises(ValidationError, match="geaccepteerd"):
        spending.spending_line_save(report=report, actor=bureau_a, theme=line.theme, amount=D("1"), line=line)
    with pytest.raises(ValidationError, match="geaccepteerd"):
        spending.spending_line_delete(line=line, actor=bureau_a)
    with pytest.raises(ValidationError, match="niet toegestaan"):
        spending.spending_report_reopen(report=report, actor=bureau_a)


def test_lines_are_frozen_after_submit(new_grant, bureau_a, national):
    report = file_report(new_grant, 2026, bureau_a, national, {"jonge-kind": "1000.00"}, accept=False)
    with pytest.raises(ValidationError, match="ingediend"):
        spending.spending_line_save(
            report=report, actor=bureau_a, theme=theme(new_grant.scheme, "jonge-kind"), amount=D("1")
        )


def test_a_difference_over_ten_percent_needs_an_explanation(new_grant, bureau_a):
    report = spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)
    jk = theme(new_grant.scheme, "jonge-kind")
    line = spending.spending_line_save(report=report, actor=bureau_a, theme=jk, amount=D("899.99"))
    with pytest.raises(ValidationError, match="licht het verschil toe") as excinfo:
        spending.spending_report_submit(report=report, actor=bureau_a, endorsement=report_endorsement(new_grant.area))
    assert "€ 899,99" in messages_of(excinfo) and "€ 1.000,00" in messages_of(excinfo)
    spending.spending_line_save(report=report, actor=bureau_a, theme=jk, amount=D("900.00"), line=line)
    spending.spending_report_submit(report=report, actor=bureau_a, endorsement=report_endorsement(new_grant.area))


def test_submit_needs_an_endorsement_bound_to_this_report(new_grant, bureau_a, area_b, area_a):
    report = spending.spending_report_create(application=new_grant, year=2026, actor=bureau_a)
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=theme(new_grant.scheme, "jonge-kind"), amount=D("1000")
    )
    for endorsement, match in [
        (None, "ingestemd"),
        (report_endorsement(area_b), "alliantie van dit gebied"),
        (endorsement_for(area_a, subject=DecisionSubject.ENDORSE_APPLICATION), "instemt met een verantwoording"),
        (
            endorsement_for(area_a, subject=DecisionSubject.ENDORSE_SPENDING_REPORT, outcome=DecisionOutcome.REJECTED),
            "aangenomen",
        ),
    ]:
        with pytest.raises(ValidationError, match=match):
            spending.spending_report_submit(report=report, actor=bureau_a, endorsement=endorsement)


def test_one_endorsement_serves_one_report(old_grant, bureau_a, national):
    first = file_report(old_grant, 2023, bureau_a, national, {"jonge-kind": "100.00"})
    report = spending.spending_report_create(application=old_grant, year=2024, actor=bureau_a)
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=theme(old_grant.scheme, "jonge-kind"), amount=D("100")
    )
    with pytest.raises(ValidationError, match="hoort al bij de verantwoording 2023"):
        spending.spending_report_submit(report=report, actor=bureau_a, endorsement=first.endorsement)


def test_final_account_fixes_the_grant_and_reclaims(old_grant, bureau_a, national):
    """Granted and paid € 300; spent 60 + 100 + 100 = € 260 eligible (2023's € 40 carried, not spent): reclaim € 40."""
    file_report(old_grant, 2023, bureau_a, national, {"jonge-kind": "60.00"})
    file_report(old_grant, 2024, bureau_a, national, {"jonge-kind": "100.00"})
    final = file_report(old_grant, 2025, bureau_a, national, {"jonge-kind": "100.00"})
    assert final.is_final
    assert (
        final.eligible_amount,
        final.paid_amount,
        final.fixed_amount,
        final.reclaim_amount,
        final.still_to_pay_amount,
    ) == (
        D("260.00"),
        D("300.00"),
        D("260.00"),
        D("40.00"),
        D("0.00"),
    )


def test_only_the_bureau_drafts_and_only_the_national_team_accepts(
    new_grant, bureau_a, member_a, reviewer_ocw, national
):
    with pytest.raises(PermissionDenied):
        spending.spending_report_create(application=new_grant, year=2026, actor=member_a)
    report = file_report(new_grant, 2026, bureau_a, national, {"jonge-kind": "1000.00"}, accept=False)
    for actor in (bureau_a, reviewer_ocw):
        with pytest.raises(PermissionDenied):
            spending.spending_report_accept(report=report, actor=actor)
    with pytest.raises(ValidationError, match="wat er anders moet"):
        spending.spending_report_return(report=report, actor=national, comment=" ")


def test_a_report_needs_a_granted_application(draft, bureau_a):
    with pytest.raises(ValidationError, match="alleen een toegekende aanvraag"):
        spending.spending_report_create(application=draft, year=2026, actor=bureau_a)
