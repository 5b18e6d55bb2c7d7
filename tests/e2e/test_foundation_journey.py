"""Log in, see the home page, open an area: in real Chromium."""

import pytest

from nplv import demo

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_national_team_logs_in_and_opens_an_area(page, demo_data):
    sign_in(page, "programmateam", demo.DEMO_PASSWORD)
    assert page.get_by_role("heading", level=1).first.inner_text()
    table = page.locator("table.table--signals")  # the first table is "Mijn taken"
    assert table.get_by_role("link", name="Heerlen-Noord").is_visible()
    table.get_by_role("link", name="Heerlen-Noord").click()
    page.wait_for_url("**/gebieden/heerlen-noord/")
    assert "Heerlen-Noord" in page.get_by_role("heading", level=1).inner_text()
    assert "illustratief" in page.content().lower()


def test_bureau_sees_only_its_own_area_and_skip_link_works(page, demo_data):
    sign_in(page, "bureau.nieuwwest", demo.DEMO_PASSWORD)
    assert "Amsterdam Nieuw-West" in page.content()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Naar de inhoud" in focused
    response = page.goto("/gebieden/rotterdam-zuid/")
    assert response.status == 404
