"""Interventions: what runs in an area, what it costs, how far it has come and what it reached.

The funding mix is never stored here: the SPUK theme of an intervention and the amounts of the
application lines that point at it are funding's data, read through `interventions.extensions`
(funding sits above interventions); only money from other sources is entered on the intervention
itself (`OtherFunding`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from alliances.models import Organisation
from areas.models import ActionLine, Area
from core.models import ScopedQuerySet

AGE_MESSAGE = _("Een leeftijd ligt tussen 0 en 120 jaar.")
NOT_NEGATIVE = _("Bedragen en aantallen mogen niet negatief zijn.")
AGE_VALIDATORS = [MinValueValidator(0, message=AGE_MESSAGE), MaxValueValidator(120, message=AGE_MESSAGE)]
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0, message=NOT_NEGATIVE)]}
FIGURE = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0, message=NOT_NEGATIVE)]}


class InterventionStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Lopend")
    COMPLETED = "completed", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


class EvidenceLevel(models.TextChoices):
    PROVEN = "proven", _("Bewezen effectief")
    PROMISING = "promising", _("Veelbelovend")
    THEORY_BASED = "theory_based", _("Theoretisch onderbouwd")
    UNKNOWN = "unknown", _("Onbekend")


# What the national library shows of another area's intervention. Everything else (budget, other
# funding, the funding mix, progress narratives, stop reason, partners, history with user names) stays
# inside the area. Pages, API and tests all read this one list. `theme` is the name of the SPUK theme,
# annotated through `interventions.extensions` (it is funding's data, not a field here).
PUBLIC_FIELDS = (
    "id",
    "title",
    "description",
    "area",
    "action_line",
    "theme",
    "target_group",
    "age_min",
    "age_max",
    "lead_organisation",
    "start_date",
    "end_date",
    "status",
    "evidence_level",
    "evidence_reference",
    "resident_involvement",
)
# Ideas are an area's private drafts (copies from the library start as ideas, too).
LIBRARY_STATUSES = ("planned", "running", "completed", "stopped")


class InterventionQuerySet(ScopedQuerySet):
    area_path = "area"

    def in_library(self) -> InterventionQuerySet:
        """Interventions every signed-in user may find in the national library (summary fields only)."""
        return self.filter(status__in=LIBRARY_STATUSES)


class Intervention(models.Model):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("gebied"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("actielijn")
    )
    target_group = models.CharField(_("doelgroep"), max_length=200, blank=True)
    age_min = models.PositiveSmallIntegerField(_("leeftijd vanaf"), null=True, blank=True, validators=AGE_VALIDATORS)
    age_max = models.PositiveSmallIntegerField(
        _("leeftijd tot en met"), null=True, blank=True, validators=AGE_VALIDATORS
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_interventions",
        verbose_name=_("trekker"),
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_interventions", verbose_name=_("partners")
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    planned_budget = models.DecimalField(_("begroting"), null=True, blank=True, **MONEY)
    evidence_level = models.CharField(
        _("mate van bewijs"), max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.UNKNOWN
    )
    evidence_reference = models.CharField(
        _("bron van bewijs"), max_length=300, blank=True, help_text=_("Bijvoorbeeld een vermelding in een databank.")
    )
    resident_involvement = models.TextField(_("betrokkenheid van bewoners"), blank=True)
    status = FSMField(_("status"), max_length=20, choices=InterventionStatus.choices, default=InterventionStatus.IDEA)
    stop_reason = models.TextField(_("reden van stoppen"), blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("overgenomen van"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = InterventionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["area__name", "title"]
        indexes = [
            models.Index(fields=["area", "status"]),
            models.Index(fields=["area", "action_line"]),
            models.Index(fields=["status", "action_line"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="intervention_end_not_before_start",
                violation_error_message=_("De einddatum mag niet voor de startdatum liggen."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=F("age_max")),
                name="intervention_age_min_not_above_max",
                violation_error_message=_("De minimumleeftijd mag niet hoger zijn dan de maximumleeftijd."),
            ),
            models.CheckConstraint(
                condition=(Q(age_min__isnull=True) | Q(age_min__lte=120))
                & (Q(age_max__isnull=True) | Q(age_max__lte=120)),
                name="intervention_age_0_to_120",
                violation_error_message=_("Een leeftijd ligt tussen 0 en 120 jaar."),
            ),
            models.CheckConstraint(
                condition=Q(planned_budget__isnull=True) | Q(planned_budget__gte=0),
                name="intervention_budget_not_negative",
                violation_error_message=_("De begroting mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interventions:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum mag niet voor de startdatum liggen.")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("De minimumleeftijd mag niet hoger zijn dan de maximumleeftijd.")
        if errors:
            raise ValidationError(errors)

    # Workflow: idea → planned → running → completed / stopped.
    @transition(field=status, source=InterventionStatus.IDEA, target=InterventionStatus.PLANNED)
    def plan(self) -> None:
        pass

    @transition(field=status, source=InterventionStatus.PLANNED, target=InterventionStatus.RUNNING)
    def start(self) -> None:
        pass

    @transition(field=status, source=InterventionStatus.RUNNING, target=InterventionStatus.COMPLETED)
    def complete(self, *, end_date) -> None:
        self.end_date = end_date

    @transition(
        field=status,
        source=[InterventionStatus.IDEA, InterventionStatus.PLANNED, InterventionStatus.RUNNING],
        target=InterventionStatus.STOPPED,
    )
    def stop(self, *, reason: str) -> None:
        self.stop_reason = reason


class InterventionPartQuerySet(ScopedQuerySet):
    area_path = "intervention__area"


class OutputMeasure(models.Model):
    """A measured output, e.g. "kinderen bereikt: doel 800, gerealiseerd 702"."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("interventie")
    )
    name = models.CharField(_("maat"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=50)
    target = models.DecimalField(_("doel"), null=True, blank=True, **FIGURE)
    actual = models.DecimalField(_("gerealiseerd"), null=True, blank=True, **FIGURE)

    objects = InterventionPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outputmaat")
        verbose_name_plural = _("outputmaten")
        ordering = ["intervention", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=True) | Q(target__gte=0)) & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="output_figures_not_negative",
                violation_error_message=_("Doel en realisatie mogen niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class ProgressStatus(models.TextChoices):
    GREEN = "green", _("Groen: op koers")
    AMBER = "amber", _("Oranje: aandacht nodig")
    RED = "red", _("Rood: niet op koers")


class ProgressUpdate(models.Model):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("interventie")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"),
        validators=[
            MinValueValidator(2022, message=_("Het NPLV begon in 2022; een jaar ligt tussen 2022 en 2050.")),
            MaxValueValidator(2050, message=_("Het NPLV begon in 2022; een jaar ligt tussen 2022 en 2050.")),
        ],
    )
    quarter = models.PositiveSmallIntegerField(
        _("kwartaal"),
        validators=[
            MinValueValidator(1, message=_("Een kwartaal is 1, 2, 3 of 4.")),
            MaxValueValidator(4, message=_("Een kwartaal is 1, 2, 3 of 4.")),
        ],
    )
    narrative = models.TextField(_("toelichting"))
    reach = models.PositiveIntegerField(
        _("bereik"),
        null=True,
        blank=True,
        help_text=_("Aantal mensen dat dit kwartaal is bereikt."),
        validators=[MinValueValidator(0, message=NOT_NEGATIVE)],
    )
    rag_status = models.CharField(_("stand"), max_length=10, choices=ProgressStatus.choices)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = InterventionPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["intervention", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year", "quarter"],
                name="progress_once_per_quarter",
                violation_error_message=_("Voor dit kwartaal is al een voortgangsrapportage vastgelegd."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4),
                name="progress_quarter_1_to_4",
                violation_error_message=_("Een kwartaal is 1, 2, 3 of 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year}-K{self.quarter}"


class FundingSource(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    HOUSING_CORPORATION = "housing_corporation", _("Woningcorporatie")
    PREVENTION_WITH_AUTHORITY = "preventie_met_gezag", _("Preventie met Gezag")
    HOUSING_FUND = "volkshuisvestingsfonds", _("Volkshuisvestingsfonds")
    NATIONAL_OTHER = "national_other", _("Andere rijksmiddelen")
    PRIVATE = "private", _("Private middelen")
    OTHER = "other", _("Overig")


class OtherFunding(models.Model):
    """Money for an intervention from outside the SPUK application (which funding already holds)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="other_funding", verbose_name=_("interventie")
    )
    source = models.CharField(_("bron"), max_length=30, choices=FundingSource.choices)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    objects = InterventionPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overige financiering")
        verbose_name_plural = _("overige financiering")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="other_funding_amount_not_negative",
                violation_error_message=_("Een bedrag mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: € {self.amount}"
