"""Admin: every changelist filters areas with a search box, never with a list of all areas.

With 1,000 areas a list filter on a relation to the area renders 1,000 links on every changelist page;
`core.admin_display.AreaSearchFilter` searches the area's name instead.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path

from areas.models import Area
from core.admin_display import AreaSearchFilter

pytestmark = pytest.mark.django_db

# changelist, the path from the row to its area
AREA_FILTERED = [
    ("accounts/user", "area"),
    ("alliances/membership", "alliance__area"),
    ("alliances/meeting", "alliance__area"),
    ("alliances/decision", "meeting__alliance__area"),
    ("alliances/plan", "alliance__area"),
    ("alliances/bottleneck", "area"),
    ("funding/application", "area"),
    ("funding/applicationline", "application__area"),
    ("funding/review", "line__application__area"),
    ("interventions/intervention", "area"),
    ("reports/budgetsnapshot", "area"),
]


def _area_of(obj, path: str):
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


def test_no_admin_lists_every_area():
    """No registered admin has a plain list filter on a relation to the area (which lists all areas)."""
    offenders = []
    for model, model_admin in admin.site._registry.items():
        for entry in model_admin.list_filter:
            path = entry[0] if isinstance(entry, tuple | list) else entry
            if not isinstance(path, str):
                continue
            fields = get_fields_from_path(model, path)
            if getattr(fields[-1], "related_model", None) is Area:
                offenders.append(f"{model._meta.label}: {path}")
    assert offenders == []


def test_every_area_filter_is_a_search():
    found = {
        f"{model._meta.app_label}/{model._meta.model_name}": entry.area_path
        for model, model_admin in admin.site._registry.items()
        for entry in model_admin.list_filter
        if isinstance(entry, type) and issubclass(entry, AreaSearchFilter)
    }
    assert found == dict(AREA_FILTERED)


@pytest.mark.parametrize("changelist, path", AREA_FILTERED)
def test_area_search_shows_only_that_area(client, admin_user, demo_data, area_a, area_b, changelist, path):
    """Searching an area's name shows only its rows, and no other area is named on the page."""
    client.force_login(admin_user)
    url = f"/admin/{changelist}/"
    response = client.get(url, {"gebied": area_a.name})
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert {_area_of(row, path) for row in rows} <= {area_a}
    page = response.content.decode()
    assert 'type="search" id="filter-gebied"' in page
    assert area_b.name not in page  # the old filter listed every area
    if changelist != "reports/budgetsnapshot":  # the demo has no snapshots
        assert rows
        assert response.context["cl"].root_queryset.exclude(**{path: area_a}).exists()
