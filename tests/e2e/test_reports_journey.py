"""Start an area report, watch its progress bar move (htmx polling), download the PDF: in real Chromium."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from nplv import demo
from reports import services
from reports.models import ReportRun

from .conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_thread(monkeypatch, settings, tmp_path):
    """A stand-in for a Celery worker: the queued run is built in a thread of its own, slowly enough
    (a pause per step) to watch the progress bar move."""
    from reports.tasks import report_generate

    settings.MEDIA_ROOT = tmp_path / "private"
    settings.NPLV_REPORT_STEP_DELAY = 0.6
    threads = []

    def work(run_id):
        try:
            report_generate.apply(args=(run_id,))
        finally:
            connection.close()  # the thread's own connection, or the test database cannot be dropped

    def queue(run):
        thread = threading.Thread(target=work, args=(run.pk,), daemon=True)
        threads.append(thread)
        thread.start()

    monkeypatch.setattr(services, "_queue", queue)
    yield
    for thread in threads:
        thread.join(timeout=30)


def test_bureau_starts_watches_and_downloads_an_area_report(page, demo_data, worker_thread):
    sign_in(page, "bureau.nieuwwest", demo.DEMO_PASSWORD)
    page.goto("/rapportages/")
    page.wait_for_url("**/rapportages/")
    page.get_by_label("Soort rapportage").select_option("area_quarterly")
    page.get_by_label("Jaar").select_option("2026")
    page.get_by_label("Kwartaal").select_option("1")
    page.get_by_role("button", name="Rapportage starten").click()
    page.wait_for_url("**/rapportages/*/")
    run = ReportRun.objects.get()
    assert run.area.slug == "amsterdam-nieuw-west"
    # The bar moves while the run is busy, then the downloads appear without a reload.
    progress = page.locator("progress")
    seen = set()
    for _ in range(200):
        seen.add(int(progress.get_attribute("value")))
        if 100 in seen:
            break
        page.wait_for_timeout(100)
    assert any(0 < value < 100 for value in seen), seen
    download_button = page.get_by_role("link", name="PDF downloaden")
    download_button.wait_for(timeout=20_000)
    assert progress.get_attribute("value") == "100"
    assert page.locator("[data-status]").inner_text() == "Klaar"
    with page.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "kwartaalrapportage-amsterdam-nieuw-west-2026-k1.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
