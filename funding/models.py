"""Money: schemes and their themes, ceilings per area, applications, reviews, grant decisions,
payments, spending reports and SiSa.

All amounts are `Decimal` euros with two places (`MONEY`), never negative, summed in the database.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from accounts.models import Ministry, Role
from alliances.models import Decision
from areas.models import Area, Municipality
from core.models import MONEY, ReferenceQuerySet, ScopedQuerySet
from interventions.models import Intervention

# ---------------------------------------------------------------------------------------------
# Schemes (regelingen) and their themes


class CarryOverKind(models.TextChoices):
    NONE = "none", _("Niet meenemen")
    NEXT_YEAR = "next_year", _("Naar het volgende kalenderjaar")
    LATER_YEARS = "later_years", _("Naar elk later jaar tot en met het laatste jaar")


class Scheme(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=100, blank=True)
    lead_ministry = models.CharField(_("eerstverantwoordelijk ministerie"), max_length=4, choices=Ministry.choices)
    first_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    last_year = models.PositiveSmallIntegerField(_("laatste jaar"))
    total_budget = models.DecimalField(_("totaal budget"), null=True, blank=True, **MONEY)
    application_opens = models.DateField(_("aanvragen vanaf"), null=True, blank=True)
    application_closes = models.DateField(_("aanvragen tot en met"), null=True, blank=True)
    decision_deadline = models.DateField(_("beschikking uiterlijk"), null=True, blank=True)
    carry_over_rule = models.TextField(_("regel voor meenemen van middelen"), blank=True)
    # The carry-over rule as data (see funding.carryover); the text above says it in words.
    carry_over_kind = models.CharField(
        _("soort meenemen"), max_length=20, choices=CarryOverKind.choices, blank=True, default=""
    )
    carry_over_max_share = models.DecimalField(
        _("meenemen ten hoogste (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Deel van het budget van een jaar dat mag worden meegenomen."),
    )
    carry_over_to_integral = models.BooleanField(
        _("meenemen naar integraal deel"),
        default=False,
        help_text=_("Niet-bestede middelen van een thema mogen ook in het integrale deel worden besteed."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    # What the decision letter (beschikking) says about objection and who signs it.
    objection_addressee = models.CharField(_("bezwaar richten aan"), max_length=200, blank=True)
    objection_address = models.TextField(_("adres voor bezwaar"), blank=True)
    signatory_function = models.CharField(_("functie ondertekenaar"), max_length=200, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["-first_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="scheme_last_year_not_before_first",
                violation_error_message=_("Het laatste jaar mag niet voor het eerste jaar liggen."),
            ),
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True) | Q(total_budget__gte=0),
                name="scheme_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


class LegalBasis(models.Model):
    """A publication in the Staatscourant that founds or amends a scheme."""

    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Regeling")
        AMENDMENT = "amendment", _("Wijziging")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="legal_bases", verbose_name=_("regeling"))
    citation = models.CharField(_("vindplaats"), max_length=100)
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("juridische grondslag")
        verbose_name_plural = _("juridische grondslagen")
        ordering = ["scheme", "citation"]
        constraints = [models.UniqueConstraint(fields=["scheme", "citation"], name="legal_basis_unique_citation")]

    def __str__(self) -> str:
        return f"{self.title} ({self.citation})"


# The integral part of a scheme: themes of no single ministry, reviewed by the national programme team.
INTEGRAL = ""


def reviewer_ministry(user) -> str | None:
    """The ministry a user's view of funding is narrowed to: a ministry reviewer's own; None for everyone else."""
    if (
        user is not None
        and user.is_authenticated
        and getattr(user, "role", None) == Role.MINISTRY_REVIEWER
        and not user.is_superuser
    ):
        return user.ministry
    return None


def reviewed_ministry(user) -> str | None:
    """Whose themes a user recommends on: a ministry reviewer its own ministry's, the national team the
    integral part (`INTEGRAL`); None for everyone else."""
    role = getattr(user, "role", None)
    if role == Role.MINISTRY_REVIEWER:
        return user.ministry
    if role == Role.NATIONAL_TEAM:
        return INTEGRAL
    return None


class ThemeQuerySet(ReferenceQuerySet):
    def for_ministry(self, ministry: str) -> ThemeQuerySet:
        """The themes of one ministry (`INTEGRAL` for the integral part). Every ministry scoping in
        funding (lines, applications, reviews, filters, rules, notifications) goes through here."""
        return self.filter(ministry=ministry)


class Theme(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="themes", verbose_name=_("regeling"))
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("naam"), max_length=150)
    ministry = models.CharField(
        _("ministerie"),
        max_length=4,
        choices=Ministry.choices,
        blank=True,
        help_text=_("Leeg voor het integrale deel."),
    )
    budget = models.DecimalField(_("budget"), null=True, blank=True, **MONEY)
    is_integral = models.BooleanField(_("integraal deel"), default=False)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["scheme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="theme_unique_code_per_scheme"),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="theme_budget_not_negative",
                violation_error_message=_("Een budget mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InterventionThemeQuerySet(ScopedQuerySet):
    area_path = "intervention__area"


class InterventionTheme(models.Model):
    """The SPUK theme an intervention works under (at most one).

    The link lives here and not as a field of the intervention, because funding sits above
    interventions (docs/decisions/0008-kernel-layout.md). Interventions reads and writes it through
    the provider funding registers (`funding.intervention_funding`).
    """

    intervention = models.OneToOneField(
        Intervention,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="spuk_theme",
        verbose_name=_("interventie"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="intervention_links", verbose_name=_("SPUK-thema")
    )

    objects = InterventionThemeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SPUK-thema van een interventie")
        verbose_name_plural = _("SPUK-thema's van interventies")

    def __str__(self) -> str:
        return f"{self.intervention} · {self.theme}"


class CeilingQuerySet(ScopedQuerySet):
    area_path = "area"


class Ceiling(models.Model):
    """The most an area may claim for one theme of a scheme over the whole period (plafond)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="ceilings", verbose_name=_("gebied"))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="ceilings", verbose_name=_("thema"))
    amount = models.DecimalField(_("plafond"), **MONEY)
    is_illustrative = models.BooleanField(
        _("illustratief"),
        default=False,
        help_text=_("De plafonds per gebied zijn niet openbaar; dit bedrag is een illustratie."),
    )

    objects = CeilingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plafond")
        verbose_name_plural = _("plafonds")
        ordering = ["theme__scheme", "area__name", "theme__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "theme"],
                name="ceiling_one_per_area_and_theme",
                violation_error_message=_("Er is al een plafond voor dit gebied en thema."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="ceiling_amount_not_negative",
                violation_error_message=_("Een plafond mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} – {self.theme}: € {self.amount}"


# ---------------------------------------------------------------------------------------------
# Applications (aanvragen)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    IN_REVIEW = "in_review", _("In beoordeling")
    INFO_REQUESTED = "info_requested", _("Aanvullende informatie gevraagd")
    GRANTED = "granted", _("Toegekend")
    PARTLY_GRANTED = "partly_granted", _("Deels toegekend")
    REJECTED = "rejected", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


OPEN_APPLICATION_STATUSES = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.INFO_REQUESTED,
]
DECIDED_APPLICATION_STATUSES = [ApplicationStatus.GRANTED, ApplicationStatus.PARTLY_GRANTED, ApplicationStatus.REJECTED]
# Statuses in which reviewers work on the lines (a first recommendation on a submitted one starts the review).
REVIEWABLE_APPLICATION_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.INFO_REQUESTED,
]
# The theme whose money goes to a local coalition with at least 85% of its schools inside the area.
SCHOOL_THEME_CODE = "school-omgeving"
SCHOOL_SHARE_MINIMUM = 85


def is_ministry_reviewer(user) -> bool:
    return user is not None and user.is_authenticated and user.role == Role.MINISTRY_REVIEWER and not user.is_superuser


class ReviewerScopedQuerySet(ScopedQuerySet):
    """A ministry reviewer sees only what concerns its ministry: the objects of submitted applications
    that have at least one line in one of its ministry's themes (decisions, letters, totals, questions,
    payments, spending reports). `application_path` leads from the model to its application."""

    application_path = "application"

    def visible_to(self, user):
        qs = super().visible_to(user)
        ministry = reviewer_ministry(user)
        if ministry is not None:
            path = self.application_path
            own_line = ApplicationLine.objects.for_ministry(ministry).filter(
                application=OuterRef(f"{path}__pk" if path else "pk")
            )
            qs = qs.filter(Exists(own_line)).exclude(**{f"{path}__status" if path else "status": "draft"})
        return qs

    def for_ministry(self, ministry: str) -> ApplicationQuerySet:
        """The applications with at least one line in the ministry's themes."""
        lines = ApplicationLine.objects.for_ministry(ministry).filter(application=OuterRef("pk"))
        return self.filter(Exists(lines))


class ApplicationQuerySet(ReviewerScopedQuerySet):
    area_path = "area"
    application_path = ""


class Application(ConcurrentTransitionMixin, models.Model):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="applications", verbose_name=_("gebied"))
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("regeling")
    )
    reference = models.CharField(_("kenmerk"), max_length=40, unique=True)
    status = FSMField(_("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    endorsement = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="endorsed_applications",
        verbose_name=_("instemming alliantie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "scheme"],
                condition=Q(status__in=["draft", "submitted", "in_review", "info_requested"]),
                name="application_one_open_per_area_and_scheme",
                violation_error_message=_("Dit gebied heeft al een openstaande aanvraag voor deze regeling."),
            ),
            models.UniqueConstraint(
                fields=["endorsement"],
                condition=Q(endorsement__isnull=False),
                name="application_endorsement_not_reused",
                violation_error_message=_("Dit besluit is al gebruikt voor een andere aanvraag."),
            ),
        ]
        indexes = [
            models.Index(fields=["area", "scheme", "status"]),
            # the default ordering: lists of applications and of their lines read it instead of sorting
            models.Index(fields=["-created_at", "-id"], name="application_newest_idx"),
            # an area's latest application (home page, area page)
            models.Index(fields=["area", "-created_at", "-id"], name="application_area_newest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.area}"

    def get_absolute_url(self) -> str:
        return reverse("funding:application-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    # Workflow (see DESIGN.md): the rules live in funding.services; these say only which move is legal.
    @transition(field=status, source=ApplicationStatus.DRAFT, target=ApplicationStatus.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=ApplicationStatus.SUBMITTED, target=ApplicationStatus.IN_REVIEW)
    def start_review(self) -> None:
        pass

    @transition(field=status, source=ApplicationStatus.IN_REVIEW, target=ApplicationStatus.INFO_REQUESTED)
    def request_info(self) -> None:
        pass

    @transition(field=status, source=ApplicationStatus.INFO_REQUESTED, target=ApplicationStatus.IN_REVIEW)
    def resubmit(self) -> None:
        pass

    @transition(field=status, source=ApplicationStatus.IN_REVIEW, target=ApplicationStatus.GRANTED)
    def grant(self) -> None:
        pass

    @transition(field=status, source=ApplicationStatus.IN_REVIEW, target=ApplicationStatus.PARTLY_GRANTED)
    def grant_partly(self) -> None:
        pass

    @transition(field=status, source=ApplicationStatus.IN_REVIEW, target=ApplicationStatus.REJECTED)
    def reject(self) -> None:
        pass

    @transition(
        field=status,
        source=[ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED],
        target=ApplicationStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass


class ApplicationLineQuerySet(ScopedQuerySet):
    area_path = "application__area"

    def visible_to(self, user):
        """A reviewer sees only the lines of its own ministry's themes, in every area."""
        qs = super().visible_to(user)
        ministry = reviewer_ministry(user)
        if ministry is not None:
            qs = qs.for_ministry(ministry).exclude(application__status=ApplicationStatus.DRAFT)
        return qs

    def for_ministry(self, ministry: str) -> ApplicationLineQuerySet:
        """The lines in the ministry's themes (`INTEGRAL`: the integral part)."""
        return self.filter(theme__in=Theme.objects.for_ministry(ministry))

    def ministries(self) -> set[str]:
        """The ministries whose themes these lines are in (`INTEGRAL` for the integral part)."""
        return set(Theme.objects.filter(application_lines__in=self).values_list("ministry", flat=True))


class ApplicationLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="lines", verbose_name=_("aanvraag")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="application_lines", verbose_name=_("thema")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("aangevraagd bedrag"), **MONEY)
    description = models.TextField(_("waarvoor"))
    interventions = models.ManyToManyField(
        Intervention, blank=True, related_name="application_lines", verbose_name=_("interventies")
    )
    partners = models.TextField(
        _("coalitie (partners)"),
        blank=True,
        help_text=_("Verplicht bij School & Omgeving: gemeente, school en lokale partner."),
    )
    school_share_in_area = models.DecimalField(
        _("aandeel scholen in het gebied (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    granted_amount = models.DecimalField(_("toegekend bedrag"), null=True, blank=True, **MONEY)

    objects = ApplicationLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanvraagregel")
        verbose_name_plural = _("aanvraagregels")
        ordering = ["application", "theme__position", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="application_line_amount_positive",
                violation_error_message=_("Een aangevraagd bedrag is groter dan nul."),
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | (Q(granted_amount__gte=0) & Q(granted_amount__lte=F("amount"))),
                name="application_line_granted_within_requested",
                violation_error_message=_("Het toegekende bedrag ligt tussen nul en het aangevraagde bedrag."),
            ),
            models.CheckConstraint(
                condition=Q(school_share_in_area__isnull=True)
                | (Q(school_share_in_area__gte=0) & Q(school_share_in_area__lte=100)),
                name="application_line_school_share_percentage",
            ),
        ]
        indexes = [models.Index(fields=["theme", "year"])]

    def __str__(self) -> str:
        from core.money import euro

        return f"{self.application.area.name} · {self.theme.name} {self.year}: {euro(self.amount)}"

    def clean(self) -> None:
        """The rules of a line (the ceilings are checked on submit, over all lines together)."""
        super().clean()
        errors: dict[str, str] = {}
        application = self.application if self.application_id else None
        theme = self.theme if self.theme_id else None
        if application is not None and theme is not None and theme.scheme_id != application.scheme_id:
            errors["theme"] = _("Het thema %(theme)s hoort niet bij de regeling %(scheme)s.") % {
                "theme": theme.name,
                "scheme": application.scheme.name,
            }
        if application is not None and self.year is not None:
            scheme = application.scheme
            if not scheme.first_year <= self.year <= scheme.last_year:
                errors["year"] = _("Het jaar %(year)s valt buiten de regeling (%(first)s–%(last)s).") % {
                    "year": self.year,
                    "first": scheme.first_year,
                    "last": scheme.last_year,
                }
        if self.amount is not None:
            if self.amount <= 0:
                errors["amount"] = _("Het aangevraagde bedrag moet groter zijn dan nul.")
            elif self.amount != self.amount.quantize(Decimal("0.01")):
                errors["amount"] = _("Een bedrag heeft hoogstens twee cijfers achter de komma.")
        if theme is not None and theme.code == SCHOOL_THEME_CODE:
            if not (self.partners or "").strip():
                errors["partners"] = _(
                    "Bij School & Omgeving noemt u de coalitie: ten minste de gemeente, een school en een lokale partner."
                )
            if self.school_share_in_area is None or self.school_share_in_area < SCHOOL_SHARE_MINIMUM:
                errors["school_share_in_area"] = _(
                    "Bij School & Omgeving ligt ten minste %(minimum)s%% van de scholen van de coalitie in het gebied."
                ) % {"minimum": SCHOOL_SHARE_MINIMUM}
        if errors:
            raise ValidationError(errors)


class InformationRequestQuerySet(ReviewerScopedQuerySet):
    area_path = "application__area"


class InformationRequest(models.Model):
    """A reviewer's question to the programme bureau, with an answer deadline."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="information_requests", verbose_name=_("aanvraag")
    )
    question = models.TextField(_("vraag"))
    deadline = models.DateField(_("antwoord uiterlijk"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gevraagd door")
    )
    asked_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    objects = InformationRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informatieverzoek")
        verbose_name_plural = _("informatieverzoeken")
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return _("Vraag bij %(application)s") % {"application": self.application.reference}


class Recommendation(models.TextChoices):
    GRANT_FULL = "grant_full", _("Volledig toekennen")
    GRANT_AMOUNT = "grant_amount", _("Bedrag toekennen")
    REJECT = "reject", _("Afwijzen")


class ReviewQuerySet(ScopedQuerySet):
    area_path = "line__application__area"

    def visible_to(self, user):
        qs = super().visible_to(user)
        ministry = reviewer_ministry(user)
        if ministry is not None:
            qs = qs.for_ministry(ministry)
        return qs

    def for_ministry(self, ministry: str) -> ReviewQuerySet:
        """The recommendations on lines in the ministry's themes."""
        return self.filter(line__in=ApplicationLine.objects.for_ministry(ministry))


class Review(models.Model):
    """A ministry reviewer's recommendation on one application line."""

    line = models.ForeignKey(ApplicationLine, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("regel"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("beoordelaar")
    )
    recommendation = models.CharField(_("advies"), max_length=20, choices=Recommendation.choices)
    recommended_amount = models.DecimalField(_("geadviseerd bedrag"), null=True, blank=True, **MONEY)
    reason = models.TextField(_("motivering"))
    created_at = models.DateTimeField(_("geadviseerd op"), auto_now_add=True)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["line", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recommendation="grant_amount") | Q(recommended_amount__isnull=False),
                name="review_amount_with_grant_amount",
                violation_error_message=_("Bij 'bedrag toekennen' hoort een bedrag."),
            ),
            models.CheckConstraint(
                condition=Q(recommended_amount__isnull=True) | Q(recommended_amount__gte=0),
                name="review_amount_not_negative",
            ),
        ]
        # a line's reviews newest first: the default ordering within a line and "the latest review" subqueries
        indexes = [models.Index(fields=["line", "-created_at", "-id"], name="review_line_newest_idx")]

    def __str__(self) -> str:
        return f"{self.line}: {self.get_recommendation_display()}"


class GrantOutcome(models.TextChoices):
    GRANTED = "granted", _("Toegekend")
    PARTLY_GRANTED = "partly_granted", _("Deels toegekend")
    REJECTED = "rejected", _("Afgewezen")


class GrantDecisionQuerySet(ReviewerScopedQuerySet):
    area_path = "application__area"


class GrantDecision(models.Model):
    """The beschikking: decided by the national programme team, never by a reviewer of the application."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="grant_decision", verbose_name=_("aanvraag")
    )
    reference = models.CharField(_("kenmerk beschikking"), max_length=40, unique=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=GrantOutcome.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("besloten door")
    )
    decided_at = models.DateTimeField(_("besloten op"))
    total_granted = models.DecimalField(_("totaal toegekend"), **MONEY)
    letter = models.FileField(_("beschikkingsbrief"), upload_to="decisions/%Y/", blank=True)

    objects = GrantDecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["-decided_at"], name="grantdecision_decided_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_granted__gte=0),
                name="grant_decision_total_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class PaymentInstalmentQuerySet(ReviewerScopedQuerySet):
    area_path = "grant_decision__application__area"
    application_path = "grant_decision__application"


class PaymentInstalment(models.Model):
    """One term of a grant's payment schedule (betaaltermijn), stated in the decision letter."""

    grant_decision = models.ForeignKey(
        GrantDecision, on_delete=models.PROTECT, related_name="instalments", verbose_name=_("beschikking")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("gepland bedrag"), **MONEY)
    due_on = models.DateField(_("geplande betaaldatum"))

    objects = PaymentInstalmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betaaltermijn")
        verbose_name_plural = _("betaaltermijnen")
        ordering = ["grant_decision", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_instalment_amount_positive",
                violation_error_message=_("Een termijn is groter dan nul."),
            ),
        ]

    def __str__(self) -> str:
        from core.money import euro

        return f"{self.grant_decision} {self.year}: {euro(self.amount)}"


class PaymentQuerySet(ReviewerScopedQuerySet):
    area_path = "grant_decision__application__area"
    application_path = "grant_decision__application"


class Payment(models.Model):
    """A payment made (voorschot). Grants are paid to the municipality (Amsterdam's two areas share one account)."""

    grant_decision = models.ForeignKey(
        GrantDecision, on_delete=models.PROTECT, related_name="payments", verbose_name=_("beschikking")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="payments", verbose_name=_("gemeente")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("bedrag"), **MONEY)
    paid_on = models.DateField(_("betaald op"))
    reference = models.CharField(_("betalingskenmerk"), max_length=60)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = PaymentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("Een betaling is groter dan nul."),
            ),
            models.UniqueConstraint(fields=["reference"], name="payment_reference_unique"),
        ]
        indexes = [models.Index(fields=["municipality", "year"])]

    def __str__(self) -> str:
        from core.money import euro

        return f"{self.municipality} {self.paid_on}: {euro(self.amount)}"


# ---------------------------------------------------------------------------------------------
# Spending reports (verantwoording), the final account and SiSa


class SpendingReportStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    ACCEPTED = "accepted", _("Geaccepteerd")
    RETURNED = "returned", _("Teruggestuurd")


class SpendingReportQuerySet(ReviewerScopedQuerySet):
    area_path = "application__area"

    def visible_to(self, user):
        """A reviewer sees the submitted reports of applications with a line in its ministry's themes."""
        qs = super().visible_to(user)
        if reviewer_ministry(user) is not None:
            qs = qs.exclude(status=SpendingReportStatus.DRAFT)
        return qs


class SpendingReport(ConcurrentTransitionMixin, models.Model):
    """What a granted application spent in one year, per theme; the report of the last year is the final account."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="spending_reports", verbose_name=_("aanvraag")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    is_final = models.BooleanField(_("eindverantwoording"), default=False)
    status = FSMField(
        _("status"), max_length=20, choices=SpendingReportStatus.choices, default=SpendingReportStatus.DRAFT
    )
    endorsement = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="endorsed_spending_report",
        verbose_name=_("instemming alliantie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    review_comment = models.TextField(_("opmerkingen programmateam"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geaccepteerd door"),
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    # The final account (vaststelling), fixed when the final report is accepted.
    eligible_amount = models.DecimalField(_("subsidiabele besteding"), null=True, blank=True, **MONEY)
    paid_amount = models.DecimalField(_("betaald"), null=True, blank=True, **MONEY)
    fixed_amount = models.DecimalField(_("vastgestelde subsidie"), null=True, blank=True, **MONEY)
    reclaim_amount = models.DecimalField(_("terug te vorderen"), null=True, blank=True, **MONEY)
    still_to_pay_amount = models.DecimalField(_("nog te betalen"), null=True, blank=True, **MONEY)

    objects = SpendingReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verantwoording")
        verbose_name_plural = _("verantwoordingen")
        ordering = ["application", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year"],
                name="spending_report_once_per_year",
                violation_error_message=_("Er is al een verantwoording voor deze aanvraag en dit jaar."),
            ),
            models.CheckConstraint(
                condition=Q(reclaim_amount__isnull=True) | Q(reclaim_amount__gte=0),
                name="spending_report_reclaim_not_negative",
            ),
            models.UniqueConstraint(
                fields=["endorsement"],
                condition=Q(endorsement__isnull=False),
                name="spending_report_endorsement_not_reused",
            ),
        ]
        indexes = [models.Index(fields=["status", "year"])]

    def __str__(self) -> str:
        return _("Verantwoording %(year)s – %(application)s") % {"year": self.year, "application": self.application}

    def get_absolute_url(self) -> str:
        return reverse("funding:report-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status == SpendingReportStatus.DRAFT

    # Workflow: the rules live in funding.spending; these say only which move is legal.
    @transition(field=status, source=SpendingReportStatus.DRAFT, target=SpendingReportStatus.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=SpendingReportStatus.SUBMITTED, target=SpendingReportStatus.ACCEPTED)
    def accept(self) -> None:
        pass

    @transition(field=status, source=SpendingReportStatus.SUBMITTED, target=SpendingReportStatus.RETURNED)
    def return_to_bureau(self) -> None:
        pass

    @transition(field=status, source=SpendingReportStatus.RETURNED, target=SpendingReportStatus.DRAFT)
    def reopen(self) -> None:
        pass


class SpendingLineQuerySet(ReviewerScopedQuerySet):
    area_path = "report__application__area"
    application_path = "report__application"

    def visible_to(self, user):
        """A reviewer sees only the lines of its own ministry's themes, of reports that were submitted."""
        qs = super().visible_to(user)
        ministry = reviewer_ministry(user)
        if ministry is not None:
            qs = qs.filter(theme__in=Theme.objects.for_ministry(ministry)).exclude(
                report__status=SpendingReportStatus.DRAFT
            )
        return qs


class SpendingLine(models.Model):
    """Spending on one theme in the report's year, optionally for one intervention of the area."""

    report = models.ForeignKey(
        SpendingReport, on_delete=models.CASCADE, related_name="lines", verbose_name=_("verantwoording")
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="spending_lines", verbose_name=_("thema"))
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spending_lines",
        verbose_name=_("interventie"),
    )
    amount = models.DecimalField(_("besteed"), **MONEY)
    explanation = models.TextField(_("toelichting"), blank=True)

    objects = SpendingLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besteding")
        verbose_name_plural = _("bestedingen")
        ordering = ["report", "theme__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "theme"],
                condition=Q(intervention__isnull=True),
                name="spending_line_once_per_theme",
                violation_error_message=_("Dit thema staat al in de verantwoording."),
            ),
            models.UniqueConstraint(
                fields=["report", "theme", "intervention"],
                condition=Q(intervention__isnull=False),
                name="spending_line_once_per_theme_and_intervention",
                violation_error_message=_("Deze interventie staat al onder dit thema in de verantwoording."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="spending_line_amount_not_negative",
                violation_error_message=_("Een besteed bedrag mag niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        from core.money import euro

        return f"{self.theme}: {euro(self.amount)}"


class SisaIndicator(models.Model):
    """One SiSa indicator of a scheme for a year. The codes are set yearly by the ministry: data, not code.

    With a theme the indicator reports that theme only; without one, the whole grant.
    """

    class Measure(models.TextChoices):
        SPENDING_YEAR = "spending_year", _("Besteding (jaar T)")
        SPENDING_CUMULATIVE = "spending_cumulative", _("Cumulatieve besteding t/m jaar T")
        FINAL = "final", _("Eindverantwoording Ja/Nee")

    class Control(models.TextChoices):
        LAWFULNESS = "R", _("R (rechtmatigheid)")
        NOT_APPLICABLE = "n.v.t.", _("n.v.t.")

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="sisa_indicators", verbose_name=_("regeling")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    distributor = models.CharField(_("verstrekker"), max_length=4, choices=Ministry.choices)
    grant_code = models.CharField(_("uitkeringscode"), max_length=20)
    code = models.CharField(_("indicatornummer"), max_length=20)
    label = models.CharField(_("omschrijving"), max_length=200)
    control = models.CharField(_("aard controle"), max_length=10, choices=Control.choices)
    measure = models.CharField(_("grootheid"), max_length=30, choices=Measure.choices)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sisa_indicators",
        verbose_name=_("thema"),
        help_text=_("Leeg: de hele uitkering."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_illustrative = models.BooleanField(
        _("illustratief"),
        default=False,
        help_text=_("De echte codes stelt het ministerie jaarlijks vast; deze code is een illustratie."),
    )

    objects = ReferenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SiSa-indicator")
        verbose_name_plural = _("SiSa-indicatoren")
        ordering = ["scheme", "year", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year", "code"], name="sisa_indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"
