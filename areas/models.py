"""The places everything is scoped by: municipalities, the 20 areas and the four lines of action."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ReferenceQuerySet, ScopedQuerySet


class MunicipalityQuerySet(ScopedQuerySet):
    area_path = "areas"

    def visible_to(self, user):
        return super().visible_to(user).distinct()


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode is GM gevolgd door vier cijfers."))],
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="municipality_cbs_code_format"),
        ]

    def __str__(self) -> str:
        return self.name


class ResidentRepresentation(models.TextChoices):
    AT_TABLE = "at_table", _("Bewoners aan tafel")
    INDIRECT = "indirect", _("Indirect via professionals")
    NONE = "none", _("(Nog) niet")


class AreaQuerySet(ScopedQuerySet):
    area_path = "pk"


class Area(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=100, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="areas", verbose_name=_("gemeente")
    )
    residents = models.PositiveIntegerField(_("inwoners (1 januari 2025)"))
    programme_name = models.CharField(_("lokale programmanaam"), max_length=150, blank=True)
    resident_representation = models.CharField(
        _("bewonersvertegenwoordiging"),
        max_length=20,
        choices=ResidentRepresentation.choices,
        default=ResidentRepresentation.NONE,
    )
    is_synthetic = models.BooleanField(
        _("synthetisch"), default=False, help_text=_("Gegenereerd voor benchmarks; geen echt NPLV-gebied.")
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("area-detail", kwargs={"slug": self.slug})


class ActionLine(models.Model):
    """The four lines of action (actielijnen) that classify interventions and indicators."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1) & Q(number__lte=4), name="action_line_number_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


# ---------------------------------------------------------------------------------------------
# People
