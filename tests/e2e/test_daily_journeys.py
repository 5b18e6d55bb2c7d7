"""Daily work in real Chromium: axe-core on the main pages of every role, a bureau answering a question
from its tasks, a reviewer advising from its queue, a bureau submitting with a guided endorsement.

axe-core is the npm package, read at test time from `NPLV_AXE_JS`, `var/e2e/node_modules` (where
`.ci/run` installs it: `npm install --prefix var/e2e axe-core@4`) or the global npm root; without it
the accessibility scan skips with that message. Nothing from npm is committed.
"""

from __future__ import annotations

import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from funding.models import ApplicationStatus, InformationRequest, Review
from nplv import demo, demo_daily

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
INSTALL = "npm install --prefix var/e2e axe-core@4 (as .ci/run does)"


def _axe_path() -> Path | None:
    candidates = [os.environ.get("NPLV_AXE_JS", ""), ROOT / "var/e2e/node_modules/axe-core/axe.min.js"]
    try:
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=20).stdout.strip()
        candidates.append(Path(root) / "axe-core/axe.min.js")
    except (OSError, subprocess.SubprocessError):
        pass
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="module")
def axe_source() -> str:
    path = _axe_path()
    if path is None:
        pytest.skip(f"axe-core not found: accessibility scan skipped; install with {INSTALL}.")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def daily(demo_data):
    demo_daily.demo_daily()


def serious_violations(page, axe_source: str) -> list[dict]:
    page.evaluate(axe_source)  # evaluated through the DevTools protocol: the page's CSP does not apply
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return violations


def test_main_pages_of_every_role_have_no_serious_axe_violations(page, daily, axe_source):
    from alliances.models import Meeting
    from funding.models import Application, ApplicationLine

    lelystad_draft = Application.objects.get(area__slug="lelystad-oost", status=ApplicationStatus.DRAFT)
    meeting = Meeting.objects.filter(alliance__area__slug="amsterdam-nieuw-west").order_by("-date").first()
    line = ApplicationLine.objects.filter(theme__ministry="SZW", application__area__slug="rotterdam-zuid").first()
    pages = {
        "bureau.rotterdamzuid": [
            "/",
            "/mijn-taken/",
            "/gebieden/rotterdam-zuid/alliantie/",
            "/gebieden/rotterdam-zuid/alliantie/leden/nieuw/",
            "/gebieden/rotterdam-zuid/alliantie/leden/opvolging/",
            "/knelpunten/",
            "/middelen/aanvragen/",
        ],
        "bureau.lelystad": [f"/middelen/aanvragen/{lelystad_draft.pk}/indienen/"],
        "lid.nieuwwest": ["/", "/mijn-taken/", f"/allianties/overleggen/{meeting.pk}/"],
        "beoordelaar.szw": [
            "/",
            "/admin/",
            "/admin/funding/applicationline/",
            f"/admin/funding/applicationline/{line.pk}/change/",
        ],
        "programmateam": ["/", "/mijn-taken/", "/admin/"],
    }
    found = {}
    for username, urls in pages.items():
        page.context.clear_cookies()
        sign_in(page, username, demo.DEMO_PASSWORD)
        for url in urls:
            page.goto(url)
            violations = serious_violations(page, axe_source)
            if violations:
                found[f"{username} {url}"] = violations
    assert found == {}, {key: [(v["id"], v["targets"]) for v in found[key]] for key in found}


def test_bureau_finds_an_information_request_in_its_tasks_and_answers_it(page, daily):
    sign_in(page, "bureau.rotterdamzuid", demo.DEMO_PASSWORD)
    page.goto("/")
    tasks = page.locator("section.section--tasks")
    first = tasks.get_by_role("link", name="Informatieverzoek bij").first
    assert "te laat" in tasks.locator("tbody tr").first.inner_text()
    first.click()
    page.get_by_label("Antwoord").fill("De formatie is 4 fte; de begroting is bijgevoegd in het gebiedsplan.")
    page.get_by_role("button", name="Beantwoorden en opnieuw indienen").click()
    page.get_by_text("Uw antwoord is verstuurd").wait_for()
    answered = InformationRequest.objects.filter(answered_at__isnull=False, application__area__slug="rotterdam-zuid")
    assert answered.count() == 1
    page.goto("/mijn-taken/")
    assert page.locator("tr[data-task-kind=information_request]").count() == 1


def test_reviewer_advises_from_its_queue(page, daily):
    sign_in(page, "beoordelaar.szw", demo.DEMO_PASSWORD)
    page.goto("/admin/")
    page.get_by_role("link", name="Regels zonder advies").click()
    page.wait_for_url("**/admin/funding/applicationline/")
    rows = page.locator("#result_list tbody tr")
    before = rows.count()
    assert before >= 1
    rows.first.locator("th a").click()
    page.get_by_text("Plafond van het thema in dit gebied").wait_for()
    page.locator("#advice-recommendation").select_option("grant_amount")
    page.locator("#advice-amount").fill("1.000,00")
    page.locator("#advice-reason").fill("Past bij de aanpak geldzorgen; een deel in 2027.")
    page.get_by_role("button", name="Advies vastleggen").click()
    page.wait_for_url("**/admin/funding/review/")
    review = Review.objects.filter(reviewer__username="beoordelaar.szw").order_by("-pk").first()
    assert review.recommended_amount == Decimal("1000.00")
    page.goto("/admin/funding/applicationline/")
    page.locator("#result_list").wait_for()
    assert page.locator("#result_list tbody tr").count() == before - 1


def test_bureau_submits_with_a_guided_endorsement(page, daily):
    from funding.models import Application

    sign_in(page, "bureau.lelystad", demo.DEMO_PASSWORD)
    draft = Application.objects.get(area__slug="lelystad-oost", status=ApplicationStatus.DRAFT)
    page.goto(f"/middelen/aanvragen/{draft.pk}/indienen/")
    page.get_by_role("link", name="Besluit voor deze aanvraag vastleggen").first.click()
    assert draft.reference in page.get_by_label("Besluittekst").input_value()
    page.get_by_label("Uitkomst").select_option("adopted")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url(f"**/middelen/aanvragen/{draft.pk}/indienen/?besluit=*")
    assert page.get_by_label("Besluit van de alliantie").input_value() != ""
    page.get_by_role("button", name="Definitief indienen").click()
    page.get_by_text("De aanvraag is ingediend.").wait_for()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
