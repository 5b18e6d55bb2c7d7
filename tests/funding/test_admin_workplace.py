"""The reviewer's workplace in the admin: a dashboard of what waits, the line list on "to advise",
a searchable area filter, Dutch euros, and the line page with its context and the advice form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from funding.models import ApplicationLine, Review
from nplv import demo_daily

pytestmark = pytest.mark.django_db

LINES = reverse("admin:funding_applicationline_changelist")


@pytest.fixture
def daily(demo_data):
    demo_daily.demo_daily()


def login(client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    return user


def test_line_list_opens_on_to_advise_for_the_reviewers_ministry(client, daily):
    login(client, "beoordelaar.szw")
    lines = client.get(LINES).context["cl"].result_list
    assert lines and {line.theme.ministry for line in lines} == {"SZW"}
    assert not Review.objects.filter(line__in=lines).exists()
    every = client.get(LINES, {"advies": "alle"}).context["cl"].result_list
    assert len(every) > len(lines)
    advised = client.get(LINES, {"advies": "gegeven"}).context["cl"].result_list
    assert advised and all(Review.objects.filter(line=line).exists() for line in advised)


def test_area_filter_searches_instead_of_listing(client, daily):
    login(client, "beoordelaar.ocw")
    body = client.get(LINES, {"advies": "alle"}).content.decode()
    assert 'type="search"' in body and 'name="gebied"' in body
    assert "?gebied=" not in body  # no link per area
    lines = client.get(LINES, {"advies": "alle", "gebied": "tilburg"}).context["cl"].result_list
    assert lines and {line.application.area.name for line in lines} == {"Tilburg NoordWest"}


def test_amounts_are_dutch_in_the_line_list(client, daily):
    login(client, "beoordelaar.bzk")
    body = client.get(LINES).content.decode()
    line = client.get(LINES).context["cl"].result_list[0]
    from core.money import euro

    assert euro(line.amount) in body


def test_line_page_shows_context_and_the_advice_form_that_works(client, daily):
    user = login(client, "beoordelaar.szw")
    line = ApplicationLine.objects.filter(theme__ministry="SZW", application__area__slug="rotterdam-zuid").first()
    body = client.get(reverse("admin:funding_applicationline_change", args=[line.pk])).content.decode()
    assert "Plafond van het thema in dit gebied" in body and "De andere jaren van dit thema" in body
    assert "Eerdere informatieverzoeken" in body and "Hoeveel huishoudens" in body
    assert reverse("admin:funding_review_add") in body and f'name="line" value="{line.pk}"' in body
    response = client.post(
        reverse("admin:funding_review_add"),
        {
            "line": line.pk,
            "recommendation": "grant_amount",
            "recommended_amount": "1.000,00",
            "reason": "Deels.",
            "_save": "1",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(line=line)
    assert review.reviewer == user and review.recommended_amount == Decimal("1000.00")
    assert line not in client.get(LINES).context["cl"].result_list


def test_admin_index_is_a_dashboard_of_what_waits(client, daily):
    login(client, "beoordelaar.szw")
    body = client.get(reverse("admin:index")).content.decode()
    assert "Wat op u wacht" in body and "Regels zonder advies" in body and LINES in body
    assert "Model name" not in body and "Add link" not in body
    login(client, "programmateam")
    body = client.get(reverse("admin:index")).content.decode()
    assert "Aanvragen die wachten op een besluit" in body and "te laat" in body
