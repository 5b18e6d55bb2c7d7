"""Report runs and what the periodic jobs keep: budget snapshots, sent reminders, beat's heartbeat.

Every report and every periodic job is a `ReportRun` of a kind from `reports.registry`: who asked,
for which area (or municipality, or the whole country), its status and progress, the error when it
failed, and the files it made. A scheduled run is unique per kind, period and place, so that beat
firing twice (or two beat processes by mistake) gives one run, not two.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Municipality
from core.documents import private_storage
from core.models import MONEY, ScopedQuerySet


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


FINISHED_STATUSES = (RunStatus.DONE, RunStatus.FAILED)


class Scope(models.TextChoices):
    AREA = "area", _("Gebied")
    MUNICIPALITY = "municipality", _("Gemeente")
    NATIONAL = "national", _("Landelijk")


class ReportRunQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> ReportRunQuerySet:
        """Nationwide roles see every run; an area's users see the runs about their area or municipality.

        A list export holds what its requester may see, which may be more than a colleague may: it is
        the requester's own (`requester_only`)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = Q(requester_only=False) | Q(requested_by=user)
        if getattr(user, "sees_all_areas", False):
            return self.filter(own)
        if user.area_id is None:
            return self.none()
        return self.filter(own).filter(
            Q(scope=Scope.AREA, area_id=user.area_id) | Q(scope=Scope.MUNICIPALITY, municipality__areas=user.area_id)
        )

    def in_area(self, area) -> ReportRunQuerySet:
        return self.filter(area=area)


class ReportRun(models.Model):
    kind = models.CharField(_("soort"), max_length=50)
    period = models.CharField(
        _("periode"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 2026-K3, 2026 of 2026-11-30.")
    )
    scope = models.CharField(_("bereik"), max_length=20, choices=Scope.choices)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="report_runs", verbose_name=_("gebied")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_runs",
        verbose_name=_("gemeente"),
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    is_scheduled = models.BooleanField(_("volgens schema"), default=False)
    requester_only = models.BooleanField(_("alleen voor de aanvrager"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_runs",
        verbose_name=_("aangevraagd door"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("stappen klaar"), default=0)
    progress_total = models.PositiveIntegerField(_("stappen totaal"), default=0)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    result = models.JSONField(_("uitkomst"), default=dict, blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportrun")
        verbose_name_plural = _("rapportruns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Idempotence of scheduled runs: one per kind, period and place (the nationwide runs have
            # no place; NULLs never collide in a unique index, hence one constraint per kind of place).
            models.UniqueConstraint(
                fields=["kind", "period", "area"],
                condition=Q(is_scheduled=True, area__isnull=False),
                name="report_run_scheduled_once_per_area",
            ),
            models.UniqueConstraint(
                fields=["kind", "period", "municipality"],
                condition=Q(is_scheduled=True, municipality__isnull=False),
                name="report_run_scheduled_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["kind", "period"],
                condition=Q(is_scheduled=True, area__isnull=True, municipality__isnull=True),
                name="report_run_scheduled_once_nationally",
            ),
            models.CheckConstraint(
                condition=Q(progress_done__lte=models.F("progress_total")) | Q(progress_total=0),
                name="report_run_progress_within_total",
            ),
            models.CheckConstraint(
                condition=(Q(scope="area") & Q(area__isnull=False))
                | (Q(scope="municipality") & Q(municipality__isnull=False) & Q(area__isnull=True))
                | (Q(scope="national") & Q(area__isnull=True) & Q(municipality__isnull=True)),
                name="report_run_place_matches_scope",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "-created_at"]),
            models.Index(fields=["requested_by", "-created_at"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        place = self.area or self.municipality or _("landelijk")
        return f"{self.kind_label} {self.period} – {place}"

    def get_absolute_url(self) -> str:
        return reverse("reports:run-detail", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def percent(self) -> int:
        if self.status == RunStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "Excel"
    CSV = "csv", "CSV"


CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.CSV: "text/csv; charset=utf-8",
}


class ReportFileQuerySet(ScopedQuerySet):
    def visible_to(self, user) -> ReportFileQuerySet:
        return self.filter(run__in=ReportRun.objects.visible_to(user))


class ReportFile(models.Model):
    """One generated file of a run, in private storage, removed by the nightly clean-up after `expires_at`."""

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="files", verbose_name=_("run"))
    format = models.CharField(_("formaat"), max_length=4, choices=FileFormat.choices)
    name = models.CharField(_("bestandsnaam"), max_length=200)
    file = models.FileField(_("bestand"), upload_to="reports/%Y/%m/", storage=private_storage, max_length=300)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportbestand")
        verbose_name_plural = _("rapportbestanden")
        ordering = ["run", "format", "name"]
        constraints = [models.UniqueConstraint(fields=["run", "name"], name="report_file_unique_name_per_run")]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:file-download", kwargs={"pk": self.pk})

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


class BudgetSnapshotQuerySet(ScopedQuerySet):
    area_path = "area"


class BudgetSnapshot(models.Model):
    """One night's money per scheme × area × theme, kept so that trends can be shown."""

    day = models.DateField(_("dag"))
    scheme = models.ForeignKey("funding.Scheme", on_delete=models.CASCADE, related_name="+", verbose_name=_("regeling"))
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="budget_snapshots", verbose_name=_("gebied"))
    theme = models.ForeignKey("funding.Theme", on_delete=models.CASCADE, related_name="+", verbose_name=_("thema"))
    ceiling = models.DecimalField(_("plafond"), **MONEY)
    requested = models.DecimalField(_("aangevraagd"), **MONEY)
    granted = models.DecimalField(_("toegekend"), **MONEY)
    paid = models.DecimalField(_("betaald"), **MONEY)
    spent = models.DecimalField(_("besteed"), **MONEY)

    objects = BudgetSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("budgetmomentopname")
        verbose_name_plural = _("budgetmomentopnames")
        ordering = ["-day", "area", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["day", "area", "theme"], name="budget_snapshot_once_per_day"),
        ]
        indexes = [models.Index(fields=["area", "theme", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.area} – {self.theme}"


class ReminderSent(models.Model):
    """A reminder that went out: (rule, item, day offset) is sent once, however often the job runs."""

    rule = models.CharField(_("regel"), max_length=40)
    item_key = models.CharField(_("onderwerp"), max_length=80)
    offset_days = models.SmallIntegerField(
        _("dagen"), help_text=_("Positief: dagen vóór de datum; negatief: dagen erna.")
    )
    due_on = models.DateField(_("datum"))
    recipients = models.PositiveIntegerField(_("ontvangers"), default=0)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "item_key", "offset_days"], name="reminder_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.item_key} ({self.offset_days:+d})"


class Heartbeat(models.Model):
    """The last moment a named background process showed it is alive (beat's heartbeat task)."""

    name = models.CharField(_("naam"), max_length=50, unique=True)
    at = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self) -> str:
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M:%S}"
