"""The OpenAPI schema is generated once per process and language, then served from memory."""

from unittest import mock

import pytest
from drf_spectacular.generators import SchemaGenerator

from nplv.api import CachedSchemaView

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    CachedSchemaView._cache.clear()
    CachedSchemaView._rendered.clear()
    yield
    CachedSchemaView._cache.clear()
    CachedSchemaView._rendered.clear()


def test_schema_is_generated_once(client, national):
    client.force_login(national)
    with mock.patch.object(SchemaGenerator, "get_schema", autospec=True, side_effect=SchemaGenerator.get_schema) as gen:
        first = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        second = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert first.status_code == second.status_code == 200
    assert gen.call_count == 1
    assert first.json() == second.json()
    assert "/api/v1/interventions/" in first.json()["paths"]


def test_schema_is_cached_per_language_and_keeps_the_format(client, national):
    client.force_login(national)
    yaml = client.get("/api/schema/")
    english = client.get("/api/schema/?lang=en", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert yaml.status_code == english.status_code == 200
    assert yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.content.startswith(b"openapi:")
    assert len(CachedSchemaView._cache) == 2


def test_the_rendered_schema_is_kept_per_format(client, national):
    from drf_spectacular.renderers import OpenApiYamlRenderer

    client.force_login(national)
    with mock.patch.object(
        OpenApiYamlRenderer, "render", autospec=True, side_effect=OpenApiYamlRenderer.render
    ) as render:
        first = client.get("/api/schema/")
        second = client.get("/api/schema/")
    assert render.call_count == 1
    assert first.content == second.content and first.content.startswith(b"openapi:")
    assert first["Content-Type"] == second["Content-Type"]
    assert first["Content-Disposition"].startswith("inline; filename=")
    json_body = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert json_body["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert json_body.json()["openapi"].startswith("3.")
    assert len(CachedSchemaView._rendered) == 2
