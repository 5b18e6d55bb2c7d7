"""The monitor importer loads the published table but refuses the figures it can show to be wrong."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from monitoring.importer import check_figures, monitor_import
from monitoring.models import Indicator, IndicatorScope, IndicatorValue

pytestmark = pytest.mark.django_db


def test_published_errors_are_refused_and_named(reference_data):
    """The three known errors of the 2025 report: 1500% HAVO/VWO advice, and the swapped income shares."""
    refused = {(r.code, r.year, r.column): r.rule for r in monitor_import().refused}
    assert set(refused) == {
        ("schooladvies_havo_vwo", 2024, IndicatorScope.NATIONAL),
        ("inkomen_midden", 2022, IndicatorScope.NPLV),
        ("inkomen_hoog", 2022, IndicatorScope.NPLV),
        ("inkomen_midden", 2022, IndicatorScope.NATIONAL),
        ("inkomen_hoog", 2022, IndicatorScope.NATIONAL),
    }
    assert "tussen 0 en 100" in refused[("schooladvies_havo_vwo", 2024, IndicatorScope.NATIONAL)]
    assert "100.83" in refused[("inkomen_hoog", 2022, IndicatorScope.NPLV)]


def test_refused_figures_are_not_loaded_and_the_rest_is(reference_data):
    assert Indicator.objects.count() == 37
    havo_vwo = IndicatorValue.objects.filter(indicator__code="schooladvies_havo_vwo", year=2024)
    assert list(havo_vwo.values_list("scope", "value")) == [(IndicatorScope.NPLV, Decimal("14.00"))]
    assert not IndicatorValue.objects.filter(indicator__code__startswith="inkomen_", year=2022).exists()
    assert IndicatorValue.objects.get(indicator__code="inkomen_midden", year=2023, scope="nplv").value == Decimal(
        "49.20"
    )
    assert IndicatorValue.objects.count() == 37 * 7 * 2 - 109 - 5


def test_import_is_idempotent(reference_data):
    report = monitor_import()
    assert report.loaded == 0 and report.unchanged == 404


def test_a_value_out_of_range_is_refused():
    figures = {("armoede_kinderen", 2024, "nplv"): Decimal("-1"), ("armoede_kinderen", 2023, "nplv"): Decimal("12")}
    assert [(r.code, r.year) for r in check_figures(figures)] == [("armoede_kinderen", 2024)]


def test_parts_of_a_whole_must_add_up_to_100():
    good = {
        ("woningvoorraad_koop", 2024, "nl"): Decimal("57.58"),
        ("woningvoorraad_particuliere_huur", 2024, "nl"): Decimal("13.00"),
        ("woningvoorraad_corporatie_huur", 2024, "nl"): Decimal("29.42"),
    }
    assert check_figures(good) == []
    bad = {**good, ("woningvoorraad_koop", 2024, "nl"): Decimal("67.58")}
    refusals = check_figures(bad)
    assert len(refusals) == 3 and "110.00" in refusals[0].rule


def test_more_high_than_middle_incomes_is_refused():
    figures = {
        ("inkomen_midden", 2020, "national"): Decimal("9.39"),
        ("inkomen_hoog", 2020, "national"): Decimal("18.88"),
    }
    assert len(check_figures(figures)) == 2


def test_command_reports_refusals(reference_data, capsys):
    call_command("load_monitor")
    out = capsys.readouterr().out
    assert "geweigerd: 5" in out and "schooladvies_havo_vwo 2024 NL = 1500.00" in out
