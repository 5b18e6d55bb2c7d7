"""The reports demo data: made once, finished, with files."""

import pytest

from nplv.demo_reports import demo_reports
from reports.models import BudgetSnapshot, ReportRun

pytestmark = pytest.mark.django_db


def test_demo_reports_are_made_once(reference_data):
    assert demo_reports() == 3
    assert demo_reports() == 0
    assert set(ReportRun.objects.values_list("kind", "status")) == {
        ("budget_snapshot", "done"),
        ("area_quarterly", "done"),
    }
    assert ReportRun.objects.filter(kind="area_quarterly", files__format="pdf").count() == 2
    assert BudgetSnapshot.objects.exists()
