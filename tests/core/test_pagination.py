"""`core.pagination.page_of`: the same page as Django's paginator, without per-row sums for skipped rows."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from core.pagination import page_of
from interventions.selectors import intervention_list

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", [1, 2, 3, "999", "abc", None])
def test_same_page_as_the_paginator(demo_data, number):
    interventions = intervention_list(user=User.objects.get(username="programmateam"))
    expected = Paginator(interventions, 25).get_page(number)
    page = page_of(interventions, number, 25)
    assert page.number == expected.number and page.paginator.count == expected.paginator.count
    assert [(i.pk, i.spuk_requested, i.other_funding_total) for i in page] == [
        (i.pk, i.spuk_requested, i.other_funding_total) for i in expected
    ]


def test_the_ids_of_a_deep_page_are_found_without_the_sums(demo_data):
    interventions = intervention_list(user=User.objects.get(username="programmateam"))
    with CaptureQueriesContext(connection) as queries:
        page_of(interventions, 2, 25)
    offset_query = next(q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"])
    assert "SUM(" not in offset_query
    assert len(queries.captured_queries) == 3  # count, the page's ids, the page's rows


def test_the_api_pages_ids_first_and_gives_the_same_pages(demo_data, api_client):
    """`core.api.IdsFirstPagination` on the interventions API: the same rows, count and links as plain page
    numbers, and the OFFSET query of a deep page carries no sums."""
    national = User.objects.get(username="programmateam")
    api_client.force_authenticate(national)
    expected = list(intervention_list(user=national).values_list("pk", flat=True))
    seen, url = [], "/api/v1/interventions/?page_size=50"
    while url:
        with CaptureQueriesContext(connection) as queries:
            body = api_client.get(url).json()
        assert body["count"] == len(expected)
        offset_query = next(q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"] or "LIMIT" in q["sql"])
        assert "SUM(" not in offset_query
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == expected
    assert api_client.get("/api/v1/interventions/?page=999").status_code == 404  # as DRF's page numbers
