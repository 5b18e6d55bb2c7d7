"""Login hardening (issue 9, rule 7): enrolment links, lockout per username and address, idle sessions,
password change, Permissions-Policy, the API schema behind a login, 401 with WWW-Authenticate."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentLink, Role
from accounts.two_factor import enrolment_link_issue
from nplv.middleware import SessionIdleTimeoutMiddleware, client_ip
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "een-goed-wachtwoord-1"


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def admin_user(db):
    return make_user("beheer_login", Role.ADMIN, is_superuser=True)


def test_first_enrolment_needs_a_link_from_an_admin(client, settings, reviewer_ocw, admin_user, reference_data):
    settings.NPLV_REQUIRE_2FA = True
    client.force_login(reviewer_ocw)
    response = client.get(reverse("two-factor-setup"))
    assert response.status_code == 403 and "koppellink" in response.content.decode().lower()
    assert not TOTPDevice.objects.filter(user=reviewer_ocw).exists()
    with pytest.raises(PermissionDenied):
        enrolment_link_issue(user=reviewer_ocw, actor=make_user("nt", Role.NATIONAL_TEAM))
    link = enrolment_link_issue(user=reviewer_ocw, actor=admin_user)
    assert client.get(link).status_code == 302
    page = client.get(reverse("two-factor-setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=reviewer_ocw, confirmed=False)
    assert client.post(reverse("two-factor-setup"), {"token": code(device), "next": "/"}).status_code == 302
    assert EnrolmentLink.objects.get().used_at is not None
    # Single use: the same link does not work again (for instance after an admin removed the device).
    TOTPDevice.objects.filter(user=reviewer_ocw).delete()
    assert client.get(link).status_code == 403


def test_enrolment_link_of_another_user_or_expired_does_not_work(client, settings, reviewer_ocw, national):
    settings.NPLV_REQUIRE_2FA = True
    link = enrolment_link_issue(user=national, actor=None)
    client.force_login(reviewer_ocw)
    assert client.get(link).status_code == 403
    own = enrolment_link_issue(user=reviewer_ocw, actor=None)
    EnrolmentLink.objects.filter(user=reviewer_ocw).update(expires_at="2000-01-01T00:00:00Z")
    assert client.get(own).status_code == 403


def test_enrolment_link_command_for_the_first_admin(capsys, admin_user):
    call_command("two_factor_enrolment_link", admin_user.username)
    assert "/tweestaps/koppelen/" in capsys.readouterr().out
    assert EnrolmentLink.objects.filter(user=admin_user, issued_by=None).exists()


def test_lockout_counts_username_and_address_together(client, settings, bureau_a, member_a):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": bureau_a.username, "password": "fout"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post(
        reverse("login"), {"username": bureau_a.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code in (403, 429)
    # The same user from another address, and another user from the attacker's address, still get in.
    other_address = client.post(
        reverse("login"), {"username": bureau_a.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert other_address.status_code == 302
    client.logout()
    other_user = client.post(
        reverse("login"), {"username": member_a.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert other_user.status_code == 302


def test_client_address_behind_the_trusted_proxy(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="172.16.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.NPLV_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "172.16.0.9"  # without a trusted proxy the header is not believed
    settings.NPLV_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # what the proxy saw, not what the client claimed
    settings.NPLV_TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "172.16.0.9"


def test_session_ends_after_inactivity(client, bureau_a, settings, reference_data):
    settings.NPLV_SESSION_IDLE_MINUTES = 30
    client.force_login(bureau_a)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SessionIdleTimeoutMiddleware.KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert client.get("/api/v1/areas/").status_code == 401


def test_area_user_changes_own_password(client, bureau_a, reference_data):
    client.force_login(bureau_a)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Wachtwoord wijzigen" in page.content.decode()
    refused = client.post(
        reverse("password_change"),
        {"old_password": "fout", "new_password1": "nieuw-en-lang-genoeg-7", "new_password2": "nieuw-en-lang-genoeg-7"},
    )
    assert refused.status_code == 200
    done = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "nieuw-en-lang-genoeg-7",
            "new_password2": "nieuw-en-lang-genoeg-7",
        },
    )
    assert done.status_code == 302
    bureau_a.refresh_from_db()
    assert bureau_a.check_password("nieuw-en-lang-genoeg-7")


def test_permissions_policy_header(client, reference_data):
    response = client.get(reverse("login"))
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_schema_and_docs_need_a_login(client, bureau_a, reference_data):
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code == 302
    assert client.get("/api/redoc/").status_code == 302
    client.force_login(bureau_a)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_unauthenticated_api_call_is_401_with_www_authenticate(client, reference_data):
    response = client.get("/api/v1/areas/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_admin_issues_enrolment_links_from_the_user_admin(client, admin_user, reviewer_ocw, national):
    client.force_login(admin_user)
    changelist = reverse("admin:accounts_user_changelist")
    response = client.post(
        changelist, {"action": "issue_enrolment_link", "_selected_action": [reviewer_ocw.pk, national.pk]}
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert page.count("/tweestaps/koppelen/") == 2
    assert EnrolmentLink.objects.filter(user__in=[reviewer_ocw, national], issued_by=admin_user).count() == 2
    link = next(url for user, url in response.context["links"] if user == reviewer_ocw)
    client.force_login(reviewer_ocw)
    assert client.get(link).status_code == 302  # the link works for its own user, after the password


def test_only_an_admin_may_issue_enrolment_links_and_a_superuser_only_to_a_superuser(client, admin_user, national):
    client.force_login(national)
    changelist = reverse("admin:accounts_user_changelist")
    client.post(changelist, {"action": "issue_enrolment_link", "_selected_action": [national.pk]})
    assert not EnrolmentLink.objects.exists()
    beheerder = make_user("beheer_gewoon", Role.ADMIN)
    client.force_login(beheerder)
    response = client.post(
        changelist, {"action": "issue_enrolment_link", "_selected_action": [admin_user.pk]}, follow=True
    )
    assert "Alleen een superuser" in response.content.decode()
    assert not EnrolmentLink.objects.exists()
