"""PostgreSQL connections run without JIT compilation (issue 14: it cost ~100 ms on the national home)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_runs_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_jit_option_is_only_given_to_postgresql(settings):
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        assert options["options"] == "-c jit=off"
    else:
        assert "options" not in options
