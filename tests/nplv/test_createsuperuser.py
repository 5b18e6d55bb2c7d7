"""`manage.py createsuperuser` works: the first admin of a production install (issue 9, rule 5)."""

import pytest
from django.core.management import call_command

from accounts.models import Role, User


@pytest.mark.django_db
def test_createsuperuser_makes_a_beheerder(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-heel-goed-wachtwoord-9")
    call_command("createsuperuser", interactive=False, username="eerste", email="beheer@example.nl")
    user = User.objects.get(username="eerste")
    assert (user.role, user.is_superuser, user.is_staff, user.area_id) == (Role.ADMIN, True, True, None)
    assert user.check_password("een-heel-goed-wachtwoord-9")
