"""Demo area figures load through the importer, with one figure refused on purpose; once only."""

import pytest

from monitoring.models import ImportRun, ImportStatus, IndicatorValue
from nplv import demo
from nplv.demo_monitoring import DEMO_FILE, demo_indicator_figures

pytestmark = pytest.mark.django_db


def test_demo_figures_load_once_with_one_refusal(reference_data):
    demo.demo_users()
    assert demo_indicator_figures() > 0
    run = ImportRun.objects.get(file_name=DEMO_FILE)
    assert run.status == ImportStatus.PARTLY_LOADED
    assert [p.code for p in run.problems.all()] == ["range"]
    assert IndicatorValue.objects.filter(scope="area").values("area").distinct().count() == 20
    assert demo_indicator_figures() == 0
