"""English through Django i18n: a complete, compiled and current catalog, and English pages when chosen.

The source strings (msgids) are Dutch; `locale/en/LC_MESSAGES/django.po` holds the English. Dutch stays the
default, also for an English browser (tests/nplv/test_settings.py); English is a choice in the footer.
"""

from __future__ import annotations

import gettext
import html
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from alliances.models import Bottleneck
from areas.models import Area
from funding.letters import decision_letter_pdf
from funding.models import GrantDecision
from interventions.models import Intervention, InterventionStatus
from tests.funding.test_letters import pdf_text, shown

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
HOW_TO_UPDATE = "run `manage.py makemessages -l en --ignore=.venv --ignore=var`, translate, `manage.py compilemessages`"


# --- a tiny .po reader -------------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular entry, 0..n-1 for plural forms
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text[1:-1])


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (without the header and without obsolete `#~` entries)."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def finish():
        nonlocal entry, target
        if target is not None and entry.msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line):
            keyword, index, value = match.groups()
            if keyword == "msgid" and target is not None and target[0] != "msgctxt":
                finish()
            if keyword == "msgid":
                entry.line = number
            target = (keyword, int(index or 0))
            _append(entry, target, _unquote(value))
        elif line.startswith('"') and target is not None:
            _append(entry, target, _unquote(line))
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    keyword, index = target
    if keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    elif keyword == "msgid":
        entry.msgid += text
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    else:
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%|\{[^{}]*\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def catalog() -> list[Entry]:
    assert PO.exists(), f"{PO} is missing: {HOW_TO_UPDATE}"
    return read_po(PO)


# --- the catalog ----------------------------------------------------------------------------------------


def test_po_reader_reads_plurals_contexts_and_continued_lines(tmp_path):
    """The reader the tests below rely on understands what makemessages writes."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid "Een %(n)s"\nmsgstr "One %(n)s"\n\n'
        'msgctxt "menu"\nmsgid "Home"\nmsgstr "Home"\n\n'
        'msgid ""\n"Twee\\n"\n"regels"\nmsgstr ""\n"Two\\n"\n"lines"\n\n'
        'msgid "%(counter)s gebied"\nmsgid_plural "%(counter)s gebieden"\nmsgstr[0] "%(counter)s area"\n'
        'msgstr[1] ""\n\n'
        '#~ msgid "Oud"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )
    one, home, two, plural = read_po(po)
    assert (one.msgid, one.msgstr, one.flags) == ("Een %(n)s", {0: "One %(n)s"}, {"fuzzy", "python-format"})
    assert (home.msgctxt, home.msgstr[0]) == ("menu", "Home")
    assert (two.msgid, two.msgstr[0]) == ("Twee\nregels", "Two\nlines")
    assert plural.msgid_plural == "%(counter)s gebieden" and plural.msgstr == {0: "%(counter)s area", 1: ""}
    assert placeholders("%(n)s van %s, 100%% {x}") == Counter({"%(n)s": 1, "%s": 1, "%%": 1, "{x}": 1})


def test_catalog_is_complete_without_fuzzy_entries(catalog):
    """Every Dutch string has an English translation (both plural forms), and none is marked fuzzy."""
    assert len(catalog) > 900
    untranslated = [e.msgid for e in catalog if not all(e.msgstr.get(i) for i in (range(2) if e.msgid_plural else [0]))]
    fuzzy = [e.msgid for e in catalog if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated: {untranslated[:10]}; {HOW_TO_UPDATE}"
    assert not fuzzy, f"fuzzy (check the translation, then remove the flag): {fuzzy[:10]}"


def test_msgfmt_counts_every_message_as_translated():
    """GNU msgfmt agrees: all translated, none fuzzy, and the format strings check out."""
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt is not installed (apt-get install gettext)")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\s*", result.stderr), result.stderr


def test_translations_keep_every_placeholder(catalog):
    """`%(name)s`, `%s`, `%%` and `{name}` appear in a translation exactly as often as in the Dutch."""
    wrong = []
    for e in catalog:
        if e.msgid_plural:
            pairs = [(e.msgid, e.msgstr.get(0, "")), (e.msgid_plural, e.msgstr.get(1, ""))]
        else:
            pairs = [(e.msgid, e.msgstr.get(0, ""))]
        wrong += [(source, text) for source, text in pairs if placeholders(source) != placeholders(text)]
    assert not wrong, wrong[:10]


def test_compiled_catalog_matches_the_po_file(catalog):
    """The committed .mo (used by `make run` on a machine without msgfmt) says what the .po says."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in catalog:
        if e.msgid_plural:
            got = [
                compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                if e.msgctxt
                else compiled.ngettext(e.msgid, e.msgid_plural, n)
                for n in (1, 2)
            ]
            expected = [e.msgstr[0], e.msgstr[1]]
        else:
            got = [compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt else compiled.gettext(e.msgid)]
            expected = [e.msgstr[0]]
        if got != expected:
            stale.append(e.msgid)
    assert not stale, f"django.mo is older than django.po ({stale[:5]}): run `manage.py compilemessages`"


def test_catalog_is_up_to_date(tmp_path):
    """makemessages on a copy of the code finds exactly the msgids of the committed catalog.

    A new or changed {% translate %} / gettext string without a catalog update fails here.
    """
    if not (shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msguniq")):
        pytest.skip("GNU gettext tools are not installed (apt-get install gettext)")
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "locale", "__pycache__", "*.pyc", ".*_cache", "test-results", "node_modules"
        ),
    )
    (copy / "locale").mkdir()
    env = {**os.environ, "NPLV_VAR_DIR": str(tmp_path / "var"), "PYTHONPATH": str(copy)}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=.venv", "--ignore=var", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = {e.key for e in read_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    committed = {e.key for e in read_po(PO)}
    assert fresh - committed == set(), (
        f"not in the catalog yet: {sorted(fresh - committed, key=str)[:10]}; {HOW_TO_UPDATE}"
    )
    assert committed - fresh == set(), (
        f"no longer in the code: {sorted(committed - fresh, key=str)[:10]}; {HOW_TO_UPDATE}"
    )


# --- English pages ----------------------------------------------------------------------------------------


def visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", "\n", body)
    return "\n".join(line.strip() for line in html.unescape(body).splitlines() if line.strip())


def dutch_phrases(catalog: list[Entry]) -> list[str]:
    """Dutch msgids of three words or more (no placeholders) whose English is different."""
    return [
        e.msgid
        for e in catalog
        if not e.msgid_plural
        and len(e.msgid.split()) >= 3
        and not placeholders(e.msgid)
        and e.msgid not in e.msgstr.get(0, "")
    ]


@pytest.fixture
def english(client):
    """A client that chose English with the footer's language switch (stored in the language cookie)."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def english_page(client, url: str, catalog, *expected: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert 'lang="en"' in body, url
    text = visible_text(body)
    for phrase in expected:
        assert phrase in text, (url, phrase)
    left = [phrase for phrase in dutch_phrases(catalog) if phrase in text]
    assert not left, (url, left)
    return text


@pytest.mark.django_db
def test_login_page_in_english(english, catalog, reference_data):
    text = english_page(english, reverse("login"), catalog, "Log in", "Username", "Password", "Skip to content")
    assert "Inloggen" not in text and "Wachtwoord" not in text


@pytest.mark.django_db
def test_main_pages_in_english(english, catalog, demo_data):
    """Home (national), area, alliance, interventions and applications pages speak English after the switch."""
    area = Area.objects.get(slug="amsterdam-nieuw-west")
    english.force_login(User.objects.get(username="programmateam"))
    english_page(english, reverse("home"), catalog, "The 20 NPLV areas", "At a glance", "Schemes", "Log out")
    english.force_login(User.objects.get(username="bureau.nieuwwest"))
    english_page(
        english, reverse("area-detail", args=[area.slug]), catalog, "Area details", "Ceilings and applications"
    )
    english_page(
        english,
        reverse("alliance-detail", args=[area.slug]),
        catalog,
        "Current composition",
        "Alliance meetings",
        "Resident seats",
        "National representative (rijksvertegenwoordiger)",
    )
    english_page(
        english,
        reverse("interventions:list"),
        catalog,
        "Interventions in Amsterdam Nieuw-West",
        "Overview by action line and status",
        "Title (descending)",
    )
    english_page(
        english,
        reverse("funding:application-list"),
        catalog,
        "New application",
        "Applications; click a column heading to sort",
        "Granted",
    )


@pytest.mark.django_db
def test_labels_made_at_import_follow_the_chosen_language(english, catalog, demo_data):
    """Export headers, status choices and quarter names are lazy: English after the switch, Dutch without it."""
    english.force_login(User.objects.get(username="bureau.nieuwwest"))
    area = Area.objects.get(slug="amsterdam-nieuw-west")
    members = b"".join(english.get(reverse("member-export", args=[area.slug, "csv"])).streaming_content).decode()
    assert members.splitlines()[0].lstrip("\ufeff").startswith("Name;Organisation;Role;Mayor")
    applications = english.get(reverse("funding:application-list"), {"export": "csv"})
    assert b"".join(applications.streaming_content).decode().lstrip("\ufeff").startswith("Reference;Area;")
    bottleneck = Bottleneck.objects.filter(area=area).first()
    english_page(english, reverse("bottleneck-detail", args=[bottleneck.pk]), catalog, "Take up", "Escalate")
    running = Intervention.objects.filter(area=area, status=InterventionStatus.RUNNING).first()
    english_page(english, reverse("interventions:progress-create", args=[running.pk]), catalog, "Quarter 1")

    english.post(reverse("set_language"), {"language": "nl", "next": "/"})
    members = b"".join(english.get(reverse("member-export", args=[area.slug, "csv"])).streaming_content).decode()
    assert members.splitlines()[0].lstrip("\ufeff").startswith("Naam;Organisatie;Rol;Burgemeester")
    body = english.get(reverse("interventions:progress-create", args=[running.pk])).content.decode()
    assert 'lang="nl"' in body and "Kwartaal 1" in body


@pytest.mark.django_db
def test_decision_letter_stays_dutch_when_decided_in_english(demo_data):
    """A beschikking is a Dutch legal decision: English in the app does not change a word of the letter."""
    decision = GrantDecision.objects.select_related("application").first()
    dutch = shown(pdf_text(decision_letter_pdf(decision=decision)))
    with translation.override("en"):
        text = shown(pdf_text(decision_letter_pdf(decision=decision)))
    assert text == dutch
    assert "Geacht college" in text and "Ministerie van" in text and "toegekend" in text.lower()
    assert "granted" not in text.lower() and "Ministry" not in text
