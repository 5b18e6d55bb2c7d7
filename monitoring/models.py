"""The indicators of the national monitor and their values per year."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.models import ActionLine, Area
from core.models import ReferenceQuerySet, ScopedQuerySet

# Monitoring


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("actielijn")
    )
    name = models.CharField(_("indicator"), max_length=200)
    specification = models.CharField(_("specificatie"), max_length=300, blank=True)
    unit = models.CharField(_("eenheid"), max_length=20, default="%")

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["action_line__number", "code"]

    def __str__(self) -> str:
        return f"{self.name} – {self.specification}" if self.specification else self.name


class IndicatorScope(models.TextChoices):
    AREA = "area", _("Gebied")
    NPLV = "nplv", _("Gemiddelde NPLV-gebieden")
    NATIONAL = "national", _("Gemiddelde Nederland")


class IndicatorValueQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Averages (no area) are public to everyone signed in; area figures follow the area."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self
        return self.filter(Q(area__isnull=True) | Q(area=user.area_id))


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    scope = models.CharField(_("niveau"), max_length=10, choices=IndicatorScope.choices)
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_values", verbose_name=_("gebied")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=9, decimal_places=2)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        ordering = ["indicator", "year"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="area") & Q(area__isnull=False)) | (~Q(scope="area") & Q(area__isnull=True)),
                name="indicator_value_area_matches_scope",
                violation_error_message=_("Alleen een gebiedswaarde hoort bij een gebied."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "scope", "year"],
                condition=Q(area__isnull=True),
                name="indicator_value_unique_average",
            ),
            models.UniqueConstraint(
                fields=["indicator", "area", "year"],
                condition=Q(area__isnull=False),
                name="indicator_value_unique_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


# ---------------------------------------------------------------------------------------------
# The transition log: who moved what from which state to which, when and why

