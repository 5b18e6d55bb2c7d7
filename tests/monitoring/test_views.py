"""The import page, the area dashboard, the national table and the area page's monitor section."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from monitoring.models import ImportRun, ImportStatus, IndicatorScope, IndicatorValue
from monitoring.services import import_commit, import_preview
from tests.conftest import make_user
from tests.monitoring.conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["indicator_code", "jaar", "gebied", "waarde"]


def upload(client, rows, name="cijfers.csv", **extra):
    data = csv_bytes(rows, delimiter=";", bom=True) if name.endswith(".csv") else xlsx_bytes(rows)
    return client.post(reverse("monitoring:import-list"), {"file": SimpleUploadedFile(name, data), **extra})


def load_area_figures(actor, area, rows):
    run = import_preview(data=csv_bytes([HEADER, *rows], delimiter=";"), name="gebied.csv", actor=actor)
    return import_commit(run=run, actor=actor, only_good_rows=True)


class TableReader(HTMLParser):
    """The accessible tables of a page: {indicator code: [[cell text, ...], ...]}."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-indicator" in attrs:
            self.current = self.tables.setdefault(attrs["data-indicator"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def tables_of(body: str) -> dict:
    reader = TableReader()
    reader.feed(body)
    return reader.tables


def dutch(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


# --- the import page ---------------------------------------------------------------------------


def test_import_page_for_national_team_and_bureau_only(client, national, bureau_a, member_a):
    for user, expected in ((national, 200), (bureau_a, 200), (member_a, 403)):
        client.force_login(user)
        assert client.get(reverse("monitoring:import-list")).status_code == expected


def test_upload_shows_every_problem_before_anything_is_stored(client, national, area_b):
    client.force_login(national)
    rows = [
        HEADER,
        ["bijstand", "2023", "Rotterdam-Zuid", "8,25"],
        ["geluk", "2023", "Rotterdam-Zuid", "1"],
        ["bijstand", "1899", "Rotterdam-Zuid", "1"],
        ["bijstand", "2022", "Rotterdam-Zuid", "veel"],
    ]
    response = upload(client, rows)
    run = ImportRun.objects.get(created_by=national)
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    body = client.get(run.get_absolute_url()).content.decode()
    assert "3 problemen" in body
    for line, column, value in (("3", "indicator_code", "geluk"), ("4", "jaar", "1899"), ("5", "waarde", "veel")):
        assert re.search(
            rf'<th scope="row" class="num">{line}</th>\s*<td>{column}</td>\s*<td><code>{value}</code>', body
        )
    assert "Indicatorregel" in body and "Jaarregel" in body and "Getalregel" in body
    assert not IndicatorValue.objects.filter(area=area_b).exists()


def test_loading_a_file_with_problems_is_refused_and_stores_nothing(client, national, area_b):
    client.force_login(national)
    upload(client, [HEADER, ["bijstand", "2023", "Rotterdam-Zuid", "8"], ["geluk", "2023", "Rotterdam-Zuid", "1"]])
    run = ImportRun.objects.get(created_by=national)
    response = client.post(run.get_absolute_url(), {"action": "load"})
    assert response.status_code == 400 and "er is niets geladen" in response.content.decode()
    assert not IndicatorValue.objects.filter(area=area_b).exists()
    response = client.post(run.get_absolute_url(), {"action": "load_good"})
    assert response.status_code == 400 and "bevestig uitdrukkelijk" in response.content.decode()
    checkbox = re.search(r"<input[^>]*name=\"confirm_partial\"[^>]*>", response.content.decode()).group()
    assert 'aria-invalid="true"' in checkbox and 'aria-describedby="id_confirm_partial_error"' in checkbox
    response = client.post(run.get_absolute_url(), {"action": "load_good", "confirm_partial": "on"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportStatus.PARTLY_LOADED
    assert IndicatorValue.objects.filter(area=area_b).count() == 1


def test_a_clean_xlsx_loads_from_the_page(client, national, area_b):
    client.force_login(national)
    upload(client, [HEADER, ["bijstand", 2023, "GM0599", 8.25]], name="cijfers.xlsx")
    run = ImportRun.objects.get(created_by=national)
    assert run.file_format == "xlsx" and run.problem_count == 0
    assert client.post(run.get_absolute_url(), {"action": "load"}).status_code == 302
    assert IndicatorValue.objects.get(area=area_b).value == Decimal("8.25")


def test_wrong_type_is_refused_on_the_form(client, national):
    client.force_login(national)
    response = client.post(
        reverse("monitoring:import-list"), {"file": SimpleUploadedFile("cijfers.csv", b"%PDF-1.7\n...")}
    )
    assert response.status_code == 200 and "alleen CSV of Excel" in response.content.decode()
    file_input = re.search(r"<input[^>]*name=\"file\"[^>]*>", response.content.decode()).group()
    assert 'aria-invalid="true"' in file_input and "id_file_error" in file_input  # the refusal is on the file
    assert not ImportRun.objects.exists() or not ImportRun.objects.filter(created_by=national).exists()


def test_report_and_file_can_be_downloaded(client, national):
    client.force_login(national)
    upload(client, [HEADER, ["geluk", "2023", "Rotterdam-Zuid", "1"]])
    run = ImportRun.objects.get(created_by=national)
    response = client.get(reverse("monitoring:import-report", args=[run.pk, "csv"]))
    report = b"".join(response.streaming_content).decode("utf-8-sig")
    assert '2;indicator_code;geluk;"Indicatorregel: de indicator is onbekend' in report
    assert client.get(reverse("monitoring:import-report", args=[run.pk, "xlsx"])).status_code == 200
    original = client.get(reverse("monitoring:import-file", args=[run.pk]))
    assert b"".join(original.streaming_content).startswith(b"\xef\xbb\xbfindicator_code;jaar")


def test_another_areas_run_is_a_404_for_a_bureau(client, bureau_a, area_b):
    other = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    run = import_preview(data=csv_bytes([HEADER, ["bijstand", "2023", area_b.slug, "1"]]), name="b.csv", actor=other)
    client.force_login(bureau_a)
    assert client.get(run.get_absolute_url()).status_code == 404
    assert client.post(run.get_absolute_url(), {"action": "load"}).status_code == 404
    assert client.get(reverse("monitoring:import-report", args=[run.pk, "csv"])).status_code == 404


# --- dashboards --------------------------------------------------------------------------------


def test_area_dashboard_chart_and_table_hold_the_database_figures(client, national, area_a):
    load_area_figures(
        national,
        area_a,
        [
            ["lbm_algemeen", "2018", area_a.slug, "70,1"],
            ["lbm_algemeen", "2020", area_a.slug, "66,4"],
            ["lbm_algemeen", "2022", area_a.slug, "61"],
            ["lbm_algemeen", "2024", area_a.slug, "150"],  # refused: a percentage above 100
        ],
    )
    client.force_login(national)
    body = client.get(reverse("monitoring:area-dashboard", args=[area_a.slug])).content.decode()
    assert '<svg class="chart"' in body and 'role="img"' in body
    assert '<desc id="trend-lbm_algemeen-desc">' in body
    table = tables_of(body)["lbm_algemeen"]
    header, rows = table[0], {row[0]: row[1:] for row in table[1:]}
    assert header[1:] == [area_a.name, "Gemiddelde NPLV-gebieden", "Gemiddelde Nederland"]
    stored = {
        (v.scope, v.year): v.value
        for v in IndicatorValue.objects.filter(indicator__code="lbm_algemeen").exclude(
            scope=IndicatorScope.AREA, area__isnull=False, area=None
        )
        if v.area_id in (None, area_a.pk)
    }
    for (scope, year), value in stored.items():
        column = {"area": 0, "nplv": 1, "national": 2}[scope]
        assert dutch(rows[str(year)][column]) == value
    assert "geweigerd" in rows["2024"][0]
    assert rows["2019"][0] == "—"


def test_area_dashboard_is_scoped(client, bureau_a, area_a, area_b):
    client.force_login(bureau_a)
    assert client.get(reverse("monitoring:area-dashboard", args=[area_a.slug])).status_code == 200
    assert client.get(reverse("monitoring:area-dashboard", args=[area_b.slug])).status_code == 404


def test_area_dashboard_query_count_is_fixed(client, national, area_a, django_assert_max_num_queries):
    load_area_figures(national, area_a, [["bijstand", str(year), area_a.slug, "5"] for year in range(2018, 2025)])
    client.force_login(national)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("monitoring:area-dashboard", args=[area_a.slug])).status_code == 200


def test_national_monitor_shows_the_gap_and_refused_figures(client, bureau_a):
    client.force_login(bureau_a)
    body = client.get(reverse("monitor")).content.decode()
    assert "+46,24" in body  # Leefbaarometer 'Algemeen' 2018: 60.35 − 14.11
    assert "geweigerd" in body and "1500" not in body


def test_area_page_shows_the_indicators_of_its_action_lines(client, national, bureau_a, area_a):
    load_area_figures(
        national, area_a, [["bijstand", "2022", area_a.slug, "7,5"], ["bijstand", "2023", area_a.slug, "7"]]
    )
    client.force_login(bureau_a)
    body = client.get(reverse("area-detail", args=[area_a.slug])).content.decode()
    assert 'id="indicators-title"' in body
    rows = {row[0]: row[1:] for row in tables_of(body)["bijstand"][1:]}
    assert rows["2022"][0] == "7,50" and rows["2023"][0] == "7,00"
    assert reverse("monitoring:area-dashboard", args=[area_a.slug]) in body


# --- rendered trends kept per process ----------------------------------------------------------


def test_a_kept_trend_shows_new_figures_at_once(client, national, area_a):
    """The rendered chart and table are kept under a digest of their figures: a new import is a new key."""
    load_area_figures(national, area_a, [["bijstand", "2022", area_a.slug, "5"]])
    client.force_login(national)
    url = reverse("monitoring:area-dashboard", args=[area_a.slug])
    assert tables_of(client.get(url).content.decode())["bijstand"]
    load_area_figures(national, area_a, [["bijstand", "2022", area_a.slug, "7,5"]])
    rows = {row[0]: row[1:] for row in tables_of(client.get(url).content.decode())["bijstand"][1:]}
    assert dutch(rows["2022"][0]) == Decimal("7.5")


def test_a_kept_trend_never_shows_figures_to_a_user_who_may_not_see_them(national, area_a, area_b, rf):
    """The national team's trend holds the area's non-public figure; the same indicator's trend as seen by a
    bureau of another area (which the selector leaves out) is rendered anew, not taken from what was kept."""
    from django.template.loader import render_to_string

    from monitoring.selectors import area_trends

    load_area_figures(national, area_a, [["bijstand", "2022", area_a.slug, "8,25"]])
    assert not IndicatorValue.objects.get(area=area_a, indicator__code="bijstand", year=2022).is_public
    outsider = make_user("bureau_b_trend", Role.PROGRAMME_BUREAU, area=area_b)

    def bijstand(user):
        groups = area_trends(area=area_a, user=user)
        return next(t for g in groups for t in g["trends"] if t.indicator.code == "bijstand")

    def rendered(trend):
        return render_to_string("monitoring/_trend.html", {"trend": trend, "uid": "t-bijstand", "LANGUAGE_CODE": "nl"})

    seen_by_all, seen_by_outsider = bijstand(national), bijstand(outsider)
    assert seen_by_all.fingerprint != seen_by_outsider.fingerprint
    assert "8,25" in rendered(seen_by_all)
    assert "8,25" not in rendered(seen_by_outsider)
    assert "8,25" in rendered(bijstand(national))  # and the national team's is kept, not lost


def test_the_kept_national_table_shows_a_changed_figure_at_once(client, bureau_a):
    client.force_login(bureau_a)
    assert "+46,24" in client.get(reverse("monitor")).content.decode()  # 60.35 − 14.11, now kept
    IndicatorValue.objects.filter(
        indicator__code="lbm_algemeen", scope=IndicatorScope.NPLV, year=2018, area=None, municipality=None
    ).update(value=Decimal("61.35"))
    body = client.get(reverse("monitor")).content.decode()
    assert "+47,24" in body and "+46,24" not in body
