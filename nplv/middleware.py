from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext


class DutchUnlessChosenMiddleware:
    """Serve Dutch unless the user picked another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; for a Dutch government
    service the default is Dutch, and English is a choice (stored in the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RefuseNulBytesMiddleware:
    """A NUL byte in a query parameter or a submitted field is a 400, never a database error.

    PostgreSQL refuses NUL in text ("A string literal cannot contain NUL characters") with a 500;
    no legitimate form, filter or JSON field contains one. Files in a multipart upload are not read.
    """

    JSON_NUL = (b"\\u0000", b"\x00")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = gettext("Ongeldige invoer: de aanvraag bevat een NUL-teken.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def _has_nul(self, request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return True
        if request.method in ("POST", "PUT", "PATCH"):
            content_type = request.META.get("CONTENT_TYPE", "")
            if content_type.startswith("application/json"):
                return any(marker in request.body for marker in self.JSON_NUL)
            if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
                return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
        return False
