"""`require`: the one permission check of the services."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from core.permissions import require
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_require_passes_with_the_permission_and_refuses_without(area_a, area_b):
    """The named permission decides (the same django-rules predicate as pages, API and admin)."""
    bureau = make_user("bureau_req", Role.PROGRAMME_BUREAU, area=area_a)
    require(bureau, "areas.edit_in_area", area_a)
    with pytest.raises(PermissionDenied, match="Alleen uw eigen gebied"):
        require(bureau, "areas.edit_in_area", area_b, message="Alleen uw eigen gebied.")


def test_require_has_a_dutch_default_message_and_refuses_no_actor(area_a):
    member = make_user("member_req", Role.ALLIANCE_MEMBER, area=area_a)
    with pytest.raises(PermissionDenied, match="U heeft geen toestemming voor deze handeling."):
        require(member, "areas.edit_in_area", area_a)
    with pytest.raises(PermissionDenied):
        require(None, "areas.edit_in_area", area_a)


def test_the_predicate_decides_for_a_superuser_too(db):
    """A superuser without an area is not a programme bureau: the rule refuses the copy it cannot make."""
    root = make_user("root_req", Role.ADMIN, is_superuser=True)
    with pytest.raises(PermissionDenied):
        require(root, "interventions.copy_intervention")
