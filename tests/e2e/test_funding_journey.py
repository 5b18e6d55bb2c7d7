"""An application from draft to decision letter, in real Chromium: bureau, reviewer, a second person."""

import pytest

from accounts.models import Role, User
from areas.models import Area
from funding import services
from funding.models import Application, ApplicationLine, ApplicationStatus, GrantDecision
from nplv import demo

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lelystad_bureau(demo_data):
    """Lelystad-Oost's demo application is a draft: its demo bureau member withdraws it to start afresh."""
    area = Area.objects.get(slug="lelystad-oost")
    user = User.objects.get(username="bureau.lelystad", role=Role.PROGRAMME_BUREAU, area=area)
    services.application_withdraw(application=Application.objects.get(area=area, status="draft"), actor=user)
    return user


def test_bureau_drafts_and_submits_reviewer_recommends_second_person_decides_bureau_downloads(page, lelystad_bureau):
    # The bureau drafts the application, adds a line and submits it with the alliance's endorsement.
    sign_in(page, "bureau.lelystad", demo.DEMO_PASSWORD)
    page.goto("/middelen/aanvragen/")
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    page.get_by_label("Regeling").select_option(label="SPUK Kansrijke Wijk 2026–2028")
    page.get_by_role("button", name="Conceptaanvraag aanmaken").click()
    page.get_by_role("link", name="Regel toevoegen").click()
    page.get_by_label("Thema").select_option(label="Jonge Kind")
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Aangevraagd bedrag").fill("25000.00")
    page.get_by_label("Waarvoor").fill("Voorschoolse educatie in Lelystad-Oost")
    page.get_by_role("button", name="Regel opslaan").click()
    assert "25.000,00" in page.content()
    page.get_by_role("link", name="Indienen").click()
    page.get_by_label("Besluit van de alliantie").select_option(index=1)
    page.get_by_role("button", name="Definitief indienen").click()
    assert page.get_by_text("De aanvraag is ingediend.").is_visible()
    application = Application.objects.get(area__slug="lelystad-oost", status=ApplicationStatus.SUBMITTED)
    line = ApplicationLine.objects.get(application=application)

    # An OCW reviewer recommends in the admin.
    page.context.clear_cookies()
    sign_in(page, "beoordelaar.ocw", demo.DEMO_PASSWORD)
    page.goto("/admin/funding/review/add/")
    page.locator("#id_line").select_option(value=str(line.pk))
    page.locator("#id_recommendation").select_option(value="grant_full")
    page.locator("#id_reason").fill("Sluit aan bij de doelen voor het jonge kind.")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/funding/review/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW

    # A second person, of the national programme team, decides.
    page.context.clear_cookies()
    sign_in(page, "programmateam", demo.DEMO_PASSWORD)
    page.goto("/admin/funding/application/?status__exact=in_review")
    page.locator(f"input[name=_selected_action][value='{application.pk}']").check()
    page.locator("select[name=action]").select_option(value="decide")
    page.locator("button[name=index]").click()
    page.wait_for_url(f"**/admin/funding/application/{application.pk}/besluiten/")
    assert page.locator(f"#granted-{line.pk}").input_value() == "25.000,00"  # the advice, written the Dutch way
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url(f"**/admin/funding/application/{application.pk}/change/")
    decision = GrantDecision.objects.get(application=application)
    assert decision.outcome == "granted" and decision.decided_by.username == "programmateam"

    # The bureau downloads the letter.
    page.context.clear_cookies()
    sign_in(page, "bureau.lelystad", demo.DEMO_PASSWORD)
    page.goto(application.get_absolute_url())
    assert "Toegekend" in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Beschikkingsbrief downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"beschikking-{decision.reference}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
