"""Uploaded documents (minutes, plans): private storage and a check of the type from the content.

Files live under `settings.MEDIA_ROOT`, outside the static tree, and have no public URL: they are
served only by views that first check that the user may see the area (`alliances.views`).
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
PDF, DOCX, ODT = "pdf", "docx", "odt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
ODT_MIMETYPE = CONTENT_TYPES[ODT].encode()
DOCX_MAIN_PART = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# An office document is a zip archive. Before anything in it is read, the sizes its directory declares
# are checked, so that a small upload cannot inflate to hundreds of megabytes in memory (a zip bomb).
MAX_ARCHIVE_MEMBERS = 5_000
MAX_ARCHIVE_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# The few members read to tell the kind; each is read with a bound, whatever its header claims.
MAX_MIMETYPE_BYTES = 100
MAX_CONTENT_TYPES_BYTES = 256 * 1024


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """Files under MEDIA_ROOT without a public URL; a view streams them after an access check."""

    def url(self, name):
        raise ValueError(_("Documenten hebben geen openbare URL; ze worden via een beveiligde pagina geleverd."))


private_storage = PrivateFileStorage()


def sniff_document(upload) -> str | None:
    """The kind of document by its content: 'pdf', 'docx', 'odt', or None for anything else."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(262)
        upload.seek(0)
        guess = filetype.guess(head)
        if guess is not None and guess.mime == "application/pdf":
            return PDF
        if guess is not None and guess.extension == "zip" or head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(upload) as archive:
                    return _office_kind(archive)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
                return None
        return None
    finally:
        upload.seek(position)


def _check_archive_sizes(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    declared = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if (
        len(infos) > MAX_ARCHIVE_MEMBERS
        or declared > MAX_ARCHIVE_UNCOMPRESSED_BYTES
        or (declared > 1024 * 1024 and declared / compressed > MAX_COMPRESSION_RATIO)
    ):
        raise ValidationError(
            _("Uploadregel: het document pakt uit tot meer dan 100 MB of is te sterk gecomprimeerd; het is geweigerd."),
            code="document_archive_too_large",
        )


def _read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` bytes of a member, decompressed; a member claiming more is not read at all."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        return b""
    with archive.open(info) as member:
        return member.read(limit + 1)[:limit]


def _office_kind(archive: zipfile.ZipFile) -> str | None:
    """ODT: the `mimetype` member says so and there is a `content.xml`; DOCX: the content types name the
    WordprocessingML main part and `word/document.xml` exists. Anything else (a spreadsheet, a plain zip
    with a renamed member) is not the document it claims to be."""
    _check_archive_sizes(archive)
    names = set(archive.namelist())
    is_odt = {"mimetype", "content.xml"} <= names
    if is_odt and _read_member(archive, "mimetype", MAX_MIMETYPE_BYTES).strip() == ODT_MIMETYPE:
        return ODT
    is_docx = {"[Content_Types].xml", "word/document.xml"} <= names
    if is_docx and DOCX_MAIN_PART in _read_member(archive, "[Content_Types].xml", MAX_CONTENT_TYPES_BYTES):
        return DOCX
    return None


def validate_document(upload) -> str:
    """Refuse anything but a PDF, DOCX or ODT of at most 20 MB whose name matches its content.

    Returns the kind. The message names the upload rule and says why, so the form can show it.
    """
    size = getattr(upload, "size", None) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Uploadregel: een document is hoogstens 20 MB; dit bestand is %(size)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ",")},
            code="document_too_large",
        )
    kind = sniff_document(upload)
    extension = PurePath(getattr(upload, "name", "") or "").suffix.lower().lstrip(".")
    if kind is None:
        raise ValidationError(
            _(
                "Uploadregel: alleen PDF, DOCX of ODT is toegestaan; de inhoud van ‘%(name)s’ is geen van deze "
                "(de bestandsnaam alleen telt niet)."
            )
            % {"name": PurePath(getattr(upload, "name", "") or "").name},
            code="document_type",
        )
    if extension != kind:
        raise ValidationError(
            _("Uploadregel: de bestandsnaam eindigt op ‘.%(extension)s’, maar de inhoud is %(kind)s.")
            % {"extension": extension, "kind": kind.upper()},
            code="document_extension",
        )
    return kind
