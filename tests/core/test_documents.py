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


def _zip(members: dict[str, bytes], compression=None) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression or zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_it_is_read(monkeypatch):
    """A small ODT whose members inflate to 300 MB is refused from the sizes its directory declares."""
    import zipfile

    content = _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<x/>",
            "Pictures/bomb.bin": b"\0" * (300 * 1024 * 1024),
        }
    )
    assert len(content) < 400 * 1024
    read = []
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, pwd=None: read.append(name))
    with pytest.raises(ValidationError, match="pakt uit tot meer dan 100 MB") as info:
        validate_document(upload("bomb.odt", content))
    assert info.value.code == "document_archive_too_large"
    assert read == []


def test_mimetype_member_that_claims_to_be_huge_is_not_read():
    """An ODT whose `mimetype` member is not the short text it should be is not an ODT."""
    content = _zip({"mimetype": b"application/vnd.oasis.opendocument.text" + b" " * 5000, "content.xml": b"<x/>"})
    with pytest.raises(ValidationError, match="alleen PDF, DOCX of ODT"):
        validate_document(upload("x.odt", content))


@pytest.mark.parametrize(
    "members",
    [
        # a spreadsheet renamed to .docx: it has content types and a word/ folder, but no Word main part
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"},
        # Word's content types without the document itself
        {"[Content_Types].xml": b"wordprocessingml.document.main+xml", "word/styles.xml": b"<w/>"},
    ],
)
def test_office_file_that_is_not_a_word_document_is_refused(members):
    with pytest.raises(ValidationError, match="alleen PDF, DOCX of ODT"):
        validate_document(upload("x.docx", _zip(members)))


def test_odt_without_content_is_refused():
    with pytest.raises(ValidationError, match="alleen PDF, DOCX of ODT"):
        validate_document(upload("x.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"})))
