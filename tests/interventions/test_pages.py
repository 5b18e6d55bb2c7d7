"""Pages: the area overview with filters and exports, the forms and their refusals, scoping, the library."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from interventions.models import Intervention, InterventionStatus, OutputMeasure, ProgressUpdate
from tests.queries import count_queries

from .conftest import SECRET_BUDGET, SECRET_NARRATIVE, SECRET_NOTE, SECRET_STOP

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def form_data(line, **extra):
    data = {"title": "Halt-spreekuur op school", "action_line": str(line.pk), "evidence_level": "unknown"}
    data.update(extra)
    return data


# ---------------------------------------------------------------------------------------------
# Area overview


def test_list_shows_only_own_area_with_overview(client, bureau_a, running_a, private_b):
    client.force_login(bureau_a)
    page = body(client.get(reverse("interventions:list")))
    assert "Straatmaatjes Nieuw-West" in page
    assert "Buurtrechtbank Zuid" not in page
    assert "Overzicht per actielijn en status" in page
    assert "100.000,00" in page


def test_list_filters_search_and_sort(client, national, running_a, private_b):
    client.force_login(national)
    url = reverse("interventions:list")
    assert "Buurtrechtbank Zuid" not in body(client.get(url, {"q": "maatjes"}))
    assert "Straatmaatjes" in body(client.get(url, {"q": "maatjes"}))
    page = body(client.get(url, {"area": "rotterdam-zuid"}))
    assert "Buurtrechtbank Zuid" in page and "Straatmaatjes" not in page
    page = body(client.get(url, {"sort": "-title"}))
    assert page.index("Straatmaatjes") < page.index("Buurtrechtbank Zuid")
    page = body(client.get(url, {"age": "200"}))
    assert "form-error" in page  # an invalid filter is shown, not a crash


def test_area_filter_is_a_search_not_a_list_of_every_area(client, national, running_a, private_b):
    """The area filter takes a short name or part of a name; the page lists no option per area."""
    client.force_login(national)
    url = reverse("interventions:list")
    page = body(client.get(url, {"area": "Rotterdam"}))
    assert "Buurtrechtbank Zuid" in page and "Straatmaatjes" not in page
    page = body(client.get(url, {"area": "rotterdam-zuid"}))
    assert "Buurtrechtbank Zuid" in page and "Straatmaatjes" not in page
    page = body(client.get(url))
    assert '<option value="rotterdam-zuid"' not in page and 'name="area"' in page
    assert "form-error" in body(client.get(url, {"area": "x" * 101}))  # too long: a form error, no crash


def test_list_empty_state(client, bureau_a):
    client.force_login(bureau_a)
    page = body(client.get(reverse("interventions:list")))
    assert "Geen interventies gevonden" in page
    assert reverse("interventions:create") in page


def test_csv_export_with_totals(client, bureau_a, running_a, line):
    Intervention.objects.create(area=running_a.area, title="Tweede", action_line=line, planned_budget=Decimal("0.10"))
    client.force_login(bureau_a)
    response = client.get(reverse("interventions:export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Gebied" and len(rows) == 4
    assert {rows[1][1], rows[2][1]} == {"Straatmaatjes Nieuw-West", "Tweede"}
    assert rows[-1][0].startswith("Totaal (2 interventies)")
    assert rows[-1][12] == "100000.10"


def test_excel_export_with_totals_respects_filters(client, bureau_a, running_a, line):
    Intervention.objects.create(area=running_a.area, title="Tweede", action_line=line, status="idea")
    client.force_login(bureau_a)
    response = client.get(reverse("interventions:export", args=["xlsx"]), {"status": "running"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[1][1] == "Straatmaatjes Nieuw-West"
    assert len(rows) == 3
    assert rows[-1][0] == "Totaal (1 interventies)" and rows[-1][12] == 100000


def bulk_interventions(area, line, n, status="running"):
    Intervention.objects.bulk_create(
        Intervention(
            area=area,
            title=f"Interventie {i:05d}",
            action_line=line,
            status=status,
            age_min=8,
            age_max=27,
            planned_budget=Decimal("1000.00"),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("url_name", ["interventions:list", "interventions:library"])
def test_query_count_is_the_same_at_20_and_2000_interventions(client, bureau_a, area_a, line, url_name):
    """The area list and the library run as many queries with 2,000 interventions as with 20."""
    client.force_login(bureau_a)
    url = reverse(url_name)
    bulk_interventions(area_a, line, 20)
    small = count_queries(client, url)
    bulk_interventions(area_a, line, 1980)
    assert Intervention.objects.count() == 2000
    large = count_queries(client, url)
    assert large == small
    assert large <= 15
    assert count_queries(client, url + "?q=interventie&age=10&sort=-title&page=3") == small


# ---------------------------------------------------------------------------------------------
# Create, edit and scoping


def test_create_page_creates_an_idea(client, bureau_a, line):
    client.force_login(bureau_a)
    response = client.post(reverse("interventions:create"), form_data(line, age_min="8", age_max="27"))
    intervention = Intervention.objects.get()
    assert response.status_code == 302 and response["Location"] == intervention.get_absolute_url()
    assert intervention.status == InterventionStatus.IDEA and intervention.area == bureau_a.area


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"start_date": "2025-02-01", "end_date": "2025-01-01"}, "De einddatum mag niet voor de startdatum liggen."),
        ({"age_min": "30", "age_max": "8"}, "De minimumleeftijd mag niet hoger zijn dan de maximumleeftijd."),
        ({"age_min": "8", "age_max": "130"}, "Een leeftijd ligt tussen 0 en 120 jaar."),
        ({"planned_budget": "-5"}, "Bedragen en aantallen mogen niet negatief zijn."),
    ],
)
def test_create_page_refuses_each_rule_and_keeps_the_input(client, bureau_a, line, extra, message):
    client.force_login(bureau_a)
    response = client.post(reverse("interventions:create"), form_data(line, title="Mijn invoer", **extra))
    page = body(response)
    assert response.status_code == 200
    assert message in page
    assert 'value="Mijn invoer"' in page
    assert 'aria-invalid="true"' in page and "aria-describedby" in page
    assert not Intervention.objects.exists()


def test_member_cannot_create(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("interventions:create"))
    assert response.status_code == 403
    assert "Alleen medewerkers van een programmabureau" in body(response)


def test_editing_another_areas_intervention_is_404(client, bureau_a, private_b):
    client.force_login(bureau_a)
    pk = private_b.pk
    for name in ["detail", "edit", "progress-create", "output-create", "funding-create"]:
        assert client.get(reverse(f"interventions:{name}", args=[pk])).status_code == 404, name
    assert client.post(reverse("interventions:edit", args=[pk]), {"title": "x"}).status_code == 404
    assert client.post(reverse("interventions:transition", args=[pk, "stop"]), {"reason": "x"}).status_code == 404
    private_b.refresh_from_db()
    assert private_b.status == "running" and private_b.title == "Buurtrechtbank Zuid"


def test_member_and_national_team_may_read_but_not_edit(client, member_a, national, running_a):
    for user in (member_a, national):
        client.force_login(user)
        assert client.get(running_a.get_absolute_url()).status_code == 200
        response = client.get(reverse("interventions:edit", args=[running_a.pk]))
        assert response.status_code == 403
        assert "Alleen het programmabureau van Amsterdam Nieuw-West" in body(response)


def test_edit_page_saves(client, bureau_a, running_a, line):
    client.force_login(bureau_a)
    response = client.post(
        reverse("interventions:edit", args=[running_a.pk]), form_data(line, title="Nieuwe titel", age_min="12")
    )
    assert response.status_code == 302
    running_a.refresh_from_db()
    assert running_a.title == "Nieuwe titel"


# ---------------------------------------------------------------------------------------------
# Workflow pages


def test_detail_shows_actions_funding_and_history(client, bureau_a, running_a):
    client.force_login(bureau_a)
    page = body(client.get(running_a.get_absolute_url()))
    assert reverse("interventions:transition", args=[running_a.pk, "complete"]) in page
    assert reverse("interventions:transition", args=[running_a.pk, "stop"]) in page
    assert reverse("interventions:transition", args=[running_a.pk, "plan"]) not in page
    assert "Financieringsmix" in page and "Geschiedenis" in page


def test_transition_not_in_workflow_is_refused_on_the_page(client, bureau_a, running_a):
    client.force_login(bureau_a)
    response = client.post(reverse("interventions:transition", args=[running_a.pk, "plan"]), {"comment": ""})
    assert response.status_code == 200
    assert "Deze statuswijziging is niet toegestaan" in body(response)
    running_a.refresh_from_db()
    assert running_a.status == "running"
    assert client.get(reverse("interventions:transition", args=[running_a.pk, "teleport"])).status_code == 404


def test_stop_page_asks_for_confirmation_and_a_reason(client, bureau_a, running_a):
    client.force_login(bureau_a)
    url = reverse("interventions:transition", args=[running_a.pk, "stop"])
    page = body(client.post(url, {"reason": "Geen budget"}))
    assert "Bevestig dat u deze interventie wilt stoppen." in page
    page = body(client.post(url, {"reason": "", "confirm": "on"}))
    assert "Stoppen vraagt een reden." in page
    running_a.refresh_from_db()
    assert running_a.status == "running"
    assert client.post(url, {"reason": "Geen budget", "confirm": "on"}).status_code == 302
    running_a.refresh_from_db()
    assert running_a.status == "stopped" and running_a.stop_reason == "Geen budget"


def test_complete_page_needs_end_date_and_final_figures(client, bureau_a, running_a):
    client.force_login(bureau_a)
    output = running_a.outputs.get()
    url = reverse("interventions:transition", args=[running_a.pk, "complete"])
    page = body(client.post(url, {"end_date": "", f"actual_{output.pk}": ""}))
    assert "Afronden vraagt een einddatum." in page
    assert "ontbreekt bij: Jongeren bereikt" in page
    response = client.post(url, {"end_date": "2026-06-30", f"actual_{output.pk}": "87"})
    assert response.status_code == 302
    running_a.refresh_from_db()
    output.refresh_from_db()
    assert running_a.status == "completed" and running_a.end_date == date(2026, 6, 30) and output.actual == 87


def test_progress_update_page(client, bureau_a, running_a):
    client.force_login(bureau_a)
    url = reverse("interventions:progress-create", args=[running_a.pk])
    data = {"year": "2025", "quarter": "2", "rag_status": "amber", "reach": "35", "narrative": "Loopt achter"}
    assert client.post(url, data).status_code == 302
    page = body(client.post(url, data))
    assert "Voor dit kwartaal is al een voortgangsrapportage vastgelegd." in page
    assert ProgressUpdate.objects.filter(intervention=running_a).count() == 1
    assert "Loopt achter" in body(client.get(running_a.get_absolute_url()))


def test_output_and_other_funding_pages_refuse_negative_figures(client, bureau_a, running_a):
    client.force_login(bureau_a)
    page = body(
        client.post(
            reverse("interventions:output-create", args=[running_a.pk]),
            {"name": "Ouders", "unit": "ouders", "target": "-1"},
        )
    )
    assert "Bedragen en aantallen mogen niet negatief zijn." in page
    page = body(
        client.post(
            reverse("interventions:funding-create", args=[running_a.pk]),
            {"source": "municipality", "amount": "-10", "note": ""},
        )
    )
    assert "niet negatief" in page
    assert OutputMeasure.objects.filter(intervention=running_a).count() == 1


def test_other_funding_delete_asks_for_confirmation(client, bureau_a, running_a):
    client.force_login(bureau_a)
    client.post(
        reverse("interventions:funding-create", args=[running_a.pk]), {"source": "municipality", "amount": "10"}
    )
    funding = running_a.other_funding.get()
    url = reverse("interventions:funding-delete", args=[running_a.pk, funding.pk])
    assert "Wilt u" in body(client.get(url))
    client.post(url, {})
    assert running_a.other_funding.exists()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not running_a.other_funding.exists()


# ---------------------------------------------------------------------------------------------
# National library


def test_library_shows_other_areas_without_private_fields(client, bureau_a, private_b):
    """Another area's intervention appears as a summary; budget, funding, narrative and reason never do."""
    client.force_login(bureau_a)
    pages = [
        body(client.get(reverse("interventions:library"))),
        body(client.get(reverse("interventions:library"), {"q": "geschillen", "age": "40"})),
        body(client.get(reverse("interventions:library-detail", args=[private_b.pk]))),
    ]
    for page in pages:
        assert "Buurtrechtbank Zuid" in page and "Rotterdam-Zuid" in page
        for secret in (SECRET_NOTE, SECRET_NARRATIVE, SECRET_STOP, "987.654,32", "987654", str(SECRET_BUDGET)):
            assert secret not in page
    assert "1.286" in pages[2]  # outputs are part of the summary


def test_library_hides_ideas(client, bureau_a, private_b):
    private_b.status = "idea"
    private_b.save()
    client.force_login(bureau_a)
    assert "Buurtrechtbank Zuid" not in body(client.get(reverse("interventions:library")))
    assert client.get(reverse("interventions:library-detail", args=[private_b.pk])).status_code == 404


def test_copy_from_library_page(client, bureau_a, private_b):
    client.force_login(bureau_a)
    url = reverse("interventions:library-copy", args=[private_b.pk])
    assert "Overnemen als idee" in body(client.get(url))
    response = client.post(url)
    copy = Intervention.objects.get(copied_from=private_b)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.area == bureau_a.area and copy.status == "idea"
    page = body(client.get(copy.get_absolute_url()))
    assert "Overgenomen van" in page and SECRET_NOTE not in page


@pytest.mark.parametrize("who", ["member_a", "national"])
def test_copy_is_refused_for_members_and_nationwide_roles(request, client, who, private_b):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("interventions:library-copy", args=[private_b.pk]))
    assert response.status_code == 403
    assert "Alleen medewerkers van een programmabureau" in body(response)
    assert Intervention.objects.count() == 1


def test_navigation_has_library_link(client, member_a):
    client.force_login(member_a)
    page = body(client.get(reverse("interventions:library")))
    assert f'href="{reverse("interventions:library")}" aria-current="page"' in page
