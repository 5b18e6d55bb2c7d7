"""The accounting API: the same services, rules (each refusal a 400 with figures or a 403) and scoping."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Role
from areas.models import Area
from funding import payments, spending
from funding.models import SpendingReportStatus
from tests.conftest import make_user

from .accounting import granted_application, report_endorsement

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def grant(area_a, scheme, national):
    return granted_application(
        area_a, scheme, {("jonge-kind", 2026): "1000.00", ("financiele-educatie", 2026): "100.00"}, decided_by=national
    )


def errors(response) -> str:
    return str(response.json())


def test_payments_through_the_api(api_client, national, bureau_a, grant):
    api_client.force_authenticate(bureau_a)
    payload = {"application": grant.pk, "amount": "500.00", "paid_on": "2026-02-01", "reference": "API-1"}
    assert api_client.post("/api/v1/payments/", payload, format="json").status_code == 403
    api_client.force_authenticate(national)
    response = api_client.post("/api/v1/payments/", payload, format="json")
    assert response.status_code == 201 and response.json()["municipality"] == "GM0363"
    response = api_client.post(
        "/api/v1/payments/", {**payload, "amount": "600.01", "reference": "API-2"}, format="json"
    )
    assert response.status_code == 400 and "€ 1.100,01" in errors(response)
    response = api_client.post(
        "/api/v1/payments/", {**payload, "reference": "API-3", "municipality": "GM0599"}, format="json"
    )
    assert response.status_code == 400 and "betalen aan de gemeente" in errors(response)
    response = api_client.post(
        "/api/v1/payment-instalments/",
        {"application": grant.pk, "year": 2030, "amount": "1", "due_on": "2030-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "buiten de regeling" in errors(response)


def test_payments_are_scoped(api_client, national, grant, area_b):
    payments.payment_record(application=grant, actor=national, amount=D("10"), paid_on=date(2026, 1, 1), reference="S1")
    api_client.force_authenticate(make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b))
    assert api_client.get("/api/v1/payments/").json()["count"] == 0
    payload = {"application": grant.pk, "amount": "1", "paid_on": "2026-02-01", "reference": "X"}
    assert api_client.post("/api/v1/payments/", payload, format="json").status_code == 404


def test_report_workflow_through_the_api(api_client, bureau_a, national, grant, scheme):
    api_client.force_authenticate(bureau_a)
    response = api_client.post("/api/v1/spending-reports/", {"application": grant.pk, "year": 2027}, format="json")
    assert response.status_code == 400 and "toekomst" in errors(response)
    report = api_client.post("/api/v1/spending-reports/", {"application": grant.pk, "year": 2026}, format="json").json()
    jk = scheme.themes.get(code="jonge-kind")
    response = api_client.post(
        "/api/v1/spending-lines/", {"report": report["id"], "theme": jk.pk, "amount": "-1"}, format="json"
    )
    assert response.status_code == 400 and "niet negatief" in errors(response)
    response = api_client.post(
        "/api/v1/spending-lines/", {"report": report["id"], "theme": jk.pk, "amount": "1000.50"}, format="json"
    )
    assert response.status_code == 400 and "€ 0,50 te veel" in errors(response)
    line = api_client.post(
        "/api/v1/spending-lines/", {"report": report["id"], "theme": jk.pk, "amount": "1000.00"}, format="json"
    ).json()
    fe = scheme.themes.get(code="financiele-educatie")
    api_client.post(
        "/api/v1/spending-lines/", {"report": report["id"], "theme": fe.pk, "amount": "100.00"}, format="json"
    )
    url = f"/api/v1/spending-reports/{report['id']}/"
    assert "ingestemd" in errors(api_client.post(url + "submit/", {}, format="json"))
    endorsement = report_endorsement(grant.area)
    response = api_client.post(url + "submit/", {"endorsement": endorsement.pk}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    response = api_client.patch(f"/api/v1/spending-lines/{line['id']}/", {"amount": "1.00"}, format="json")
    assert response.status_code == 400 and "liggen vast" in errors(response)
    assert api_client.post(url + "accept/", {}, format="json").status_code == 403
    api_client.force_authenticate(national)
    assert "wat er anders moet" in errors(api_client.post(url + "return/", {"comment": ""}, format="json"))
    response = api_client.post(url + "accept/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == SpendingReportStatus.ACCEPTED


def test_reviewer_sees_only_own_ministry_lines_in_the_api(api_client, bureau_a, grant, scheme, reviewer_ocw):
    report = spending.spending_report_create(application=grant, year=2026, actor=bureau_a)
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=scheme.themes.get(code="jonge-kind"), amount=D("1000")
    )
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=scheme.themes.get(code="financiele-educatie"), amount=D("100")
    )
    spending.spending_report_submit(report=report, actor=bureau_a, endorsement=report_endorsement(grant.area))
    api_client.force_authenticate(reviewer_ocw)
    data = api_client.get(f"/api/v1/spending-reports/{report.pk}/").json()
    assert [line["theme_code"] for line in data["lines"]] == ["jonge-kind"]
    assert api_client.get("/api/v1/spending-lines/").json()["count"] == 1
    assert api_client.get("/api/v1/sisa/?regeling=spuk-kw-2026-2028&jaar=2026").status_code == 403


def test_money_overview_and_sisa_in_the_api(api_client, national, scheme, django_assert_max_num_queries):
    west, zuidoost = Area.objects.filter(municipality__name="Amsterdam").order_by("name")
    for area, amount in ((west, "10.01"), (zuidoost, "20.02")):
        bureau = make_user(f"b{area.pk}", Role.PROGRAMME_BUREAU, area=area)
        app = granted_application(area, scheme, {("jonge-kind", 2026): amount}, decided_by=national)
        report = spending.spending_report_create(application=app, year=2026, actor=bureau)
        spending.spending_line_save(
            report=report, actor=bureau, theme=scheme.themes.get(code="jonge-kind"), amount=D(amount)
        )
        spending.spending_report_submit(report=report, actor=bureau, endorsement=report_endorsement(area))
        spending.spending_report_accept(report=report, actor=national)
    api_client.force_authenticate(national)
    with django_assert_max_num_queries(12):
        data = api_client.get("/api/v1/sisa/?regeling=spuk-kw-2026-2028&jaar=2026&gemeente=GM0363").json()
    [row] = data["rijen"]
    assert row["indicatoren"][0]["waarde"] == "30.03" and len(row["verantwoordingen"]) == 2
    overview = api_client.get("/api/v1/money-overview/?regeling=spuk-kw-2026-2028&gemeente=GM0363").json()
    assert overview["totals"]["spent"] == "30.03" and overview["totals"]["granted"] == "30.03"
