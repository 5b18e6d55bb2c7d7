"""Upload a file with errors, read the report, correct it, load it and see the area chart change."""

import pytest

from nplv import demo

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BAD = (
    "\ufeffindicator_code;jaar;gebied;waarde\n"
    "bijstand;2022;Rotterdam-Zuid;8,5\n"
    "bijstand;2023;Rotterdam-Zuid;825\n"
    "bijstand;1899;Rotterdam-Zuid;8\n"
)
GOOD = "\ufeffindicator_code;jaar;gebied;waarde\nbijstand;2022;Rotterdam-Zuid;8,5\nbijstand;2023;Rotterdam-Zuid;8,25\n"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def area_cell(page, year: str) -> str:
    row = page.locator("table[data-indicator='bijstand'] tbody tr", has=page.locator(f"th:text-is('{year}')"))
    return row.locator("td").first.inner_text().strip()


def test_import_with_errors_then_corrected_changes_the_area_chart(page, reference_data, tmp_path):
    demo.demo_users()
    sign_in(page, "programmateam", demo.DEMO_PASSWORD)

    page.goto("/monitor/gebied/rotterdam-zuid/")
    assert area_cell(page, "2023") == "—"
    before = page.locator("figure:has(table[data-indicator='bijstand']) svg .chart__series--area path").count()

    bad = tmp_path / "bijstand.csv"
    bad.write_text(BAD, encoding="utf-8")
    page.goto("/monitor/import/")
    page.get_by_label("Bestand", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url("**/monitor/import/*/")
    report = page.locator("#problems")
    assert "2 problemen" in page.get_by_role("heading", level=2).first.inner_text()
    assert "Bereikregel" in report.inner_text() and "825" in report.inner_text()
    assert "Jaarregel" in report.inner_text() and "1899" in report.inner_text()
    page.get_by_role("button", name="Afbreken, niets laden").click()
    assert "er is niets geladen" in page.content()

    good = tmp_path / "bijstand-verbeterd.csv"
    good.write_text(GOOD, encoding="utf-8")
    page.goto("/monitor/import/")
    page.get_by_label("Bestand", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url("**/monitor/import/*/")
    assert "Geen problemen gevonden" in page.content()
    page.get_by_role("button", name="Laden", exact=True).click()
    assert "Geladen: 2 nieuw" in page.locator(".messages").inner_text()

    page.goto("/monitor/gebied/rotterdam-zuid/")
    assert area_cell(page, "2023") == "8,25" and area_cell(page, "2022") == "8,50"
    after = page.locator("figure:has(table[data-indicator='bijstand']) svg .chart__series--area path").count()
    assert after > before
    description = page.locator("figure:has(table[data-indicator='bijstand']) svg desc").text_content()
    assert "Rotterdam-Zuid: van 8,50% in 2022 naar 8,25% in 2023" in description
