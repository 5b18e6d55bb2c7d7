"""Bringing a member list in from Excel: template, preview with the real rules, all or nothing, matching."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from alliances.models import MemberRole, Membership
from alliances.register_import import column_titles

from .conftest import members

pytestmark = pytest.mark.django_db


def workbook(*rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(column_titles())
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("leden.xlsx", buffer.getvalue())


def url(alliance):
    return reverse("member-import", args=[alliance.area.slug])


def test_template_has_the_columns(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    response = client.get(reverse("member-import-template", args=[alliance_a.area.slug]))
    assert [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]] == column_titles()


def test_import_creates_then_updates_instead_of_duplicating(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    before = alliance_a.memberships.count()
    rows = [
        ("Sanne de Vries", "sanne@example.nl", "", "Wethouder", "", "01-01-2026", ""),
        ("Ali Yilmaz", "", "", "Bewoner", "", "2026-02-01", ""),
    ]
    response = client.post(url(alliance_a), {"file": workbook(*rows)})
    assert response.context["problems"] == 0 and alliance_a.memberships.count() == before
    client.post(url(alliance_a), {"confirm": response.context["token"]})
    assert alliance_a.memberships.count() == before + 2
    again = [("Sanne de Vries", "sanne@example.nl", "", "Wethouder", "", "01-01-2026", "31-12-2026")]
    response = client.post(url(alliance_a), {"file": workbook(*again)})
    assert "bijwerken" in response.content.decode()
    client.post(url(alliance_a), {"confirm": response.context["token"]})
    assert alliance_a.memberships.count() == before + 2
    assert (
        Membership.objects.get(alliance=alliance_a, person__name="Sanne de Vries").end_date.isoformat() == "2026-12-31"
    )


def test_preview_applies_the_real_rules_and_imports_nothing_on_a_problem(client, bureau_a, alliance_a):
    client.force_login(bureau_a)
    chair = members(alliance_a, MemberRole.CHAIR).get()
    rows = [
        ("Nieuwe Burgemeester", "", "", "Voorzitter (burgemeester)", "", "01-01-2026", ""),
        ("Iemand", "", "", "Koning", "", "01-01-2026", ""),
        ("Zonder datum", "", "", "Wethouder", "", "", ""),
        ("Goed Lid", "", "", "Wethouder", "", "01-01-2026", ""),
        ("Omgekeerd", "", "", "Wethouder", "Onbekend BV", "01-01-2026", "01-01-2025"),
    ]
    before = alliance_a.memberships.count()
    response = client.post(url(alliance_a), {"file": workbook(*rows)})
    page = response.content.decode()
    assert "Opvolger vastleggen" in page and "Onbekende rol" in page and "Lid vanaf ontbreekt" in page
    assert "Onbekende organisatie" in page
    assert response.context["problems"] == 4
    assert alliance_a.memberships.count() == before
    chair.refresh_from_db()
    assert chair.end_date is None


def test_only_the_areas_bureau_imports(client, member_a, alliance_a):
    client.force_login(member_a)
    assert client.get(url(alliance_a)).status_code == 403
