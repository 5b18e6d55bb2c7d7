import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
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


def client_ip(request) -> str | None:
    """The client's address, for the login lockout (django-axes `AXES_CLIENT_IP_CALLABLE`).

    Behind `NPLV_TRUSTED_PROXY_COUNT` reverse proxies (the documented TLS proxy is one), each proxy
    appends the address it received the request from to `X-Forwarded-For`; the client is the entry
    that the outermost trusted proxy appended: the n-th from the right. Entries further left are
    whatever the client sent and are ignored, so no one can pick the address that gets locked.
    Without trusted proxies the header is ignored altogether and `REMOTE_ADDR` counts.
    """
    count = getattr(settings, "NPLV_TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote


class SessionIdleTimeoutMiddleware:
    """End a session after `NPLV_SESSION_IDLE_MINUTES` without a request (the 8-hour cap stays)."""

    KEY = "nplv_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.NPLV_SESSION_IDLE_MINUTES * 60:
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": gettext("Uw sessie is verlopen; log opnieuw in.")}, status=401)
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.get_full_path()}")
            if last is None or now - last > 60:  # write the session at most once a minute
                request.session[self.KEY] = now
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The browser features this app never uses are switched off for it and anything it embeds."""

    POLICY = (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.POLICY)
        return response


class WorklistCountMiddleware:
    """Forget the remembered number of open tasks after a successful POST: something was done, so the
    count in the navigation may be wrong until the home page counts again (see nplv.worklist)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and response.status_code < 400:
            from .worklist import forget_count

            forget_count(request)
        return response
