"""Two-factor login (TOTP, django-otp) for the nationwide roles: reviewers, the national team, admins.

They work in the Django admin on every area's money, so a password alone is not enough. After the
password they confirm a six-digit code from an authenticator app; the first time they link the app
by scanning a QR code. `NPLV_REQUIRE_2FA` switches it on (default: on whenever DEBUG is off, so in
production; `make run` and the test suite leave it off unless a test turns it on).

The first enrolment needs more than the password: a single-use link, valid for
`ENROLMENT_LINK_HOURS`, that an admin issues (`enrolment_link_issue`, the admin, or
`manage.py two_factor_enrolment_link <username>` for the very first admin). Someone who has only
stolen a password cannot link their own app.

Programme-bureau staff and alliance members are not asked for a second factor: they see one area.
API calls with a token are not affected (a token is issued deliberately, per person); a session
call to the API by an unconfirmed nationwide user gets a 403 with the reason.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import NATIONWIDE_ROLES, EnrolmentLink, Role

ENROLMENT_LINK_HOURS = 24
ENROLMENT_SESSION_KEY = "nplv_enrolment_link"

EXEMPT_PREFIXES = ("/tweestaps/", "/uitloggen/", "/inloggen/", "/static/", "/i18n/")


def second_factor_required(user) -> bool:
    if not getattr(settings, "NPLV_REQUIRE_2FA", False):
        return False
    return user.is_authenticated and (user.is_superuser or user.role in NATIONWIDE_ROLES)


class SecondFactorMiddleware:
    """Send a nationwide user who has not confirmed a code yet to the code page (after OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if second_factor_required(user) and not user.is_verified() and not request.path.startswith(EXEMPT_PREFIXES):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Bevestig eerst uw inlog met een code uit uw authenticator-app.")}, status=403
                )
            target = "two-factor-verify" if confirmed_device(user) else "two-factor-setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code uit de authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("home")
    return target


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def enrolment_link_issue(*, user, actor) -> str:
    """A new enrolment link for `user` (earlier unused links stop working); returns its path.

    Only an admin issues links; `actor=None` is the command line of the server (the first admin)."""
    if actor is not None and not (actor.is_active and (actor.is_superuser or actor.role == Role.ADMIN)):
        raise PermissionDenied(_("Alleen een beheerder geeft een koppellink uit."))
    if actor is not None and user.is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("Alleen een superuser maakt of wijzigt een superuser."))
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    EnrolmentLink.objects.create(
        user=user, token_hash=_hash(token), issued_by=actor, expires_at=now + timedelta(hours=ENROLMENT_LINK_HOURS)
    )
    return reverse("two-factor-enrol", kwargs={"token": token})


def _valid_link(user, *, token: str | None = None, pk: int | None = None) -> EnrolmentLink | None:
    links = EnrolmentLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
    if token is not None:
        return links.filter(token_hash=_hash(token)).first()
    return links.filter(pk=pk).first() if pk else None


@login_required
def enrol(request, token: str):
    """Open an enrolment link (after the password): this session may now link an app, once."""
    link = _valid_link(request.user, token=token)
    if link is None:
        return render(request, "registration/two_factor_no_link.html", {"invalid": True}, status=403)
    request.session[ENROLMENT_SESSION_KEY] = link.pk
    return redirect("two-factor-setup")


@login_required
def setup(request):
    """Link an authenticator app: show the QR code of a new (unconfirmed) device, confirm it with a code.

    Only in a session that opened a valid enrolment link."""
    if confirmed_device(request.user):
        return redirect(f"{reverse('two-factor-verify')}?next={_next(request)}")
    link = _valid_link(request.user, pk=request.session.get(ENROLMENT_SESSION_KEY))
    if link is None:
        return render(request, "registration/two_factor_no_link.html", {"invalid": False}, status=403)
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            EnrolmentLink.objects.filter(pk=link.pk).update(used_at=timezone.now())
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Neem de code die de app nu toont."))
    # The SVG is generated here from the device's own key, never from user input.
    qr = mark_safe(qr_svg(device.config_url))  # noqa: S308
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next(request)},
    )


@login_required
def verify(request):
    """Confirm this login with a code from the linked app."""
    if not confirmed_device(request.user):
        return redirect(f"{reverse('two-factor-setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Na te veel foute codes moet u even wachten."))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)})
