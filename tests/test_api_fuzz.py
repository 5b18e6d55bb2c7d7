"""Schemathesis against the OpenAPI schema (issue 9): generated requests to every operation, as two
roles (an area's programme bureau and the national team), may be refused with 4xx but never give a
server error. Bounded: a few examples per operation, no shrinking, so the suite stays fast."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from accounts.models import Role, User
from areas.models import Area
from tests.conftest import make_user

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
APP = WSGIHandler()


@pytest.fixture
def tokens(reference_data) -> dict[str, str]:
    bureau = make_user("fuzz_bureau", Role.PROGRAMME_BUREAU, area=Area.objects.get(slug="amsterdam-nieuw-west"))
    national = User.objects.filter(username="fuzz_national").first() or make_user("fuzz_national", Role.NATIONAL_TEAM)
    return {role: Token.objects.create(user=user).key for role, user in (("bureau", bureau), ("national", national))}


@pytest.mark.django_db(transaction=False)
@schema.parametrize()
@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_errors(case, tokens):
    # Like Django's test client: the test's database connection (and its transaction) stays open
    # between requests; a bare WSGI handler would close it when each request finishes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for key in tokens.values():
            response = case.call(app=APP, headers={"Authorization": f"Token {key}"})
            case.validate_response(response, checks=(not_a_server_error,))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
