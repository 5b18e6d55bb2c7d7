"""Two people at the same moment: real threads, real row locks (PostgreSQL; SQLite has none to test)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.db.models import Sum

from funding import services
from funding.models import Application, ApplicationStatus, Ceiling, GrantDecision

from .conftest import add_line

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and serialises writers, so there is no race to test",
    ),
]


def run_together(*jobs) -> list:
    """Start the jobs at the same moment in their own threads (own connections); return result or error."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each side got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("attempt", range(5))
def test_two_people_adding_and_submitting_never_exceed_a_ceiling(
    attempt, area_a, scheme, themes, bureau_a, endorsement
):
    """Each adds a line that fits alone, not together, and submits: a submitted application stays within."""
    theme = themes["jonge-kind"]
    ceiling = Ceiling.objects.get(area=area_a, theme=theme).amount
    application = services.application_create(area=area_a, scheme=scheme, actor=bureau_a)
    share = (ceiling * Decimal("0.6")).quantize(Decimal("0.01"))

    def add_and_submit(year):
        def job():
            add_line(application, bureau_a, theme, year=year, amount=str(share))
            return services.application_submit(application=application, actor=bureau_a, endorsement=endorsement)

        return job

    results = run_together(add_and_submit(2026), add_and_submit(2027))
    assert all(isinstance(r, Application | ValidationError) for r in results), results
    application.refresh_from_db()
    total = application.lines.filter(theme=theme).aggregate(total=Sum("amount"))["total"]
    if application.status == ApplicationStatus.SUBMITTED:
        assert total <= ceiling
        assert sum(isinstance(r, Application) for r in results) == 1
    else:
        assert application.status == ApplicationStatus.DRAFT and total == 2 * share


@pytest.mark.parametrize("attempt", range(3))
def test_a_line_added_while_submitting_never_slips_in(attempt, area_a, scheme, themes, bureau_a, endorsement):
    theme = themes["jonge-kind"]
    ceiling = Ceiling.objects.get(area=area_a, theme=theme).amount
    application = services.application_create(area=area_a, scheme=scheme, actor=bureau_a)
    add_line(application, bureau_a, theme, year=2026, amount=str(ceiling - 10))
    results = run_together(
        lambda: services.application_submit(application=application, actor=bureau_a, endorsement=endorsement),
        lambda: add_line(application, bureau_a, theme, year=2027, amount="20.00"),
    )
    application.refresh_from_db()
    total = application.lines.aggregate(total=Sum("amount"))["total"]
    if application.status == ApplicationStatus.SUBMITTED:
        assert total <= ceiling and isinstance(results[1], ValidationError)
    else:
        assert isinstance(results[0], ValidationError) and total == ceiling + 10


@pytest.mark.parametrize("attempt", range(3))
def test_two_deciders_at_once_make_exactly_one_decision(attempt, reviewed, national, national2):
    results = run_together(
        lambda: services.application_decide(application=reviewed, actor=national),
        lambda: services.application_decide(application=reviewed, actor=national2),
    )
    assert GrantDecision.objects.filter(application=reviewed).count() == 1
    assert sum(isinstance(r, GrantDecision) for r in results) == 1
    assert sum(isinstance(r, ValidationError | PermissionDenied) for r in results) == 1, results
