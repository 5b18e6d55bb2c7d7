"""Structural accessibility of the main pages (WCAG 2.1 AA basics), checked in the HTML itself:
a language, a skip link to the main landmark, one h1, every form control labelled, every table captioned
with header cells, no image without alt text, no positive tabindex. Contrast and focus are in the CSS and
checked in the browser journeys."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from alliances.models import Meeting, Plan
from areas.models import Area
from funding.models import Application
from interventions.models import Intervention

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0
        self.labelled_by_wrapping: list[dict] = []
        self.table_depth = 0
        self.tables: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "label":
            self.open_labels += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and self.open_labels:
            self.labelled_by_wrapping.append(attrs)
        if tag == "table":
            self.tables.append({"caption": False, "th": False})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"] = True

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1


def check(html: str, url: str) -> None:
    page = Page()
    page.feed(html)
    tags = page.tags
    html_tag = next(attrs for tag, attrs in tags if tag == "html")
    assert html_tag.get("lang") in ("nl", "en"), url
    assert any(tag == "a" and attrs.get("href") == "#main" for tag, attrs in tags), f"{url}: no skip link"
    assert any(tag == "main" and attrs.get("id") == "main" for tag, attrs in tags), f"{url}: no main landmark"
    assert [tag for tag, _ in tags].count("h1") == 1, f"{url}: not exactly one h1"
    for tag, attrs in tags:
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit", "button"):
            labelled = (
                attrs.get("id") in page.label_for
                or attrs.get("aria-label")
                or attrs.get("aria-labelledby")
                or attrs in page.labelled_by_wrapping
            )
            assert labelled, f"{url}: unlabelled {tag} {attrs.get('name')}"
        if tag == "img":
            assert "alt" in attrs, f"{url}: image without alt"
        if "tabindex" in attrs:
            assert int(attrs["tabindex"]) <= 0, f"{url}: positive tabindex"
    for table in page.tables:
        assert table["caption"] and table["th"], f"{url}: a table without caption or header cells"


def test_main_pages_of_the_programme_bureau(client, demo_data):
    from accounts.models import User

    client.force_login(User.objects.get(username="bureau.nieuwwest"))
    area = Area.objects.get(slug="amsterdam-nieuw-west")
    urls = [
        reverse("home"),
        reverse("area-detail", args=[area.slug]),
        reverse("alliance-detail", args=[area.slug]),
        reverse("meeting-detail", args=[Meeting.objects.filter(alliance__area=area).first().pk]),
        reverse("plan-detail", args=[Plan.objects.filter(alliance__area=area).first().pk]),
        reverse("member-create", args=[area.slug]),
        reverse("meeting-create", args=[area.slug]),
        reverse("bottleneck-list"),
        reverse("interventions:list"),
        reverse("interventions:create"),
        Intervention.objects.filter(area=area).first().get_absolute_url(),
        reverse("interventions:library"),
        reverse("funding:application-list"),
        Application.objects.filter(area=area).first().get_absolute_url(),
        reverse("monitor"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        check(response.content.decode(), url)


def test_main_pages_of_the_national_team(client, demo_data, national):
    client.force_login(national)
    for url in [reverse("home"), reverse("area-list"), reverse("alliance-overview"), reverse("bottleneck-list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        check(response.content.decode(), url)


def test_login_page(client, reference_data):
    check(client.get(reverse("login")).content.decode(), "login")


@pytest.mark.parametrize(
    "body",
    [
        '<input name="q">',  # no label
        "<table><tr><td>1</td></tr></table>",  # no caption, no header cells
        '<img src="x.png">',  # no alt text
        '<a href="/" tabindex="3">x</a>',  # positive tabindex
        "<h1>Tweede kop</h1>",  # two h1
    ],
)
def test_the_check_catches_what_it_looks_for(body):
    page = f'<html lang="nl"><body><a href="#main">Naar de inhoud</a><main id="main"><h1>Kop</h1>{body}</main></body></html>'
    with pytest.raises(AssertionError):
        check(page, "sample")
