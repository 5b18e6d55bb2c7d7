"""The funding extension point: the SPUK theme and money reach interventions only through it.

With funding's provider registered (the project), the theme is chosen in the form and the API, shown in
the list, detail, library and export, and filtered by `?theme=`. With no provider, interventions works
and shows no theme and no SPUK money.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import Application, ApplicationLine, InterventionTheme, Scheme, Theme
from interventions.extensions import NO_FUNDING, funding_provider, register_funding_provider
from interventions.models import Intervention

pytestmark = pytest.mark.django_db


@pytest.fixture
def jonge_kind(reference_data) -> Theme:
    return Theme.objects.get(scheme__code="spuk-kw-2026-2028", code="jonge-kind")


@pytest.fixture
def without_funding():
    previous = register_funding_provider(None)
    yield
    register_funding_provider(previous)


@pytest.fixture
def funded_a(running_a, jonge_kind):
    """Area A's intervention under Jonge Kind, with a granted SPUK line of € 5.000 pointing at it."""
    InterventionTheme.objects.create(intervention=running_a, theme=jonge_kind)
    scheme = Scheme.objects.get(code="spuk-kw-2026-2028")
    application = Application.objects.create(
        area=running_a.area, scheme=scheme, reference="T-1", status="decided_granted"
    )
    line = ApplicationLine.objects.create(
        application=application,
        theme=jonge_kind,
        year=2026,
        amount=Decimal("5000.00"),
        granted_amount=Decimal("5000.00"),
        description="regel",
    )
    line.interventions.add(running_a)
    return running_a


def test_funding_registers_its_provider():
    """Funding's AppConfig.ready() registers the provider; interventions never imports funding."""
    assert funding_provider() is not NO_FUNDING
    assert type(funding_provider()).__module__ == "funding.intervention_funding"


def test_form_sets_and_clears_the_theme(client, bureau_a, line, jonge_kind):
    client.force_login(bureau_a)
    data = {"title": "JoKi", "action_line": str(line.pk), "evidence_level": "unknown", "theme": str(jonge_kind.pk)}
    assert client.post(reverse("interventions:create"), data).status_code == 302
    intervention = Intervention.objects.get()
    assert InterventionTheme.objects.get(intervention=intervention).theme == jonge_kind
    edit = client.get(reverse("interventions:edit", args=[intervention.pk])).content.decode()
    assert f'<option value="{jonge_kind.pk}" selected>' in edit
    client.post(reverse("interventions:edit", args=[intervention.pk]), {**data, "theme": ""})
    assert not InterventionTheme.objects.filter(intervention=intervention).exists()


def test_pages_show_and_filter_the_theme(client, bureau_a, funded_a, private_b, jonge_kind):
    client.force_login(bureau_a)
    listing = client.get(reverse("interventions:list"), {"theme": jonge_kind.pk})
    assert [i.title for i in listing.context["page"]] == ["Straatmaatjes Nieuw-West"]
    assert "Jonge Kind" in listing.content.decode()
    detail = client.get(funded_a.get_absolute_url()).content.decode()
    assert "Jonge Kind" in detail and "5.000,00" in detail
    library = client.get(reverse("interventions:library-detail", args=[funded_a.pk])).content.decode()
    assert "Jonge Kind" in library
    export = client.get(reverse("interventions:export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if "Straatmaatjes Nieuw-West" in r)
    assert row[3] == "Jonge Kind" and row[14] == "5000.00"


def test_api_reads_writes_and_filters_the_theme(api_client, bureau_a, funded_a, jonge_kind, reference_data):
    api_client.force_authenticate(bureau_a)
    data = api_client.get(f"/api/v1/interventions/{funded_a.pk}/").json()
    assert data["theme"] == jonge_kind.pk and data["spuk_granted"] == "5000.00"
    assert api_client.get("/api/v1/interventions/", {"theme": jonge_kind.pk}).json()["count"] == 1
    assert api_client.get(f"/api/v1/library/{funded_a.pk}/").json()["theme"] == "Jonge Kind"
    response = api_client.patch(f"/api/v1/interventions/{funded_a.pk}/", {"theme": None}, format="json")
    assert response.status_code == 200 and response.json()["theme"] is None
    assert not InterventionTheme.objects.filter(intervention=funded_a).exists()
    other = Theme.objects.filter(scheme__code="spuk-kw-2026-2028").exclude(pk=jonge_kind.pk).first()
    response = api_client.post(
        "/api/v1/interventions/", {"title": "Nieuw", "action_line": 4, "theme": other.pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["theme"] == other.pk
    unknown = api_client.post("/api/v1/interventions/", {"title": "x", "action_line": 4, "theme": 0}, format="json")
    assert unknown.status_code == 400


def test_copy_from_the_library_keeps_the_theme(client, bureau_b, funded_a, jonge_kind):
    client.force_login(bureau_b)
    client.post(reverse("interventions:library-copy", args=[funded_a.pk]))
    copy = Intervention.objects.get(copied_from=funded_a)
    assert InterventionTheme.objects.get(intervention=copy).theme == jonge_kind


def test_without_a_provider_interventions_shows_no_theme_and_no_spuk_money(
    client, api_client, bureau_a, funded_a, without_funding
):
    assert funding_provider() is NO_FUNDING
    client.force_login(bureau_a)
    listing = client.get(reverse("interventions:list"))
    assert listing.status_code == 200 and "Jonge Kind" not in listing.content.decode()
    assert listing.context["overview"]["spuk_granted"] == Decimal("0.00")
    detail = client.get(funded_a.get_absolute_url())
    assert detail.status_code == 200 and "5.000,00" not in detail.content.decode()
    assert client.get(reverse("interventions:create")).status_code == 200
    assert client.get(reverse("interventions:export", args=["csv"])).status_code == 200
    api_client.force_authenticate(bureau_a)
    data = api_client.get(f"/api/v1/interventions/{funded_a.pk}/").json()
    assert data["theme"] is None and data["spuk_granted"] == "0.00"
