"""The indicators of the monitor, their values per place and year, and the import runs that load them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.models import ActionLine, Area, Municipality
from core.documents import private_storage
from core.models import ReferenceQuerySet, ScopedQuerySet


class IndicatorUnit(models.TextChoices):
    PERCENTAGE = "percentage", _("percentage")
    COUNT = "count", _("aantal")
    SCORE = "score", _("score")
    EURO = "euro", _("euro")


class IndicatorPartition(models.Model):
    """Shares that are parts of one whole (the seven school-advice shares, the income groups, ...).

    For one year and one place the shares present add up to at most 100%, plus `tolerance`
    percentage points for rounding (the school advice is published in whole percentages).
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    tolerance = models.DecimalField(_("afrondingsmarge (procentpunt)"), max_digits=5, decimal_places=2, default=1)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("verdeling")
        verbose_name_plural = _("verdelingen")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=Q(tolerance__gte=0), name="partition_tolerance_not_negative")]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("actielijn")
    )
    name = models.CharField(_("indicator"), max_length=200)
    specification = models.CharField(_("specificatie"), max_length=300, blank=True)
    unit = models.CharField(
        _("eenheid"), max_length=20, choices=IndicatorUnit.choices, default=IndicatorUnit.PERCENTAGE
    )
    higher_is_better = models.BooleanField(
        _("hoger is beter"), null=True, blank=True, help_text=_("Leeg als hoger noch lager beter is (een verdeling).")
    )
    partition = models.ForeignKey(
        IndicatorPartition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("deel van"),
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["action_line__number", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partition__isnull=True) | Q(unit="percentage"),
                name="indicator_partition_is_percentage",
                violation_error_message=_("Alleen percentages kunnen deel van een verdeling zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.specification}" if self.specification else self.name


class IndicatorScope(models.TextChoices):
    AREA = "area", _("Gebied")
    MUNICIPALITY = "municipality", _("Gemeente")
    NPLV = "nplv", _("Gemiddelde NPLV-gebieden")
    NATIONAL = "national", _("Gemiddelde Nederland")


AVERAGE_SCOPES = (IndicatorScope.NPLV, IndicatorScope.NATIONAL)


def place_key(scope: str, area_id: int | None = None, municipality_id: int | None = None) -> str:
    """One non-null key for the place of a value, so that (indicator, place, year) is plainly unique.

    'nplv', 'national', 'a<area id>' or 'm<municipality id>'. A plain unique constraint (no NULLs, no
    condition) is what lets the importer upsert thousands of rows in one statement on SQLite and
    PostgreSQL alike.
    """
    if scope == IndicatorScope.AREA:
        return f"a{area_id}"
    if scope == IndicatorScope.MUNICIPALITY:
        return f"m{municipality_id}"
    return str(scope)


class IndicatorValueQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Averages and public figures for everyone signed in; other figures follow the area.

        An area role sees its own area's figures and those of its municipality; nationwide roles
        see everything.
        """
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self
        public = Q(area__isnull=True, municipality__isnull=True) | Q(is_public=True)
        if user.area_id is None:
            return self.filter(public)
        own_municipality = Area.objects.filter(pk=user.area_id).values("municipality")
        own = Q(area=user.area_id) | Q(municipality__in=own_municipality)
        return self.filter(public | own)


class IndicatorValue(models.Model):
    # No index of their own on the three keys below: the unique constraint and the two indexes in
    # Meta start with them (fewer indexes make a 100,000-row import faster).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator"), db_index=False
    )
    scope = models.CharField(_("niveau"), max_length=12, choices=IndicatorScope.choices)
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("gebied"),
        db_index=False,
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("gemeente"),
        db_index=False,
    )
    place = models.CharField(_("plaatssleutel"), max_length=20, editable=False)
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    is_public = models.BooleanField(
        _("openbaar"),
        default=False,
        help_text=_("Gebieds- en gemeentecijfers zijn alleen binnen het gebied te zien, tenzij openbaar."),
    )
    import_run = models.ForeignKey(
        "ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("importrun"),
    )
    source = models.CharField(_("bron"), max_length=200, blank=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        ordering = ["indicator", "year"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="area") & Q(area__isnull=False) & Q(municipality__isnull=True))
                | (Q(scope="municipality") & Q(area__isnull=True) & Q(municipality__isnull=False))
                | (Q(scope__in=["nplv", "national"]) & Q(area__isnull=True) & Q(municipality__isnull=True)),
                name="indicator_value_place_matches_scope",
                violation_error_message=_(
                    "Een gebiedswaarde hoort bij een gebied, een gemeentewaarde bij een gemeente."
                ),
            ),
            models.UniqueConstraint(fields=["indicator", "place", "year"], name="indicator_value_unique_place_year"),
        ]
        indexes = [
            models.Index(fields=["area", "indicator", "year"]),
            models.Index(fields=["municipality", "indicator", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"

    def save(self, *args, **kwargs):
        self.place = place_key(self.scope, self.area_id, self.municipality_id)
        super().save(*args, **kwargs)


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Voorbeeld, nog niet geladen")
    LOADED = "loaded", _("Geladen")
    PARTLY_LOADED = "partly_loaded", _("Alleen de goede rijen geladen")
    DISCARDED = "discarded", _("Afgebroken, niets geladen")


class ImportRunQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The national team sees every run; a programme bureau the runs for its own area."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self
        if user.area_id is None:
            return self.none()
        return self.filter(area=user.area_id)


class ImportRun(models.Model):
    """One file put through the importer: who, when, what it held, what was loaded and what refused."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_runs",
        verbose_name=_("alleen voor gebied"),
        help_text=_("Leeg bij een landelijke import; een programmabureau laadt alleen cijfers van het eigen gebied."),
    )
    file = models.FileField(_("bestand"), upload_to="monitor-imports/%Y/", storage=private_storage, blank=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    file_format = models.CharField(_("formaat"), max_length=10)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_public = models.BooleanField(_("cijfers openbaar"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    rows = models.PositiveIntegerField(_("rijen"), default=0)
    bad_rows = models.PositiveIntegerField(_("rijen met fouten"), default=0)
    figures = models.PositiveIntegerField(_("cijfers"), default=0)
    missing = models.PositiveIntegerField(_("lege cellen"), default=0)
    refused = models.PositiveIntegerField(_("geweigerde cijfers"), default=0)
    problem_count = models.PositiveIntegerField(_("problemen"), default=0)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geladen door"),
    )
    finished_at = models.DateTimeField(_("geladen op"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("importrun")
        verbose_name_plural = _("importruns")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.file_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("monitoring:import-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == ImportStatus.PREVIEWED


class ImportProblem(models.Model):
    """One refused cell or row of an import run, with where it was, what it held and the rule it breaks.

    Where the figure could be identified (indicator, place and year), the key is kept, so that a
    dashboard shows the figure as refused instead of missing.
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems", verbose_name=_("importrun"))
    line = models.PositiveIntegerField(_("regel"))
    column = models.CharField(_("kolom"), max_length=100, blank=True)
    value = models.CharField(_("waarde"), max_length=200, blank=True)
    rule = models.CharField(_("regel die geschonden is"), max_length=500)
    code = models.CharField(_("soort"), max_length=40)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    place = models.CharField(_("plaatssleutel"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)

    class Meta:
        verbose_name = _("importprobleem")
        verbose_name_plural = _("importproblemen")
        ordering = ["run", "line", "pk"]
        indexes = [models.Index(fields=["indicator", "place", "year"])]

    def __str__(self) -> str:
        return f"{self.line} {self.column}: {self.rule}"
