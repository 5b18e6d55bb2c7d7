"""Pages: login, home per role, area list and page; query counts that do not grow with the rows."""

import pytest
from django.urls import reverse

from areas.models import Area
from nplv import demo
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def login(client, username):
    """Sign in through the login form, as a person would (django-axes needs the request)."""
    return client.post(reverse("login"), {"username": username, "password": demo.DEMO_PASSWORD})


def test_login_page_is_dutch(client, reference_data):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="nl"' in body and "Inloggen" in body and "Naar de inhoud" in body


def test_login_and_home_for_bureau(client, demo_data):
    response = client.post(
        reverse("login"), {"username": "bureau.nieuwwest", "password": demo.DEMO_PASSWORD}, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Amsterdam Nieuw-West" in body
    assert "Rotterdam-Zuid" not in body


def test_national_home_lists_the_20_areas(client, demo_data):
    login(client, "programmateam")
    body = client.get(reverse("home")).content.decode()
    for area in Area.objects.all():
        assert area.name in body
        assert area.municipality.name in body
    assert "421.889.790,60" in body


def test_area_page_shows_illustrative_ceilings(client, demo_data, bureau_a, area_a):
    client.force_login(bureau_a)
    body = client.get(reverse("area-detail", args=[area_a.slug])).content.decode()
    assert "illustratief" in body.lower()
    assert "Jonge Kind" in body


@pytest.mark.parametrize(
    "username", ["bureau.nieuwwest", "lid.nieuwwest", "beoordelaar.ocw", "programmateam", "beheerder"]
)
def test_every_demo_role_has_a_home_page(client, demo_data, username):
    response = login(client, username)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_area_list_search_and_sort(client, demo_data, national):
    client.force_login(national)
    body = client.get(reverse("area-list"), {"q": "amsterdam"}).content.decode()
    assert "Amsterdam Zuidoost" in body and "Rotterdam-Zuid" not in body
    body = client.get(reverse("area-list"), {"sort": "-residents"}).content.decode()
    assert body.index("Rotterdam-Zuid") < body.index("Vlaardingen Westwijk")


LIST_URLS = [
    "/",
    "/gebieden/",
    "/interventies/",
    "/middelen/aanvragen/",
    "/api/v1/areas/",
    "/api/v1/municipalities/",
    "/api/v1/ceilings/",
    "/api/v1/schemes/",
    "/api/v1/themes/",
    "/allianties/",
    "/knelpunten/",
    "/interventies/bibliotheek/",
    "/monitor/",
    "/api/v1/alliances/",
    "/api/v1/people/",
    "/api/v1/memberships/",
    "/api/v1/meetings/",
    "/api/v1/decisions/",
    "/api/v1/plans/",
    "/api/v1/bottlenecks/",
    "/api/v1/interventions/",
    "/api/v1/library/",
    "/api/v1/applications/",
    "/api/v1/application-lines/",
    "/api/v1/reviews/",
    "/api/v1/grant-decisions/",
]


def test_list_query_count_does_not_grow_with_rows(client, demo_data, national):
    """Every list page and list endpoint runs as many queries with 20 areas as with 60 (and at most 15)."""
    client.force_login(national)
    small = {url: count_queries(client, url) for url in LIST_URLS}
    demo.demo_synthetic_areas(scale=3)
    areas = list(Area.objects.filter(is_synthetic=True).select_related("municipality"))
    demo.demo_alliances(areas)
    demo.demo_interventions(areas)
    demo.demo_applications(areas, decided_by=national)
    assert Area.objects.count() == 60
    large = {url: count_queries(client, url) for url in LIST_URLS}
    assert large == small
    assert max(large.values()) <= 15, large


def test_bureau_area_home_query_count_is_capped(client, demo_data, bureau_a, django_assert_max_num_queries):
    """The area home (tasks, alliance, interventions, money, indicators) in a bounded number of queries."""
    client.force_login(bureau_a)
    client.get(reverse("home"))  # the session's once-a-minute stamp is written on the first request
    with django_assert_max_num_queries(25):
        client.get(reverse("home"))


def test_api_schema_and_docs(client, national):
    client.force_login(national)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_monitor_page_shows_figures_but_not_the_refused_ones(client, bureau_a):
    """Everyone signed in reads the national monitor; the published 1500% never appears."""
    client.force_login(bureau_a)
    body = client.get(reverse("monitor")).content.decode()
    assert "Definitief schooladvies PO" in body
    assert "1.500,00" not in body and "1500" not in body
    assert "60,35" in body  # Leefbaarometer 'Algemeen', NPLV 2018


def test_pagination_keeps_every_query_parameter_but_page(rf):
    """The shared pagination include keeps search, sort and every filter in its links; only `page` changes."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    request = rf.get("/lijst/", {"q": "zuid", "sort": "-area", "scheme": "3", "status": "granted", "page": "2"})
    page = Paginator(range(200), 50).get_page(2)
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    for number in (1, 3, 4):  # previous, next, last
        assert f"?q=zuid&amp;sort=-area&amp;scheme=3&amp;status=granted&amp;page={number}" in html
    assert html.count("page=") == 3


def test_area_page_ceiling_table_totals_requested_and_remaining(client, demo_data, bureau_a, area_a):
    """The ceilings table on the area page totals the ceiling, the requested and the remaining column."""
    from core.money import euro

    client.force_login(bureau_a)
    response = client.get(reverse("area-detail", args=[area_a.slug]))
    block = response.context["funding"]["ceilings"][0]
    assert block["requested_total"] == sum(row["requested"] for row in block["rows"]) > 0
    assert block["total"] - block["requested_total"] == block["remaining_total"]
    text = response.content.decode()
    amount = f"{block['requested_total']:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert amount in text and euro(block["requested_total"]).split(" ")[1] == amount
