"""Logins are kept by admins only, through `accounts.services`, with the model's rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.models import Role, User
from tests.factories import UserFactory, area_named

pytestmark = pytest.mark.django_db


def test_only_an_admin_saves_a_user(reference_data):
    """A national-team member cannot create a login; an admin can."""
    new = User(username="nieuw", role=Role.PROGRAMME_BUREAU, area=area_named())
    new.set_password("een-goed-wachtwoord-1")
    with pytest.raises(PermissionDenied):
        services.user_save(user=new, actor=UserFactory(national_team=True))
    assert not User.objects.filter(username="nieuw").exists()
    services.user_save(user=new, actor=UserFactory(admin=True))
    assert User.objects.get(username="nieuw").area == area_named()


def test_user_rules_are_checked(reference_data):
    """An area role without an area is refused, naming the rule."""
    user = User(username="zonder-gebied", role=Role.ALLIANCE_MEMBER, password="x")
    with pytest.raises(ValidationError, match="hoort bij een gebied"):
        services.user_save(user=user, actor=UserFactory(admin=True))


def test_only_a_superuser_makes_a_superuser(reference_data):
    user = User(username="te-machtig", role=Role.ADMIN, is_superuser=True, password="x")
    with pytest.raises(PermissionDenied):
        services.user_save(user=user, actor=UserFactory(admin=True))
    services.user_save(user=user, actor=UserFactory(superuser=True))
    assert User.objects.get(username="te-machtig").is_superuser


def test_an_admin_does_not_delete_their_own_login(reference_data):
    admin = UserFactory(admin=True)
    with pytest.raises(ValidationError, match="eigen account"):
        services.user_delete(user=admin, actor=admin)
    other = UserFactory(national_team=True)
    with pytest.raises(PermissionDenied):
        services.user_delete(user=admin, actor=other)
    services.user_delete(user=other, actor=admin)
    assert not User.objects.filter(pk=other.pk).exists()


def test_user_admin_saves_through_the_service(client, reference_data):
    """A refused rule in the user admin is a form error, not a 500, and nothing is saved."""
    from django.urls import reverse

    from tests.admin_forms import form_data

    admin = UserFactory(admin=True)
    client.force_login(admin)
    url = reverse("admin:accounts_user_add")
    data = {
        **form_data(client.get(url).content.decode()),
        "username": "te-machtig",
        "password1": "een-goed-wachtwoord-1",
        "password2": "een-goed-wachtwoord-1",
        "role": Role.ALLIANCE_MEMBER,
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "hoort bij een gebied" in response.content.decode()
    assert not User.objects.filter(username="te-machtig").exists()
    response = client.post(url, {**data, "area": area_named().pk})
    assert response.status_code == 302
    assert User.objects.get(username="te-machtig").area == area_named()


def test_an_admin_does_not_take_over_a_superuser(client, reference_data):
    """A non-superuser admin cannot change a superuser's login or password, nor delete it."""
    from django.urls import reverse

    superuser = UserFactory(superuser=True)
    admin = UserFactory(admin=True)
    with pytest.raises(PermissionDenied):
        services.user_delete(user=superuser, actor=admin)
    client.force_login(admin)
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])
    response = client.post(password, {"password1": "overgenomen-123", "password2": "overgenomen-123"})
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert not superuser.check_password("overgenomen-123")
