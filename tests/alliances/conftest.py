"""Fixtures of the alliance tests: a small alliance in Amsterdam Nieuw-West, documents of every kind."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Ministry
from alliances.models import (
    Alliance,
    Attendance,
    AttendanceStatus,
    Bottleneck,
    CivilServiceRank,
    Meeting,
    MemberRole,
    Membership,
    Person,
    Plan,
    PlanKind,
)
from areas.models import ActionLine

START = date(2024, 1, 1)
MEETING_DAY = date(2025, 3, 10)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded documents go to a temporary private directory."""
    settings.MEDIA_ROOT = tmp_path / "private"


def seat(alliance, role, name, **extra) -> Membership:
    person = Person.objects.create(
        name=name, email=f"{name.split()[0].lower()}@example.nl", phone="06-1234", area=alliance.area
    )
    return Membership.objects.create(alliance=alliance, person=person, role=role, start_date=START, **extra)


def build_alliance(area, *, seats=2, residents=3) -> Alliance:
    """Chair (mayor), alderman, police, rijksvertegenwoordiger (DG, OCW) and `residents` residents."""
    alliance = Alliance.objects.create(area=area, name=f"Alliantie {area.name}", resident_seats=seats)
    seat(alliance, MemberRole.CHAIR, "Femke Burgemeester", is_mayor=True)
    seat(alliance, MemberRole.ALDERMAN, "Ahmed Wethouder")
    seat(alliance, MemberRole.POLICE, "Petra Politie")
    seat(
        alliance,
        MemberRole.NATIONAL_REPRESENTATIVE,
        "Rik Rijk",
        rank=CivilServiceRank.DG,
        ministry=Ministry.OCW,
    )
    for number in range(residents):
        seat(alliance, MemberRole.RESIDENT, f"Bewoner{number} Buurt")
    return alliance


@pytest.fixture
def alliance_a(area_a) -> Alliance:
    return build_alliance(area_a)


@pytest.fixture
def alliance_b(area_b) -> Alliance:
    return build_alliance(area_b)


def members(alliance, role=None):
    qs = alliance.memberships.order_by("pk")
    return qs.filter(role=role) if role else qs


def attend(meeting, *, present=None) -> None:
    """Everyone present except residents beyond the seats (or exactly the memberships in `present`)."""
    residents = 0
    for membership in members(meeting.alliance):
        if present is not None:
            status = AttendanceStatus.PRESENT if membership in present else AttendanceStatus.ABSENT
        else:
            status = AttendanceStatus.PRESENT
            if membership.role == MemberRole.RESIDENT:
                residents += 1
                if residents > meeting.alliance.resident_seats:
                    status = AttendanceStatus.EXCUSED
        Attendance.objects.create(meeting=meeting, membership=membership, status=status)


@pytest.fixture
def meeting_a(alliance_a) -> Meeting:
    meeting = Meeting.objects.create(alliance=alliance_a, date=MEETING_DAY, location="Stadsdeelhuis")
    attend(meeting)
    return meeting


@pytest.fixture
def draft_plan_a(alliance_a) -> Plan:
    return Plan.objects.create(
        alliance=alliance_a,
        kind=PlanKind.AREA_PLAN,
        title="Gebiedsplan Nieuw-West",
        version=1,
        period_start=date(2025, 1, 1),
        period_end=date(2028, 12, 31),
    )


@pytest.fixture
def bottleneck_a(alliance_a, reference_data) -> Bottleneck:
    return Bottleneck.objects.create(
        area=alliance_a.area,
        title="Kostendelersnorm",
        description="Inwonende kinderen verlagen de uitkering.",
        regulation="Participatiewet",
        action_line=ActionLine.objects.get(number=3),
        owner=members(alliance_a, MemberRole.NATIONAL_REPRESENTATIVE).get(),
        signalled_on=date(2025, 5, 1),
    )


# ---------------------------------------------------------------------------------------------
# Documents by content


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
