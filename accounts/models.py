"""Who signs in: the user with its role, and the area or ministry the role works for."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from core.models import ScopedQuerySet


class Ministry(models.TextChoices):
    SZW = "SZW", _("Sociale Zaken en Werkgelegenheid (SZW)")
    OCW = "OCW", _("Onderwijs, Cultuur en Wetenschap (OCW)")
    VWS = "VWS", _("Volksgezondheid, Welzijn en Sport (VWS)")
    JENV = "JENV", _("Justitie en Veiligheid (JenV)")
    BZK = "BZK", _("Binnenlandse Zaken en Koninkrijksrelaties (BZK)")
    VRO = "VRO", _("Volkshuisvesting en Ruimtelijke Ordening (VRO)")


class Role(models.TextChoices):
    PROGRAMME_BUREAU = "programme_bureau", _("Programmabureau")
    ALLIANCE_MEMBER = "alliance_member", _("Alliantielid")
    MINISTRY_REVIEWER = "ministry_reviewer", _("Beoordelaar ministerie")
    NATIONAL_TEAM = "national_team", _("Nationaal programmateam")
    ADMIN = "admin", _("Beheerder")


AREA_ROLES = (Role.PROGRAMME_BUREAU, Role.ALLIANCE_MEMBER)
NATIONWIDE_ROLES = (Role.MINISTRY_REVIEWER, Role.NATIONAL_TEAM, Role.ADMIN)


class UserQuerySet(ScopedQuerySet):
    area_path = "area"


class NplvUserManager(UserManager.from_queryset(UserQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """`manage.py createsuperuser` makes a beheerder (admin role): the role needs no area or ministry."""
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. The role says what they see; area or ministry says where."""

    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, default=Role.ALLIANCE_MEMBER)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("gebied")
    )
    ministry = models.CharField(_("ministerie"), max_length=4, choices=Ministry.choices, blank=True)

    objects = NplvUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=[r.value for r in AREA_ROLES]) | Q(area__isnull=False),
                name="user_area_role_has_area",
                violation_error_message=_("Een programmabureau-medewerker of alliantielid hoort bij een gebied."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.MINISTRY_REVIEWER) | ~Q(ministry=""),
                name="user_reviewer_has_ministry",
                violation_error_message=_("Een beoordelaar hoort bij een ministerie."),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role in AREA_ROLES and self.area_id is None:
            raise ValidationError({"area": _("Een programmabureau-medewerker of alliantielid hoort bij een gebied.")})
        if self.role == Role.MINISTRY_REVIEWER and not self.ministry:
            raise ValidationError({"ministry": _("Een beoordelaar hoort bij een ministerie.")})

    def save(self, *args, **kwargs) -> None:
        # The Django admin is the workplace of the nationwide roles; area roles work in the pages.
        self.is_staff = self.is_superuser or self.role in NATIONWIDE_ROLES
        if self.role not in AREA_ROLES:
            self.area = None
        if self.role != Role.MINISTRY_REVIEWER:
            self.ministry = ""
        super().save(*args, **kwargs)

    @property
    def sees_all_areas(self) -> bool:
        return self.is_superuser or self.role in NATIONWIDE_ROLES

    @property
    def is_national(self) -> bool:
        """The national team and the admins: they keep the programme's plumbing (outbox, schedules)."""
        return self.is_superuser or self.role in (Role.NATIONAL_TEAM, Role.ADMIN)


class EnrolmentLink(models.Model):
    """A single-use, time-limited link with which one user links an authenticator app (first 2FA
    enrolment). Issued by an admin; only a hash of the secret in the link is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_links", verbose_name=_("gebruiker")
    )
    token_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("uitgegeven door")
    )
    issued_at = models.DateTimeField(_("uitgegeven op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppellink tweestapsverificatie")
        verbose_name_plural = _("koppellinks tweestapsverificatie")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.issued_at:%d-%m-%Y %H:%M})"
