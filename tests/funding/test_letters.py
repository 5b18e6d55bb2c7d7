"""The decision letter: a Dutch PDF with area, municipality, legal basis, table, totals, date, reference."""

import base64
import re
import zlib
from decimal import Decimal

import pytest

from core.money import euro
from funding import services
from funding.letters import decision_letter_pdf
from funding.models import ApplicationLine, GrantDecision

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The text drawn on the pages: every content stream decoded (ASCII85 and Flate, as ReportLab writes them)."""
    chunks = []
    for match in re.finditer(rb"<<\n([^<>]*)\n>>\nstream\r?\n(.*?)endstream", data, re.S):
        header, stream = match.groups()
        if b"ASCII85Decode" in header:
            stream = base64.a85decode(stream.strip().removesuffix(b"~>"), adobe=False, ignorechars=b" \t\n\r\x0b")
        if b"FlateDecode" in header:
            stream = zlib.decompress(stream)
        chunks.append(stream.decode("latin-1"))
    return "\n".join(chunks)


def shown(text: str) -> str:
    """The strings of the text operators, joined: `(Totaal) Tj` → `Totaal`."""
    return " ".join(re.findall(r"\((.*?)(?<!\\)\)\s*Tj", text)).replace("\\(", "(").replace("\\)", ")")


def test_letter_holds_the_right_totals(reviewed, national):
    decision = services.application_decide(application=reviewed, actor=national)
    text = shown(pdf_text(decision_letter_pdf(decision=decision)))
    application = reviewed
    area = application.area
    assert area.name in text
    assert area.municipality.name in text and area.municipality.cbs_code in text
    assert "Staatscourant 2025, 20924" in text and "Staatscourant 2025, 32385" in text
    assert decision.reference in text and "Kenmerk" in text
    assert "Beschikking" in text and "Datum" in text
    # Totals: 1.000,00 (OCW, in full) + 300,00 (SZW, advised) granted of 1.500,00 requested.
    for amount in ("1.300,00", "1.500,00", "1.000,00", "300,00"):
        assert amount in text, amount
    assert "Jonge Kind" in text and "2026" in text and "2027" in text


def test_demo_letter_totals_match_the_database(demo_data):
    """The letter of a granted demo application totals exactly what its lines grant, per year too."""
    decision = GrantDecision.objects.select_related("application").first()
    text = shown(pdf_text(decision_letter_pdf(decision=decision)))
    lines = ApplicationLine.objects.filter(application=decision.application)
    total = sum(lines.values_list("granted_amount", flat=True), Decimal("0"))
    assert euro(total).removeprefix("€ ") in text
    for year in (2026, 2027, 2028):
        year_total = sum(lines.filter(year=year).values_list("granted_amount", flat=True), Decimal("0"))
        assert euro(year_total).removeprefix("€ ") in text


def test_letter_is_stored_once_in_private_storage(reviewed, national, settings):
    decision = services.application_decide(application=reviewed, actor=national)
    decision = services.decision_letter_generate(decision=decision)
    first = decision.letter.name
    assert decision.letter.path.startswith(str(settings.MEDIA_ROOT))
    assert services.decision_letter_generate(decision=decision).letter.name == first
