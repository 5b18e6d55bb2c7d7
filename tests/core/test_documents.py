"""Uploads: PDF, DOCX or ODT only, at most 20 MB, the type read from the content."""

import pytest
from django.core.exceptions import ValidationError

from core.documents import MAX_DOCUMENT_BYTES, validate_document
from tests.alliances.conftest import docx_bytes, exe_bytes, odt_bytes, pdf_bytes, upload


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("a.pdf", pdf_bytes(), "pdf"), ("b.DOCX", docx_bytes(), "docx"), ("c.odt", odt_bytes(), "odt")],
)
def test_accepted_documents(name, content, kind):
    assert validate_document(upload(name, content)) == kind


def test_renamed_executable_is_refused():
    """A Windows executable renamed to .pdf is refused by its content."""
    with pytest.raises(ValidationError, match="alleen PDF, DOCX of ODT"):
        validate_document(upload("verslag.pdf", exe_bytes()))


@pytest.mark.parametrize(
    ("name", "content"),
    [("plan.pdf", docx_bytes()), ("plan.docx", pdf_bytes()), ("plan.odt", docx_bytes())],
)
def test_name_must_match_content(name, content):
    with pytest.raises(ValidationError, match="de bestandsnaam eindigt op"):
        validate_document(upload(name, content))


def test_other_zip_files_are_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ValidationError, match="alleen PDF, DOCX of ODT"):
        validate_document(upload("sheet.docx", buffer.getvalue()))


def test_more_than_20_mb_is_refused():
    with pytest.raises(ValidationError, match="hoogstens 20 MB"):
        validate_document(upload("big.pdf", pdf_bytes() + b"0" * MAX_DOCUMENT_BYTES))
