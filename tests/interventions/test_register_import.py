"""Bringing an intervention register in from Excel: template, preview with problems, all or nothing, matching."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from interventions.models import Intervention
from interventions.register_import import COLUMNS

pytestmark = pytest.mark.django_db
URL = reverse("interventions:import")


def workbook(*rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append([str(title) for _, title in COLUMNS])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("register.xlsx", buffer.getvalue())


GOOD = ("Straatmaatjes", 4, "Jongeren", 12, 18, "01-01-2026", "31-12-2026", "125.000,50", "Met de buurt")
SECOND = ("Werkwinkel", 3, "Werkzoekenden", None, None, "2026-03-01", None, 40000, "")


def preview(client, *rows):
    return client.post(URL, {"file": workbook(*rows)})


def test_template_has_the_columns(client, bureau_a):
    client.force_login(bureau_a)
    response = client.get(reverse("interventions:import-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == [str(title) for _, title in COLUMNS]


def test_preview_then_import_creates_and_a_second_import_updates(client, bureau_a, reference_data):
    client.force_login(bureau_a)
    response = preview(client, GOOD, SECOND)
    page = response.content.decode()
    assert response.status_code == 200 and "Alle 2 rijen inlezen" in page and not Intervention.objects.exists()
    assert '<th scope="row">Straatmaatjes</th>' in page  # each row is named by its title in the preview
    token = response.context["token"]
    response = client.post(URL, {"confirm": token})
    assert response.status_code == 302
    straat = Intervention.objects.get(title="Straatmaatjes")
    assert straat.area == bureau_a.area and straat.planned_budget == Decimal("125000.50") and straat.status == "idea"
    assert Intervention.objects.count() == 2

    changed = (*GOOD[:7], "130.000,00", GOOD[8])
    response = preview(client, changed)
    assert "bijwerken" in response.content.decode()
    client.post(URL, {"confirm": response.context["token"]})
    assert Intervention.objects.count() == 2
    assert Intervention.objects.get(title="Straatmaatjes").planned_budget == Decimal("130000.00")


def test_preview_shows_every_rows_problems_and_nothing_is_imported(client, bureau_a, reference_data):
    client.force_login(bureau_a)
    bad = [
        ("", 4, "", None, None, None, None, None, ""),
        ("Te oud", 9, "", 30, 8, "31-02-2026", None, "veel", ""),
        GOOD,
        GOOD,
    ]
    response = preview(client, *bad)
    page = response.content.decode()
    assert "Titel ontbreekt." in page and "Actielijn 9 bestaat niet" in page
    assert "geen datum" in page and "geen bedrag" in page and "Titel staat ook in rij" in page
    assert "rijen hebben een probleem" in page
    assert response.context["problems"] == 3
    assert client.post(URL, {"confirm": response.context["token"]}).status_code == 302
    assert not Intervention.objects.exists()


def test_model_rules_are_checked_in_the_preview(client, bureau_a, reference_data):
    client.force_login(bureau_a)
    response = preview(client, ("Omgekeerd", 4, "", 30, 8, "2026-12-31", "2026-01-01", None, ""))
    assert response.context["problems"] == 1
    assert not Intervention.objects.exists()


def test_wrong_columns_are_refused(client, bureau_a):
    client.force_login(bureau_a)
    book = Workbook()
    book.active.append(["Naam", "Iets"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(URL, {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())})
    assert response.status_code == 400 and "kloppen niet met het sjabloon" in response.content.decode()
    response = client.post(URL, {"file": SimpleUploadedFile("x.xlsx", b"geen excel")})
    assert response.status_code == 400 and "geen Excel-bestand" in response.content.decode()


def test_only_a_programme_bureau_imports(client, member_a, national):
    for user in (member_a, national):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(reverse("interventions:import-template")).status_code == 403


def test_a_stale_preview_imports_nothing(client, bureau_a, reference_data):
    client.force_login(bureau_a)
    preview(client, GOOD)
    response = client.post(URL, {"confirm": "not-the-token"})
    assert response.status_code == 302 and not Intervention.objects.exists()
