"""The decision letter is a complete beschikking, and the PDF is tagged for accessibility."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from funding import payments, services
from funding.letters import decision_letter_pdf

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)


@pytest.fixture
def decision(reviewed, national):
    national.first_name, national.last_name = "Anna", "de Vries"
    national.save()
    return services.application_decide(application=reviewed, actor=national)


def test_letter_gives_reasons_schedule_conditions_bases_objection_and_signature(decision):
    text = text_of(decision_letter_pdf(decision=decision))
    # The SZW line was granted € 300 of € 500, with the reviewer's reason.
    assert "Motivering" in text and "Deels." in text and "300,00" in text
    assert "Betaalschema" in text and "Betaaldatum" in text
    assert "uiterlijk in 2028" in text and "15 juli" in text and "eindverantwoording" in text and "terug" in text
    assert "Financiële-verhoudingswet, artikel 15a" in text and "Staatscourant 2025, 20924" in text
    assert "binnen zes weken" in text and "Postbus 20011" in text and "6:5" in text and "redenen" in text
    assert "Anna de Vries" in text and "directeur Nationaal Programma Leefbaarheid en Veiligheid" in text


def test_letter_states_the_schedule_set_by_the_national_team(decision, national):
    payments.payment_instalment_save(
        application=decision.application, actor=national, year=2026, amount=Decimal("777.00"), due_on=date(2026, 3, 2)
    )
    text = text_of(decision_letter_pdf(decision=decision))
    assert "777,00" in text and "2 maart 2026" in text


def test_letter_pdf_is_tagged(decision):
    pdf = decision_letter_pdf(decision=decision)
    reader = PdfReader(BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "nl-NL"
    document = root["/StructTreeRoot"]["/K"].get_object()
    elements = [kid.get_object() for kid in document["/K"]]
    kinds = {str(e["/S"]) for e in elements}
    assert {"/P", "/H2", "/Table"} <= kinds
    marked = sum(page.get_contents().get_data().count(b"BDC") for page in reader.pages)
    assert marked == len(elements)
    assert reader.metadata.title.startswith("Beschikking")
