"""API glue: one exception handler that turns domain errors into 400 / 403 with the rule's message."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
            if "__all__" in detail:
                detail["non_field_errors"] = detail.pop("__all__")
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


class CachedSchemaView(SpectacularAPIView):
    """The OpenAPI schema, generated and rendered once per process, language and format instead of on every
    request.

    The schema depends only on the code (it is public: `SERVE_PUBLIC`), so it is the same until the
    next deployment, which starts new processes. Rendering (YAML by default, or JSON) costs more than
    sending the bytes, so the rendered body is kept too, per negotiated format.
    """

    _cache: dict[tuple, dict] = {}
    _rendered: dict[tuple, bytes] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        schema = self._cache.get(key)
        if schema is None:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            schema = self._cache[key] = generator.get_schema(request=request, public=self.serve_public)
        renderer, media_type = request.accepted_renderer, request.accepted_media_type
        rendered_key = (*key, renderer.format, media_type)
        body = self._rendered.get(rendered_key)
        if body is None:
            body = self._rendered[rendered_key] = renderer.render(schema, media_type, self.get_renderer_context())
        response = HttpResponse(
            body, content_type=f"{media_type}; charset={renderer.charset}" if renderer.charset else media_type
        )
        response["Content-Disposition"] = f'inline; filename="{self._get_filename(request, version)}"'
        return response
