"""Settings: production is safe (`check --deploy` clean), accounts lock after failed logins."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 10 + "-production-key-that-is-long-and-random-enough-1234567890",
        "DJANGO_ALLOWED_HOSTS": "nplv.example.nl",
        "NPLV_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' process, never in deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_DEBUG": "0", "NPLV_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_security_headers(client, reference_data):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_account_locks_after_repeated_failed_logins(client, bureau_a, settings):
    """After AXES_FAILURE_LIMIT wrong passwords even the right one is refused, with a Dutch page."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "bureau_a", "password": "fout"})
    response = client.post(reverse("login"), {"username": "bureau_a", "password": "een-goed-wachtwoord-1"})
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_gives_a_dutch_error(client, bureau_a):
    response = client.post(reverse("login"), {"username": "bureau_a", "password": "fout"})
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()


@pytest.mark.django_db
def test_dutch_even_for_an_english_browser(client, reference_data):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="sessions live in the cache only with REDIS_URL (CI)")
def test_with_redis_a_page_reads_its_session_from_the_cache_and_a_logout_ends_it_everywhere(client):
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_user

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    client.force_login(make_user("sessie", "national_team"))
    client.get("/gebieden/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/gebieden/").status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()  # written through to the database
    client.post("/uitloggen/")
    assert not Session.objects.filter(session_key=key).exists()
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is None
    assert client.get("/gebieden/").status_code == 302
