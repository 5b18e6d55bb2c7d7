"""A programme bureau records a meeting with attendance and a decision that adopts a new plan version."""

import re

import pytest

from alliances.models import Plan, PlanKind, PlanStatus
from nplv import demo

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_bureau_records_meeting_attendance_and_adopts_new_plan_version(page, demo_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    old = Plan.objects.get(alliance__area__slug="amsterdam-nieuw-west", kind=PlanKind.AREA_PLAN, version=1)
    assert old.status == PlanStatus.ADOPTED

    sign_in(page, "bureau.nieuwwest", demo.DEMO_PASSWORD)
    page.goto("/gebieden/amsterdam-nieuw-west/alliantie/")
    assert "Bewonerszetels" in page.content()

    # A new draft version of the area plan, with its document.
    page.get_by_role("link", name="Nieuwe planversie").click()
    page.get_by_label("Soort").select_option(label="Gebiedsplan")
    page.get_by_label("Titel").fill("Gebiedsplan Nieuw-West 2026–2030")
    page.get_by_label("Looptijd vanaf").fill("2026-01-01")
    page.get_by_label("Looptijd tot en met").fill("2030-12-31")
    page.get_by_label("Document").set_input_files(
        files=[{"name": "gebiedsplan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Plan opslaan").click()
    page.wait_for_url(re.compile(r"/allianties/plannen/\d+/$"))
    assert "Concept" in page.get_by_role("heading", level=1).inner_text()

    # The meeting, then who attended: everyone but two of the seven residents (five seats).
    page.goto("/gebieden/amsterdam-nieuw-west/alliantie/overleggen/nieuw/")
    page.get_by_label("Datum").fill("2026-01-20")
    page.get_by_label("Locatie").fill("Stadsdeelhuis Nieuw-West")
    page.get_by_role("button", name="Overleg opslaan").click()
    page.wait_for_url(re.compile(r"/allianties/overleggen/\d+/aanwezigheid/$"))
    residents = 0
    groups = page.locator("fieldset.attendance")
    for index in range(groups.count()):
        group = groups.nth(index)
        if "(Bewoner)" in group.locator("legend").inner_text():
            residents += 1
            group.get_by_label("Afgemeld" if residents > 5 else "Aanwezig").check()
        else:
            group.get_by_label("Aanwezig").check()
    assert residents == 7
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.wait_for_url(re.compile(r"/allianties/overleggen/\d+/$"))
    assert "Beslissingsbevoegd" in page.content()

    # The decision that adopts the new version.
    page.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_label("Onderwerp").select_option(label="Vaststellen plan")
    page.get_by_label("Besluittekst").fill("De alliantie stelt het gebiedsplan 2026–2030 vast.")
    page.get_by_label("Uitkomst").select_option(label="Aangenomen")
    page.get_by_label("Plan dat wordt vastgesteld").select_option(
        label="Gebiedsplan v2: Gebiedsplan Nieuw-West 2026–2030"
    )
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url(re.compile(r"/allianties/overleggen/\d+/$"))
    assert "Het besluit is vastgelegd." in page.content()

    # The old version now shows as superseded; the new one as adopted.
    page.goto(f"/allianties/plannen/{old.pk}/")
    assert "Vervangen" in page.get_by_role("heading", level=1).inner_text()
    versions = page.get_by_role("table")
    assert "Vastgesteld" in versions.get_by_role("row", name=re.compile("2026–2030")).inner_text()
    old.refresh_from_db()
    assert old.status == PlanStatus.SUPERSEDED
