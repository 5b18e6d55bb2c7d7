"""The accounting pages: reports (each refusal shown in the page), payments, money overview and SiSa."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from areas.models import Area
from funding import payments, spending
from funding.models import Scheme, SpendingReport, SpendingReportStatus
from tests.conftest import make_user

from .accounting import granted_application, report_endorsement

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def grant(area_a, scheme, national):
    return granted_application(
        area_a, scheme, {("jonge-kind", 2026): "1000.00", ("financiele-educatie", 2026): "200.00"}, decided_by=national
    )


@pytest.fixture
def report(grant, bureau_a):
    return spending.spending_report_create(application=grant, year=2026, actor=bureau_a)


def jk(scheme):
    return scheme.themes.get(code="jonge-kind")


def body(response) -> str:
    return response.content.decode()


def test_bureau_creates_a_report_in_the_page(client, bureau_a, grant):
    client.force_login(bureau_a)
    response = client.post(reverse("funding:report-list"), {"application": grant.pk, "year": 2026})
    report = SpendingReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    response = client.post(reverse("funding:report-list"), {"application": grant.pk, "year": 2027})
    assert "in de toekomst" in body(response)
    response = client.post(reverse("funding:report-list"), {"application": grant.pk, "year": 2026})
    assert "al een verantwoording over 2026" in body(response)


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-5", "niet negatief"), ("1000.01", "Regel meenemen")],
)
def test_line_refusals_show_in_the_page(client, bureau_a, report, scheme, amount, message):
    client.force_login(bureau_a)
    response = client.post(
        reverse("funding:report-line-add", args=[report.pk]), {"theme": jk(scheme).pk, "amount": amount}
    )
    assert response.status_code == 200 and message in body(response)
    assert not report.lines.exists()


def test_submit_in_the_page_needs_an_endorsement_then_freezes_the_lines(client, bureau_a, report, scheme):
    client.force_login(bureau_a)
    client.post(reverse("funding:report-line-add", args=[report.pk]), {"theme": jk(scheme).pk, "amount": "1000.00"})
    fe = scheme.themes.get(code="financiele-educatie")
    client.post(reverse("funding:report-line-add", args=[report.pk]), {"theme": fe.pk, "amount": "150.00"})
    url = reverse("funding:report-submit", args=[report.pk])
    assert "ingestemd" in body(client.post(url, {}))
    endorsement = report_endorsement(report.application.area)
    response = client.post(url, {"endorsement": endorsement.pk})
    assert "licht het verschil toe" in body(response) and "€ 150,00" in body(response)
    line = report.lines.get(theme=fe)
    client.post(
        reverse("funding:report-line-edit", args=[report.pk, line.pk]),
        {"theme": fe.pk, "amount": "150.00", "explanation": "Later gestart."},
    )
    assert client.post(url, {"endorsement": endorsement.pk}).status_code == 302
    report.refresh_from_db()
    assert report.status == SpendingReportStatus.SUBMITTED
    response = client.post(
        reverse("funding:report-line-edit", args=[report.pk, line.pk]), {"theme": fe.pk, "amount": "1.00"}
    )
    assert "liggen vast" in body(response)
    assert report.lines.get(theme=fe).amount == D("150.00")


def test_only_the_national_team_reviews_in_the_page(client, bureau_a, report, scheme, national):
    spending.spending_line_save(report=report, actor=bureau_a, theme=jk(scheme), amount=D("1000"))
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=scheme.themes.get(code="financiele-educatie"), amount=D("200")
    )
    spending.spending_report_submit(
        report=report, actor=bureau_a, endorsement=report_endorsement(report.application.area)
    )
    url = reverse("funding:report-review", args=[report.pk])
    client.force_login(bureau_a)
    assert client.post(url, {"decision": "accept"}).status_code == 403
    client.force_login(national)
    assert "wat er anders moet" in body(client.post(url, {"decision": "return", "comment": ""}))
    assert client.post(url, {"decision": "accept"}).status_code == 302
    report.refresh_from_db()
    assert report.status == SpendingReportStatus.ACCEPTED


def test_reports_are_scoped_by_area_and_ministry(client, report, area_b, bureau_a, scheme, reviewer_ocw):
    spending.spending_line_save(report=report, actor=bureau_a, theme=jk(scheme), amount=D("1000"))
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=scheme.themes.get(code="financiele-educatie"), amount=D("200")
    )
    other = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    client.force_login(other)
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(reviewer_ocw)
    assert client.get(report.get_absolute_url()).status_code == 404  # a draft is the bureau's own
    spending.spending_report_submit(
        report=report, actor=bureau_a, endorsement=report_endorsement(report.application.area)
    )
    page = body(client.get(report.get_absolute_url()))
    assert "Jonge Kind" in page and "Financiële Educatie" not in page


def test_report_list_with_export_and_query_cap(client, national, report, django_assert_max_num_queries):
    client.force_login(national)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("funding:report-list"))
    assert report.application.reference in body(response)
    export = client.get(reverse("funding:report-list") + "?export=csv")
    assert b"Terug te vorderen" in b"".join(export.streaming_content)


def test_payments_page_adds_amsterdams_areas(client, scheme, national, django_assert_max_num_queries):
    west, zuidoost = Area.objects.filter(municipality__name="Amsterdam").order_by("name")
    for area, amount in ((west, "100.00"), (zuidoost, "250.00")):
        app = granted_application(area, scheme, {("jonge-kind", 2026): amount}, decided_by=national)
        payments.payment_record(
            application=app, actor=national, amount=D(amount), paid_on=date(2026, 1, 1), reference=f"A{area.pk}"
        )
    client.force_login(national)
    with django_assert_max_num_queries(12):
        page = body(client.get(reverse("funding:payments")))
    assert "€ 350,00" in page
    bureau = make_user("bureau_west", Role.PROGRAMME_BUREAU, area=west)
    client.force_login(bureau)
    page = body(client.get(reverse("funding:payments")))
    assert "€ 100,00" in page and "€ 350,00" not in page and "€ 250,00" not in page


def test_money_overview_pages(client, grant, national, bureau_a, reviewer_ocw, area_a, django_assert_max_num_queries):
    payments.payment_record(
        application=grant, actor=national, amount=D("600"), paid_on=date(2026, 1, 1), reference="M1"
    )
    client.force_login(national)
    with django_assert_max_num_queries(15):
        page = body(client.get(reverse("funding:money") + "?regeling=spuk-kw-2026-2028"))
    assert "<svg" in page and "<table" in page and "€ 1.200,00" in page and "€ 600,00" in page
    client.force_login(bureau_a)
    assert "€ 1.200,00" in body(client.get(reverse("funding:money-area", args=[area_a.slug])))
    assert client.get(reverse("funding:money-area", args=["rotterdam-zuid"])).status_code == 404
    client.force_login(reviewer_ocw)
    page = body(client.get(reverse("funding:money")))
    assert "€ 1.000,00" in page and "Financiële Educatie" not in page and "€ 600,00" not in page


# --- SiSa --------------------------------------------------------------------------------


@pytest.fixture
def amsterdam_reports(scheme, national):
    """Amsterdam's two areas, each with an accepted 2026 report; totals € 123,45 + € 1.000,10."""
    west, zuidoost = Area.objects.filter(municipality__name="Amsterdam").order_by("name")
    reports = []
    for area, amount in ((west, "123.45"), (zuidoost, "1000.10")):
        bureau = make_user(f"bureau_{area.pk}", Role.PROGRAMME_BUREAU, area=area)
        app = granted_application(area, scheme, {("jonge-kind", 2026): amount}, decided_by=national)
        report = spending.spending_report_create(application=app, year=2026, actor=bureau)
        spending.spending_line_save(report=report, actor=bureau, theme=jk(scheme), amount=D(amount))
        spending.spending_report_submit(report=report, actor=bureau, endorsement=report_endorsement(area))
        spending.spending_report_accept(report=report, actor=national)
        reports.append(report)
    return reports


def test_sisa_export_gives_amsterdam_one_row_reconciled_to_the_cent(client, national, amsterdam_reports):
    client.force_login(national)
    response = client.get(reverse("funding:sisa") + "?regeling=spuk-kw-2026-2028&jaar=2026&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    header, data = rows[0], rows[1:]
    amsterdam = [row for row in data if row[5] == "Amsterdam"]
    assert len(amsterdam) == 1
    row = dict(zip(header, amsterdam[0], strict=True))
    assert row["Ontvanger"] == "GM0363" and row["Indicator 1: waarde"] == "1123.55"
    assert row["Indicator 2: waarde"] == "1123.55" and row["Indicator 3: waarde"] == "Nee"
    assert "Staatscourant 2025, 20924" in row["Juridische grondslag"] and "15a" in row["Juridische grondslag"]
    assert all(str(r.pk) in row["Gebaseerd op geaccepteerde verantwoordingen"] for r in amsterdam_reports)
    theme_code = [k for k, v in row.items() if v == "Besteding (jaar T) – Jonge Kind"][0].replace(
        "omschrijving", "waarde"
    )
    assert row[theme_code] == "1123.55"


def test_sisa_excel_and_scope(client, amsterdam_reports, bureau_a, reviewer_ocw, national):
    client.force_login(bureau_a)  # Amsterdam Nieuw-West: its municipality's row only
    response = client.get(reverse("funding:sisa") + "?regeling=spuk-kw-2026-2028&jaar=2026&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert [row[5] for row in values[1:]] == ["Amsterdam"]
    assert Decimal(str(values[1][9])) == D("1123.55")
    assert (
        client.get(reverse("funding:sisa") + "?regeling=spuk-kw-2026-2028&jaar=2026&gemeente=GM0599").status_code == 404
    )
    client.force_login(reviewer_ocw)
    assert client.get(reverse("funding:sisa")).status_code == 403


def test_sisa_final_year_says_ja_and_carries_the_reclaim(client, area_a, national, bureau_a):
    old = Scheme.objects.get(code="spuk-kw-2023-2025")
    app = granted_application(
        area_a, old, {("jonge-kind", y): "100.00" for y in (2023, 2024, 2025)}, decided_by=national
    )
    payments.payment_record(application=app, actor=national, amount=D("300"), paid_on=date(2024, 1, 1), reference="F1")
    for year, amount in ((2023, "100"), (2024, "100"), (2025, "90")):
        report = spending.spending_report_create(application=app, year=year, actor=bureau_a)
        spending.spending_line_save(
            report=report, actor=bureau_a, theme=old.themes.get(code="jonge-kind"), amount=D(amount)
        )
        spending.spending_report_submit(report=report, actor=bureau_a, endorsement=report_endorsement(area_a))
        spending.spending_report_accept(report=report, actor=national)
    client.force_login(national)
    response = client.get(reverse("funding:sisa") + "?regeling=spuk-kw-2023-2025&jaar=2025&gemeente=GM0363&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Indicator 1: waarde"] == "90.00" and row["Indicator 2: waarde"] == "290.00"
    assert row["Indicator 3: waarde"] == "Ja" and row["Terugvordering (€)"] == "10.00"


def test_a_reviewers_report_list_does_not_multiply_the_spending(
    client, report, bureau_a, scheme, reviewer_ocw, national
):
    """The reviewer's total counts its own ministry's lines once (the scope joins application lines)."""
    spending.spending_line_save(report=report, actor=bureau_a, theme=jk(scheme), amount=D("1000"))
    spending.spending_line_save(
        report=report, actor=bureau_a, theme=scheme.themes.get(code="financiele-educatie"), amount=D("200")
    )
    spending.spending_report_submit(
        report=report, actor=bureau_a, endorsement=report_endorsement(report.application.area)
    )
    client.force_login(reviewer_ocw)
    page = body(client.get(reverse("funding:report-list")))
    assert "€ 1.000,00" in page and "€ 1.200,00" not in page and "€ 2.000,00" not in page
