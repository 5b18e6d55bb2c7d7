"""The mechanisms every app's models share: area scoping (`visible_to`) and the transition log.

`core` names no other app of this project. It knows a user only as `settings.AUTH_USER_MODEL` (the
swappable user, as Django's own admin log does) and through `user.sees_all_areas`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .money import MONEY  # noqa: F401  (re-exported: one MONEY field definition for every app)


class ScopedQuerySet(models.QuerySet):
    """A QuerySet that knows the path from its model to `Area`.

    `visible_to(user)` is where every read starts: area roles see their own area, nationwide roles
    (reviewers, the national team, admins) see all areas. Subclasses narrow it further where a role
    sees less (a reviewer sees only the lines of its own ministry's themes).
    """

    area_path = "area"

    def visible_to(self, user) -> ScopedQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if getattr(user, "sees_all_areas", False):
            return self
        if user.area_id is None:
            return self.none()
        return self.filter(**{self.area_path: user.area_id})

    def in_area(self, area) -> ScopedQuerySet:
        return self.filter(**{self.area_path: area})


class ReferenceQuerySet(models.QuerySet):
    """Reference data (action lines, schemes, themes, indicators): the same for everyone signed in."""

    def visible_to(self, user) -> ReferenceQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self


# ---------------------------------------------------------------------------------------------
# Places


class TransitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> TransitionQuerySet:
        """The log as a whole is for nationwide roles; area users read it per object (`transitions_of`)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self if user.sees_all_areas else self.none()


class Transition(models.Model):
    """One state change of any workflow object. Written only by `core.workflow.record_transition`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    source = models.CharField(_("van"), max_length=30)
    target = models.CharField(_("naar"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), auto_now_add=True)
    comment = models.TextField(_("toelichting"), blank=True)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


# ---------------------------------------------------------------------------------------------
# Outbox: every e-mail, written in the transaction of the step that causes it


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verzonden")
    FAILED = "failed", _("Mislukt")


class OutboxQuerySet(models.QuerySet):
    def visible_to(self, user) -> OutboxQuerySet:
        """E-mails name their recipients and subjects: only the national team and the admins see the outbox."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        return self if getattr(user, "is_national", False) else self.none()


class OutboxMessage(models.Model):
    """One e-mail to one recipient. Written with `core.outbox.enqueue` inside the step's transaction,
    sent after the commit by `core.tasks.outbox_send`; failures are retried with backoff and stay
    visible (status, attempts, last error) to the national team in the admin."""

    recipient = models.EmailField(_("ontvanger"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
