"""The weekly digest: one e-mail per user with open tasks, only from what the user may see."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from accounts.models import Role
from funding.models import ApplicationStatus
from reports import digest
from tests.conftest import make_user

from .factories import ApplicationFactory, LineFactory

pytestmark = pytest.mark.django_db
WEEK, MONDAY = "2026-W10", date(2026, 3, 2)


@pytest.fixture
def drafts(area_a, area_b, scheme):
    return (
        ApplicationFactory(area=area_a, scheme=scheme, status=ApplicationStatus.DRAFT, reference="A-CONCEPT"),
        ApplicationFactory(area=area_b, scheme=scheme, status=ApplicationStatus.DRAFT, reference="B-CONCEPT"),
    )


def test_digest_lists_only_the_users_own_area(drafts, area_a, bureau_b):
    bureau_a = make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a, email="a@example.nl")
    labels_a = [t["label"] for t in digest.tasks_of(bureau_a)]
    assert any("A-CONCEPT" in label for label in labels_a)
    assert not any("B-CONCEPT" in label for label in labels_a)


def test_reviewer_sees_lines_of_own_ministry_waiting_for_advice(area_a, scheme, themes):
    reviewer = make_user("rev", Role.MINISTRY_REVIEWER, ministry=themes[1].ministry or "OCW", email="r@example.nl")
    application = ApplicationFactory(
        area=area_a, scheme=scheme, status=ApplicationStatus.SUBMITTED, reference="A-INGEDIEND"
    )
    mine = [t for t in themes if t.ministry == reviewer.ministry]
    others = [t for t in themes if t.ministry and t.ministry != reviewer.ministry]
    LineFactory(application=application, theme=mine[0])
    LineFactory(application=application, theme=others[0])
    [task] = digest.tasks_of(reviewer)
    assert "A-INGEDIEND: 1 regels" in task["label"]


def test_digest_sent_once_per_user_per_week(drafts, area_a, bureau_b):
    make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a, email="a@example.nl")
    make_user("no_mail", Role.PROGRAMME_BUREAU, area=area_a)
    assert digest.digest_send(week=WEEK, week_start=MONDAY) == 2
    assert digest.digest_send(week=WEEK, week_start=MONDAY) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nl", "bureau_b@example.nl"]
    body_a = next(m.body for m in mail.outbox if m.to == ["a@example.nl"])
    assert "A-CONCEPT" in body_a and "B-CONCEPT" not in body_a
    assert digest.digest_send(week="2026-W11", week_start=date(2026, 3, 9)) == 2


def my_tasks(*, user):
    return [{"label": f"Taak voor {user.username}", "url": "/"}]


def test_digest_asks_the_configured_selector(settings, area_a):
    """The 'my tasks' selector of another app can take the default's place by a setting."""
    settings.NPLV_DIGEST_TASKS = "tests.reports.test_digest.my_tasks"
    user = make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a, email="a@example.nl")
    assert digest.tasks_of(user) == [{"label": "Taak voor bureau_a", "url": "/"}]
