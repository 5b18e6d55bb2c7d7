"""The import service: preview stores nothing, loading is atomic, 'only the good rows' records the rest."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from accounts.models import Role
from monitoring.catalogue import MONITOR_CSV
from monitoring.importer import monitor_import
from monitoring.models import ImportRun, ImportStatus, IndicatorScope, IndicatorValue
from monitoring.services import import_commit, import_discard, import_preview
from tests.conftest import make_user
from tests.monitoring.conftest import csv_bytes, published_corrected

pytestmark = pytest.mark.django_db

HEADER = ["indicator_code", "jaar", "gebied", "waarde"]
GOOD = [HEADER, ["bijstand", "2022", "Rotterdam-Zuid", "8,5"], ["bijstand", "2023", "Rotterdam-Zuid", "8,25"]]
MIXED = GOOD + [["bijstand", "2021", "Rotterdam-Zuid", "n.b.b."], ["geluk", "2021", "Rotterdam-Zuid", "1"]]


def preview(rows, actor, **kwargs):
    return import_preview(data=csv_bytes(rows, delimiter=";"), name="cijfers.csv", actor=actor, **kwargs)


def test_preview_stores_no_figure(national, area_b):
    before = IndicatorValue.objects.count()
    run = preview(MIXED, national)
    assert IndicatorValue.objects.count() == before
    assert run.status == ImportStatus.PREVIEWED and run.problem_count == 2 and run.rows == 4
    assert [(p.line, p.code) for p in run.problems.all()] == [(4, "number"), (5, "indicator")]
    assert run.file.read().startswith(b"indicator_code;jaar")


def test_a_clean_file_loads(national, area_b):
    run = import_commit(run=preview(GOOD, national), actor=national)
    assert run.status == ImportStatus.LOADED and (run.created, run.updated, run.unchanged) == (2, 0, 0)
    value = IndicatorValue.objects.get(indicator__code="bijstand", area=area_b, year=2023)
    assert value.value == Decimal("8.25") and value.import_run == run and value.scope == IndicatorScope.AREA
    assert value.place == f"a{area_b.pk}" and value.source == "cijfers.csv"


def test_any_bad_row_loads_nothing(national, area_b):
    """Atomic: with a bad row the database is unchanged, and the refusal names the rule."""
    before = set(IndicatorValue.objects.values_list("pk", "value"))
    run = preview(MIXED, national)
    with pytest.raises(ValidationError, match="er is niets geladen"):
        import_commit(run=run, actor=national)
    assert set(IndicatorValue.objects.values_list("pk", "value")) == before
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEWED


def test_only_the_good_rows_when_chosen_and_the_rest_recorded(national, area_b):
    run = import_commit(run=preview(MIXED, national), actor=national, only_good_rows=True)
    assert run.status == ImportStatus.PARTLY_LOADED and run.created == 2 and run.refused == 2
    assert IndicatorValue.objects.filter(area=area_b).count() == 2
    assert {p.code for p in run.problems.all()} == {"number", "indicator"}


def test_reloading_counts_updated_and_unchanged(national, area_b):
    import_commit(run=preview(GOOD, national), actor=national)
    changed = [HEADER, ["bijstand", "2022", "Rotterdam-Zuid", "9"], ["bijstand", "2023", "Rotterdam-Zuid", "8,25"]]
    run = import_commit(run=preview(changed, national), actor=national)
    assert (run.created, run.updated, run.unchanged) == (0, 1, 1)
    assert IndicatorValue.objects.get(area=area_b, year=2022, indicator__code="bijstand").value == Decimal("9")


def test_a_refused_figure_does_not_linger_from_an_earlier_import(national, area_b):
    import_commit(run=preview(GOOD, national), actor=national)
    bad = [HEADER, ["bijstand", "2023", "Rotterdam-Zuid", "150"]]
    import_commit(run=preview(bad, national), actor=national, only_good_rows=True)
    assert not IndicatorValue.objects.filter(area=area_b, year=2023, indicator__code="bijstand").exists()


def test_a_run_is_finished_once(national, area_b):
    run = import_commit(run=preview(GOOD, national), actor=national)
    with pytest.raises(ValidationError, match="al afgerond"):
        import_commit(run=run, actor=national)
    with pytest.raises(ValidationError, match="al afgerond"):
        import_discard(run=run, actor=national)


def test_discard_loads_nothing(national, area_b):
    run = import_discard(run=preview(GOOD, national), actor=national)
    assert run.status == ImportStatus.DISCARDED
    assert not IndicatorValue.objects.filter(area=area_b).exists()


def test_commit_checks_again(national, area_b):
    """The catalogue may change between preview and load: the load checks the file again."""
    from monitoring.models import Indicator

    run = preview(GOOD, national)
    Indicator.objects.filter(code="bijstand").update(code="bijstand_oud")
    with pytest.raises(ValidationError):
        import_commit(run=run, actor=national)


def test_bureau_loads_only_its_own_area(bureau_a, area_a, area_b):
    rows = [HEADER, ["bijstand", "2023", area_a.slug, "5"], ["bijstand", "2023", area_b.slug, "5"]]
    run = preview(rows, bureau_a)
    assert run.area == area_a
    assert [(p.line, p.code) for p in run.problems.all()] == [(3, "permission")]
    import_commit(run=run, actor=bureau_a, only_good_rows=True)
    assert IndicatorValue.objects.filter(area=area_a).count() == 1
    assert not IndicatorValue.objects.filter(area=area_b).exists()


def test_bureau_cannot_finish_another_areas_run(bureau_a, area_b):
    other = make_user("bureau_b", Role.PROGRAMME_BUREAU, area=area_b)
    run = preview([HEADER, ["bijstand", "2023", area_b.slug, "5"]], other)
    with pytest.raises(PermissionDenied):
        import_commit(run=run, actor=bureau_a)


def test_other_roles_cannot_import(member_a, reviewer_ocw):
    for user in (member_a, reviewer_ocw):
        with pytest.raises(PermissionDenied):
            preview(GOOD, user)


def test_upload_rules_at_the_service(national):
    with pytest.raises(ValidationError, match="alleen CSV of Excel"):
        import_preview(data=b"%PDF-1.7 ...", name="cijfers.csv", actor=national)
    with pytest.raises(ValidationError, match="hoogstens 10 MB"):
        import_preview(data=b"a;b\n" * (3 * 1024 * 1024), name="cijfers.csv", actor=national)
    assert not ImportRun.objects.filter(created_by=national).exists()


def test_published_file_is_refused_and_loads_once_corrected(national):
    run = import_preview(data=MONITOR_CSV.read_bytes(), name=MONITOR_CSV.name, actor=national)
    assert run.problem_count == 5 and run.bad_rows == 3
    with pytest.raises(ValidationError):
        import_commit(run=run, actor=national)
    run = import_preview(data=published_corrected(), name="gecorrigeerd.csv", actor=national)
    assert run.problem_count == 0
    run = import_commit(run=run, actor=national)
    assert run.status == ImportStatus.LOADED
    nl = IndicatorValue.objects.get(indicator__code="schooladvies_havo_vwo", year=2024, scope=IndicatorScope.NATIONAL)
    assert nl.value == Decimal("15.00")
    assert IndicatorValue.objects.get(indicator__code="inkomen_midden", year=2022, scope="national").value == Decimal(
        "52.16"
    )


# --- the published monitor as reference data ---------------------------------------------------


def test_reference_load_refuses_the_known_errors_and_loads_the_rest(reference_data):
    """Loaded with the reference data: 404 figures; the five cells of the two errors are refused."""
    assert IndicatorValue.objects.filter(scope__in=["nplv", "national"]).count() == 37 * 7 * 2 - 109 - 5
    havo_vwo = IndicatorValue.objects.filter(indicator__code="schooladvies_havo_vwo", year=2024)
    assert list(havo_vwo.values_list("scope", "value")) == [(IndicatorScope.NPLV, Decimal("14.00"))]
    assert not IndicatorValue.objects.filter(indicator__code__startswith="inkomen_", year=2022).exists()
    run = ImportRun.objects.get(created_by=None, file_name=MONITOR_CSV.name)
    assert run.status == ImportStatus.PARTLY_LOADED and run.problems.count() == 5


def test_reference_load_is_idempotent(reference_data):
    runs = ImportRun.objects.count()
    report = monitor_import()
    assert report.loaded == 0 and report.unchanged == 404 and len(report.refused) == 5
    assert ImportRun.objects.count() == runs


def test_load_monitor_command_reports_refusals(reference_data, capsys):
    call_command("load_monitor")
    out = capsys.readouterr().out
    assert "geweigerd: 5" in out and "1500.00" in out


def test_import_indicators_command(national, area_b, tmp_path, capsys):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(csv_bytes(MIXED))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="niets geladen"):
        call_command("import_indicators", str(path), "--user", "national")
    assert not IndicatorValue.objects.filter(area=area_b).exists()
    call_command("import_indicators", str(path), "--user", "national", "--alleen-goede-rijen")
    assert IndicatorValue.objects.filter(area=area_b).count() == 2
    assert "regel 4" in capsys.readouterr().out
