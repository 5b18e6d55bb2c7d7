"""The bureau's pages: drafting, refusals that keep what was typed, submit, withdraw, answer, letter."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from funding import services
from funding.models import Application, ApplicationLine, ApplicationStatus
from tests.conftest import make_user

from .conftest import add_line

pytestmark = pytest.mark.django_db


def line_data(theme, **extra):
    data = {"theme": theme.pk, "year": 2026, "amount": "1000.00", "description": "Voorschoolse educatie"}
    data.update(extra)
    return data


def test_bureau_creates_a_draft_and_adds_a_line(client, bureau_a, scheme, themes):
    client.force_login(bureau_a)
    response = client.post(reverse("funding:application-create"), {"scheme": scheme.pk})
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    response = client.post(reverse("funding:line-add", args=[application.pk]), line_data(themes["jonge-kind"]))
    assert response.status_code == 302
    assert application.lines.get().amount == Decimal("1000.00")
    body = client.get(application.get_absolute_url()).content.decode()
    assert "Plafond" in body and "Resterend" in body and "Jonge Kind" in body and "1.000,00" in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": 2029}, "valt buiten de regeling"),
        ({"amount": "0"}, "groter zijn dan nul"),
        ({"amount": "12,3456"}, "2"),  # 12.345 is twelve thousand in Dutch; four decimals are refused
    ],
)
def test_a_refused_line_keeps_what_was_typed(client, bureau_a, draft, themes, changes, message):
    client.force_login(bureau_a)
    data = line_data(themes["jonge-kind"], description="Mijn eigen tekst", **changes)
    response = client.post(reverse("funding:line-add", args=[draft.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body and "Mijn eigen tekst" in body
    assert 'aria-invalid="true"' in body and "_error" in body
    assert not ApplicationLine.objects.exists()


def test_theme_of_another_scheme_and_school_rules_are_refused_in_the_page(client, bureau_a, draft, themes):
    from funding.models import Theme

    client.force_login(bureau_a)
    other = Theme.objects.get(scheme__code="spuk-kw-2023-2025", code="jonge-kind")
    response = client.post(reverse("funding:line-add", args=[draft.pk]), line_data(other))
    assert response.status_code == 200 and not ApplicationLine.objects.exists()
    data = line_data(themes["school-omgeving"], partners="", school_share_in_area="80")
    body = client.post(reverse("funding:line-add", args=[draft.pk]), data).content.decode()
    assert "coalitie" in body and "85%" in body
    assert not ApplicationLine.objects.exists()


def test_exceeding_a_ceiling_in_a_draft_warns_and_submit_refuses(client, bureau_a, draft, themes, ceiling, endorsement):
    client.force_login(bureau_a)
    too_much = ceiling["jonge-kind"] + Decimal("1.00")
    response = client.post(
        reverse("funding:line-add", args=[draft.pk]), line_data(themes["jonge-kind"], amount=str(too_much)), follow=True
    )
    body = response.content.decode()
    assert "indienen lukt zo niet" in body and "overschreden" in body
    response = client.post(reverse("funding:application-submit", args=[draft.pk]), {"endorsement": endorsement.pk})
    assert response.status_code == 200
    assert "overschrijdt het plafond" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_submit_lists_only_the_areas_adopted_endorsements(client, bureau_a, draft, themes, endorsement, area_b):
    from .conftest import endorsement_for

    other = endorsement_for(area_b)
    add_line(draft, bureau_a, themes["jonge-kind"])
    client.force_login(bureau_a)
    body = client.get(reverse("funding:application-submit", args=[draft.pk])).content.decode()
    assert f'value="{endorsement.pk}"' in body and f'value="{other.pk}"' not in body
    response = client.post(reverse("funding:application-submit", args=[draft.pk]), {"endorsement": ""})
    assert "instemming" in response.content.decode().lower() or "ingestemd" in response.content.decode()
    response = client.post(reverse("funding:application-submit", args=[draft.pk]), {"endorsement": endorsement.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    body = client.get(draft.get_absolute_url()).content.decode()
    assert "Ingediend" in body and "Concept" in body  # the history: from draft to submitted


def test_lines_are_frozen_in_the_page_after_submit(client, bureau_a, submitted, themes):
    client.force_login(bureau_a)
    line = submitted.lines.first()
    response = client.post(
        reverse("funding:line-edit", args=[submitted.pk, line.pk]), line_data(line.theme, amount="1.00")
    )
    assert response.status_code == 200 and "liggen vast" in response.content.decode()
    response = client.post(reverse("funding:line-delete", args=[submitted.pk, line.pk]))
    assert "liggen vast" in response.content.decode()
    response = client.post(reverse("funding:line-add", args=[submitted.pk]), line_data(themes["jonge-kind"]))
    assert "liggen vast" in response.content.decode()
    assert submitted.lines.count() == 2 and ApplicationLine.objects.get(pk=line.pk).amount == line.amount


def test_delete_asks_for_confirmation(client, bureau_a, draft, themes):
    line = add_line(draft, bureau_a, themes["jonge-kind"])
    client.force_login(bureau_a)
    url = reverse("funding:line-delete", args=[draft.pk, line.pk])
    assert "Weet u zeker" in client.get(url).content.decode()
    assert ApplicationLine.objects.exists()
    client.post(url)
    assert not ApplicationLine.objects.exists()


def test_withdraw_asks_for_confirmation(client, bureau_a, draft):
    client.force_login(bureau_a)
    url = reverse("funding:application-withdraw", args=[draft.pk])
    assert "Weet u zeker" in client.get(url).content.decode()
    client.post(url, {"comment": "Opnieuw beginnen"})
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN


def test_bureau_answers_an_information_request_and_resubmits(client, bureau_a, submitted, reviewer_ocw):
    info = services.information_request_create(
        application=submitted,
        actor=reviewer_ocw,
        question="Welke scholen?",
        deadline=timezone.localdate() + timedelta(7),
    )
    client.force_login(bureau_a)
    assert "Welke scholen?" in client.get(submitted.get_absolute_url()).content.decode()
    url = reverse("funding:information-answer", args=[submitted.pk, info.pk])
    assert client.post(url, {"answer": ""}).status_code == 200
    client.post(url, {"answer": "Drie scholen."})
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW


def test_other_roles_and_areas_cannot_use_the_bureau_pages(client, draft, member_a, area_b, national):
    bureau_b = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    client.force_login(bureau_b)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("funding:line-add", args=[draft.pk])).status_code == 404
    client.force_login(member_a)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(reverse("funding:line-add", args=[draft.pk])).status_code == 403
    assert client.get(reverse("funding:application-create")).status_code == 403


def test_letter_download_only_for_who_may_see_the_area(client, reviewed, national, bureau_a, area_b):
    decision = services.application_decide(application=reviewed, actor=national)
    url = reverse("funding:decision-letter", args=[decision.pk])
    client.force_login(bureau_a)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b))
    assert client.get(url).status_code == 404


def test_list_search_filter_and_exports(client, demo_data, national):
    client.force_login(national)
    url = reverse("funding:application-list")
    body = client.get(url, {"status": "draft"}).content.decode()
    assert "Lelystad-Oost" in body and "Heerlen-Noord" not in body
    body = client.get(url, {"q": "Heerlen"}).content.decode()
    assert "Heerlen-Noord" in body and "Lelystad-Oost" not in body
    response = client.get(url, {"export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="aanvragen.csv"'
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert (
        raw.startswith("\ufeffKenmerk;Gebied") and raw.count("\n") == 24
    )  # header + 20 round applications + 3 supplementary
    heerlen = next(line for line in raw.splitlines() if ";Heerlen-Noord;" in line and "2026–2028" in line).split(";")
    assert heerlen[5] == "Toegekend" and heerlen[-1] == heerlen[-2]  # granted in full, in cents: "1234.56"
    assert heerlen[-1].count(".") == 1 and len(heerlen[-1].split(".")[1]) == 2
    response = client.get(url, {"export": "xlsx", "status": "granted"})
    assert 'filename="aanvragen.xlsx"' in response["Content-Disposition"]
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Aanvragen"] and workbook.active.max_row == 21  # header + the 20 granted
    assert client.get(url, {"export": "pdf"}).status_code == 200  # not an export: the list itself


def test_list_query_count_does_not_grow(client, demo_data, bureau_a, national, django_assert_max_num_queries):
    from areas.models import Area
    from nplv import demo
    from tests.nplv.test_pages import count_queries

    client.force_login(national)
    url = reverse("funding:application-list")
    small = count_queries(client, url)
    demo.demo_synthetic_areas(scale=3)
    areas = list(Area.objects.filter(is_synthetic=True).select_related("municipality"))
    demo.demo_alliances(areas)
    demo.demo_applications(areas, decided_by=national)
    assert count_queries(client, url) == small <= 12


def test_list_pagination_keeps_scheme_and_status_filters(client, demo_data, national):
    """Paging through a filtered application list keeps the scheme, status, search and sort filters."""
    from areas.models import Area
    from funding.models import Scheme
    from nplv import demo

    demo.demo_synthetic_areas(scale=4)
    areas = list(Area.objects.filter(is_synthetic=True).select_related("municipality"))
    demo.demo_alliances(areas)
    demo.demo_applications(areas, decided_by=national)
    scheme = Scheme.objects.get(code="spuk-kw-2026-2028")
    assert scheme.applications.filter(status="granted").count() > 50
    client.force_login(national)
    params = {"scheme": scheme.code, "status": "granted", "q": "", "sort": "area"}
    response = client.get(reverse("funding:application-list"), params)
    assert response.context["page"].paginator.num_pages >= 2
    body = response.content.decode()
    assert f"?scheme={scheme.code}&amp;status=granted&amp;q=&amp;sort=area&amp;page=2" in body
    second = client.get(reverse("funding:application-list"), {**params, "page": 2})
    assert all(a.status == "granted" and a.scheme_id == scheme.pk for a in second.context["page"].object_list)
