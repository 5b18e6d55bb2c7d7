"""A programme bureau keeps its interventions and learns from another area: in real Chromium."""

import re

import pytest

from interventions.models import Intervention
from nplv import demo

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_bureau_creates_runs_reports_and_copies_from_the_library(page, demo_data):
    sign_in(page, "bureau.nieuwwest", demo.DEMO_PASSWORD)

    # Create an intervention.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Interventies").click()
    page.get_by_role("link", name="Nieuwe interventie").click()
    page.get_by_label("Titel").fill("Halt-spreekuur Nieuw-West")
    page.get_by_label("Actielijn").select_option(label="4. Veilig")
    page.get_by_label("Leeftijd vanaf").fill("10")
    page.get_by_label("Leeftijd tot en met").fill("18")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/interventies/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Halt-spreekuur Nieuw-West"
    assert "Idee" in page.locator(".lead").inner_text()

    # Move it to running: idea → planned → running.
    page.get_by_role("link", name="Naar ‘Gepland’").click()
    page.get_by_role("button", name="Wijzig naar Gepland").click()
    page.get_by_role("link", name="Naar ‘Lopend’").click()
    page.get_by_label("Toelichting (optioneel)").fill("Start na de zomer")
    page.get_by_role("button", name="Wijzig naar Lopend").click()
    assert "Lopend" in page.locator(".lead").inner_text()
    assert "Start na de zomer" in page.get_by_role("table", name=re.compile("Statuswijzigingen")).inner_text()

    # Add a progress update.
    page.get_by_role("link", name="Voortgang rapporteren").click()
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Kwartaal").select_option(label="Kwartaal 1")
    page.get_by_label("Oranje: aandacht nodig").check()
    page.get_by_label("Bereik (aantal mensen)").fill("42")
    page.get_by_label("Toelichting").fill("Twee scholen doen mee; de derde volgt.")
    page.get_by_role("button", name="Opslaan").click()
    progress = page.get_by_role("table", name=re.compile("Voortgangsrapportages"))
    assert "Twee scholen doen mee" in progress.inner_text() and "42" in progress.inner_text()

    # Find an intervention of another area in the library and copy it.
    source = Intervention.objects.in_library().filter(area__slug="rotterdam-zuid").order_by("pk").first()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bibliotheek").click()
    page.get_by_label("Zoeken", exact=True).fill(source.title)
    page.get_by_label("Gebied").fill("Rotterdam")  # a search field: 1,000 areas are no list
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_role("link", name=source.title).first.click()
    assert "Rotterdam-Zuid" in page.locator(".lead").inner_text()
    page.get_by_role("link", name="Overnemen naar mijn gebied").click()
    page.get_by_role("button", name="Overnemen als idee").click()
    page.wait_for_url(re.compile(r"/interventies/\d+/$"))
    assert "als idee overgenomen in Amsterdam Nieuw-West" in page.get_by_role("status").inner_text()
    assert "Overgenomen van" in page.content()
    copy = Intervention.objects.get(copied_from=source)
    assert copy.area.slug == "amsterdam-nieuw-west" and copy.status == "idea"
