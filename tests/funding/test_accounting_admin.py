"""The admin for accounting: every write through the services, refusals on the form, actions, scoping."""

from decimal import Decimal

import pytest
from django.urls import reverse

from areas.models import Municipality
from funding import spending
from funding.models import Payment, PaymentInstalment, SisaIndicator, SpendingReportStatus

from .accounting import granted_application, report_endorsement

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def grant(area_a, scheme, national):
    return granted_application(area_a, scheme, {("jonge-kind", 2026): "1000.00"}, decided_by=national)


def test_admin_payment_goes_through_the_service(client, national, grant):
    client.force_login(national)
    url = reverse("admin:funding_payment_add")
    data = {"application": grant.pk, "amount": "1000.01", "paid_on": "2026-02-01", "reference": "ADM-1"}
    response = client.post(url, data)
    assert response.status_code == 200 and "niet meer dan toegekend" in response.content.decode()
    other = Municipality.objects.exclude(pk=grant.area.municipality_id).first()
    response = client.post(url, {**data, "amount": "10", "municipality": other.pk})
    assert "betalen aan de gemeente" in response.content.decode()
    response = client.post(url, {**data, "amount": "400.00"})
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.municipality == grant.area.municipality and payment.recorded_by == national
    change = client.get(reverse("admin:funding_payment_change", args=[payment.pk])).content.decode()
    assert 'name="amount"' not in change  # a payment is never changed


def test_admin_payment_refused_for_the_bureau_and_reviewer(client, bureau_a, reviewer_ocw, grant):
    client.force_login(reviewer_ocw)
    assert client.get(reverse("admin:funding_payment_add")).status_code == 403


def test_admin_schedule_through_the_service(client, national, grant):
    client.force_login(national)
    url = reverse("admin:funding_paymentinstalment_add")
    response = client.post(url, {"application": grant.pk, "year": 2026, "amount": "1200", "due_on": "2026-01-15"})
    assert "niet meer dan toegekend" in response.content.decode()
    response = client.post(url, {"application": grant.pk, "year": 2026, "amount": "1000", "due_on": "2026-01-15"})
    assert response.status_code == 302 and PaymentInstalment.objects.get().amount == D("1000.00")


@pytest.fixture
def submitted_report(grant, bureau_a, scheme):
    report = spending.spending_report_create(application=grant, year=2026, actor=bureau_a)
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=scheme.themes.get(code="jonge-kind"), amount=D("1000")
    )
    spending.spending_report_submit(report=report, actor=bureau_a, endorsement=report_endorsement(grant.area))
    return report


def test_admin_actions_accept_and_return(client, national, submitted_report):
    client.force_login(national)
    url = reverse("admin:funding_spendingreport_changelist")
    response = client.post(url, {"action": "return_to_bureau", "_selected_action": [submitted_report.pk]})
    assert response.status_code == 200 and "Wat moet er anders" in response.content.decode()
    client.post(
        url,
        {"action": "return_to_bureau", "_selected_action": [submitted_report.pk], "comment": "Graag per interventie."},
    )
    submitted_report.refresh_from_db()
    assert submitted_report.status == SpendingReportStatus.RETURNED and submitted_report.review_comment
    response = client.post(url, {"action": "accept", "_selected_action": [submitted_report.pk]}, follow=True)
    assert "Alleen een ingediende verantwoording" in response.content.decode()


def test_admin_report_is_read_only_and_lines_frozen(client, national, submitted_report):
    client.force_login(national)
    page = client.get(reverse("admin:funding_spendingreport_change", args=[submitted_report.pk])).content.decode()
    assert 'name="status"' not in page and 'name="lines-0-amount"' not in page
    assert client.get(reverse("admin:funding_spendingreport_add")).status_code == 403
    client.post(
        reverse("admin:funding_spendingreport_changelist"),
        {"action": "accept", "_selected_action": [submitted_report.pk]},
    )
    submitted_report.refresh_from_db()
    assert submitted_report.status == SpendingReportStatus.ACCEPTED


def test_admin_reviewer_sees_reports_of_own_ministry_only(
    client, reviewer_ocw, submitted_report, area_b, scheme, national
):
    szw_only = granted_application(area_b, scheme, {("financiele-educatie", 2026): "10.00"}, decided_by=national)
    from accounts.models import Role
    from tests.conftest import make_user

    bureau_b = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    report = spending.spending_report_create(application=szw_only, year=2026, actor=bureau_b)
    spending.spending_line_save(
        report=report, actor=bureau_b, theme=scheme.themes.get(code="financiele-educatie"), amount=D("10")
    )
    spending.spending_report_submit(report=report, actor=bureau_b, endorsement=report_endorsement(area_b))
    client.force_login(reviewer_ocw)
    page = client.get(reverse("admin:funding_spendingreport_changelist")).content.decode()
    assert submitted_report.application.reference in page and szw_only.reference not in page
    assert client.post(
        reverse("admin:funding_spendingreport_changelist"),
        {"action": "accept", "_selected_action": [submitted_report.pk]},
    ).status_code in (200, 302)
    submitted_report.refresh_from_db()
    assert submitted_report.status == SpendingReportStatus.SUBMITTED


def test_admin_sisa_indicators_are_editable_by_the_national_team(client, reference_data, national, reviewer_ocw):
    client.force_login(national)
    indicator = SisaIndicator.objects.filter(code__startswith="H18/01").first()
    url = reverse("admin:funding_sisaindicator_change", args=[indicator.pk])
    response = client.get(reverse("admin:funding_sisaindicator_changelist"), {"q": "H18/01"})
    assert response.status_code == 200 and url in response.content.decode()
    data = {
        "scheme": indicator.scheme_id,
        "year": indicator.year,
        "distributor": indicator.distributor,
        "grant_code": indicator.grant_code,
        "code": indicator.code,
        "label": "Besteding (jaar T), vastgesteld",
        "control": indicator.control,
        "measure": indicator.measure,
        "theme": indicator.theme_id or "",
        "position": indicator.position,
    }
    refused = client.post(url, {**data, "year": 2040})
    assert refused.status_code == 200 and "valt buiten de regeling" in refused.content.decode()
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.label == "Besteding (jaar T), vastgesteld" and not indicator.is_illustrative
    client.force_login(reviewer_ocw)
    assert client.get(reverse("admin:funding_sisaindicator_add")).status_code == 403
    assert client.post(url, {**data, "label": "Anders"}).status_code == 403
    indicator.refresh_from_db()
    assert indicator.label == "Besteding (jaar T), vastgesteld"
