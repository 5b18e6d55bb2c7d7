"""Fixtures shared by every test module."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.models import Ministry, Role, User
from areas.models import Area
from funding.reference import reference_load_all
from nplv import demo, demo_accounting


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Hashing demo passwords with PBKDF2 costs seconds per test; the hasher is not under test here."""
    override = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def _celery_runs_eagerly():
    """Tasks run in the test's own process; only tests marked `service` talk to the real broker."""
    from nplv.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real reference data, loaded once per worker."""
    with django_db_blocker.unblock():
        reference_load_all()


@pytest.fixture
def reference_data(db):
    """The real reference data: 19 municipalities, 20 areas, schemes, themes, illustrative ceilings.

    Loaded once per test database (see `django_db_setup`). A transactional test (live server,
    threads) empties the tables when it ends, so the data is loaded again where it is missing.
    """
    if not Area.objects.filter(is_synthetic=False).exists():
        reference_load_all()


@pytest.fixture
def demo_data(reference_data):
    """Reference data plus demo users, alliances, interventions and applications."""
    demo.demo_users()
    areas = list(Area.objects.select_related("municipality").order_by("name"))
    demo.demo_alliances(areas)
    demo.demo_interventions(areas)
    demo.demo_applications(areas, decided_by=User.objects.get(username="programmateam"))


@pytest.fixture
def accounting_demo(demo_data):
    """The demo plus its accounting (`nplv.demo_accounting`), as `load_demo_data` loads them."""
    areas = list(Area.objects.select_related("municipality").order_by("name"))
    return demo_accounting.demo_accounting(areas, decided_by=User.objects.get(username="programmateam"))


@pytest.fixture
def area_a(reference_data) -> Area:
    return Area.objects.get(slug="amsterdam-nieuw-west")


@pytest.fixture
def area_b(reference_data) -> Area:
    return Area.objects.get(slug="rotterdam-zuid")


def make_user(username: str, role: str, **extra) -> User:
    user = User(username=username, role=role, **extra)
    user.set_password("een-goed-wachtwoord-1")
    user.save()
    return user


@pytest.fixture
def bureau_a(area_a) -> User:
    return make_user("bureau_a", Role.PROGRAMME_BUREAU, area=area_a)


@pytest.fixture
def member_a(area_a) -> User:
    return make_user("member_a", Role.ALLIANCE_MEMBER, area=area_a)


@pytest.fixture
def reviewer_ocw(db) -> User:
    return make_user("reviewer_ocw", Role.MINISTRY_REVIEWER, ministry=Ministry.OCW)


@pytest.fixture
def national(db) -> User:
    return make_user("national", Role.NATIONAL_TEAM)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
