"""Searching by area: the short name exactly, or part of the name; pages, API and admin share it."""

import pytest

from core.search import area_search
from funding.models import Ceiling

pytestmark = pytest.mark.django_db


def areas_found(value: str) -> set[str]:
    return set(Ceiling.objects.filter(area_search(value)).values_list("area__slug", flat=True))


def test_area_search_matches_the_short_name_or_part_of_the_name(reference_data):
    assert areas_found(" amsterdam-nieuw-west ") == {"amsterdam-nieuw-west"}
    assert areas_found("NIEUW-WEST") == {"amsterdam-nieuw-west"}
    assert "rotterdam-zuid" in areas_found("rotterdam")
    assert areas_found("geen gebied") == set()
