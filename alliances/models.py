"""Alliances and who sits in them; their meetings, decisions, area plans and bottlenecks."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from accounts.models import Ministry
from areas.models import ActionLine, Area
from core.documents import private_storage
from core.models import ScopedQuerySet


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    MINISTRY = "ministry", _("Ministerie")
    HOUSING_CORPORATION = "housing_corporation", _("Woningcorporatie")
    SCHOOL_BOARD = "school_board", _("Schoolbestuur")
    POLICE = "police", _("Politie")
    PUBLIC_PROSECUTOR = "public_prosecutor", _("Openbaar Ministerie")
    EMPLOYER = "employer", _("Werkgever")
    HEALTH_INSURER = "health_insurer", _("Zorgverzekeraar")
    GGD = "ggd", _("GGD")
    WELFARE = "welfare", _("Welzijnsorganisatie")
    RESIDENTS = "residents", _("Bewonersorganisatie")
    OTHER = "other", _("Overig")


class OrganisationQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """National organisations (no area) are visible to everyone signed in."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self
        return self.filter(Q(area__isnull=True) | Q(area=user.area_id))


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("gebied"),
        help_text=_("Leeg voor landelijke organisaties zoals ministeries."),
    )
    ministry = models.CharField(_("ministerie"), max_length=4, choices=Ministry.choices, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "area"], name="organisation_unique_name_per_area"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(area__isnull=True), name="organisation_unique_national_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(OrganisationQuerySet):
    """National officials (no area) are visible to everyone signed in, like national organisations."""


class Person(models.Model):
    """Somebody who sits in an alliance. Contact details are personal data (AVG)."""

    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("gebied"),
        help_text=_("Het gebied waarin deze persoon bekend is; leeg voor landelijke functionarissen."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("gebruiker"),
    )
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------------------------
# The alliance


class QuorumRule(models.TextChoices):
    CHAIR_AND_MAJORITY = "chair_and_majority", _("Voorzitter plus meerderheid van de leden")
    MAJORITY = "majority", _("Meerderheid van de leden")
    CHAIR_AND_THIRD = "chair_and_third", _("Voorzitter plus een derde van de leden")


class AllianceQuerySet(ScopedQuerySet):
    area_path = "area"


class Alliance(models.Model):
    area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="alliance", verbose_name=_("gebied"))
    name = models.CharField(_("naam"), max_length=200)
    resident_seats = models.PositiveSmallIntegerField(_("zetels voor bewoners"), default=0)
    quorum_rule = models.CharField(
        _("quorumregel"), max_length=30, choices=QuorumRule.choices, default=QuorumRule.CHAIR_AND_MAJORITY
    )
    established_on = models.DateField(_("opgericht op"), null=True, blank=True)

    objects = AllianceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliantie")
        verbose_name_plural = _("allianties")
        ordering = ["area__name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Voorzitter (burgemeester)")
    ALDERMAN = "alderman", _("Wethouder")
    NATIONAL_REPRESENTATIVE = "national_representative", _("Rijksvertegenwoordiger")
    HOUSING_CORPORATION = "housing_corporation", _("Woningcorporatie")
    SCHOOL_BOARD = "school_board", _("Schoolbestuur")
    POLICE = "police", _("Politie")
    PUBLIC_PROSECUTOR = "public_prosecutor", _("Openbaar Ministerie")
    EMPLOYER = "employer", _("Werkgever")
    HEALTH_INSURER = "health_insurer", _("Zorgverzekeraar")
    GGD = "ggd", _("GGD")
    WELFARE = "welfare", _("Welzijnsorganisatie")
    RESIDENT = "resident", _("Bewoner")
    OTHER = "other", _("Overig")


class CivilServiceRank(models.TextChoices):
    DIRECTOR = "director", _("Directeur")
    DG = "dg", _("Directeur-generaal (DG)")
    SG = "sg", _("Secretaris-generaal (SG)")


class MembershipQuerySet(ScopedQuerySet):
    area_path = "alliance__area"

    def active_on(self, day) -> MembershipQuerySet:
        return self.filter(Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day)))


class Membership(models.Model):
    """A seat at the alliance table: who, for which organisation, in which role, for how long."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("alliantie")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("persoon"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=MemberRole.choices)
    rank = models.CharField(_("rang"), max_length=10, choices=CivilServiceRank.choices, blank=True)
    ministry = models.CharField(_("ministerie"), max_length=4, choices=Ministry.choices, blank=True)
    is_mayor = models.BooleanField(
        _("burgemeester"),
        default=False,
        help_text=_("Deze persoon is burgemeester van de gemeente; de voorzitter van de alliantie moet dat zijn."),
    )
    start_date = models.DateField(_("lid vanaf"))
    end_date = models.DateField(_("lid tot en met"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["alliance", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_not_before_start",
                violation_error_message=_("De einddatum mag niet voor de begindatum liggen."),
            ),
        ]
        indexes = [models.Index(fields=["alliance", "role"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum mag niet voor de begindatum liggen.")})


class MeetingQuerySet(ScopedQuerySet):
    area_path = "alliance__area"


class Meeting(models.Model):
    """An alliantieoverleg."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("alliantie")
    )
    date = models.DateField(_("datum"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.FileField(_("verslag"), upload_to="minutes/%Y/", storage=private_storage, blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliantieoverleg")
        verbose_name_plural = _("alliantieoverleggen")
        ordering = ["-date"]
        indexes = [
            models.Index(fields=["alliance", "date"]),
            models.Index(fields=["-date"], name="meeting_date_idx"),
        ]

    def __str__(self) -> str:
        return _("Alliantieoverleg %(date)s") % {"date": self.date.strftime("%d-%m-%Y")}

    def get_absolute_url(self) -> str:
        return reverse("meeting-detail", kwargs={"pk": self.pk})


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Aanwezig")
    ABSENT = "absent", _("Afwezig")
    EXCUSED = "excused", _("Afgemeld")


class AttendanceQuerySet(ScopedQuerySet):
    area_path = "meeting__alliance__area"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("overleg")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("lid")
    )
    status = models.CharField(_("aanwezigheid"), max_length=10, choices=AttendanceStatus.choices)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.membership.person} – {self.get_status_display()}"


class DecisionSubject(models.TextChoices):
    ADOPT_PLAN = "adopt_plan", _("Vaststellen plan")
    ENDORSE_APPLICATION = "endorse_application", _("Instemmen met aanvraag")
    ENDORSE_SPENDING_REPORT = "endorse_spending_report", _("Instemmen met verantwoording")
    OTHER = "other", _("Overig")


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Aangenomen")
    REJECTED = "rejected", _("Verworpen")
    POSTPONED = "postponed", _("Aangehouden")


class DecisionQuerySet(ScopedQuerySet):
    area_path = "meeting__alliance__area"


class Decision(models.Model):
    """A besluit of an alliance meeting. Plans, applications and spending reports point here.

    An endorsing decision names the one object it endorses (`endorses`: an application, a spending
    report — any model, so that this app names none of the apps above it). It is bound once, by
    `services.endorsement_bind`, and never to a second object.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("overleg"))
    subject = models.CharField(_("onderwerp"), max_length=30, choices=DecisionSubject.choices)
    text = models.TextField(_("besluittekst"))
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=DecisionOutcome.choices)
    endorses_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stemt in met (soort)"),
    )
    endorses_id = models.PositiveBigIntegerField(_("stemt in met (nummer)"), null=True, blank=True)
    endorses = GenericForeignKey("endorses_type", "endorses_id")

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-meeting__date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endorses_type", "endorses_id"],
                condition=Q(endorses_id__isnull=False),
                name="decision_endorses_an_object_once",
                violation_error_message=_("Er is al een besluit dat hiermee instemt."),
            ),
            models.CheckConstraint(
                condition=Q(endorses_type__isnull=True, endorses_id__isnull=True)
                | Q(endorses_type__isnull=False, endorses_id__isnull=False),
                name="decision_endorses_type_and_id_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} ({self.meeting.date:%d-%m-%Y})"


class PlanKind(models.TextChoices):
    AREA_PLAN = "area_plan", _("Gebiedsplan")
    IMPLEMENTATION_PLAN = "implementation_plan", _("Uitvoeringsplan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    ADOPTED = "adopted", _("Vastgesteld")
    SUPERSEDED = "superseded", _("Vervangen")


class PlanQuerySet(ScopedQuerySet):
    area_path = "alliance__area"


class Plan(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="plans", verbose_name=_("alliantie"))
    kind = models.CharField(_("soort"), max_length=30, choices=PlanKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    period_start = models.DateField(_("looptijd vanaf"))
    period_end = models.DateField(_("looptijd tot en met"))
    status = FSMField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    document = models.FileField(_("document"), upload_to="plans/%Y/", storage=private_storage, blank=True)
    adopted_by = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("vastgesteld bij besluit"),
    )

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")
        ordering = ["alliance", "kind", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="plan_end_not_before_start",
                violation_error_message=_("De einddatum mag niet voor de begindatum liggen."),
            ),
            models.UniqueConstraint(
                fields=["alliance", "kind"],
                condition=Q(status="adopted"),
                name="plan_one_adopted_per_kind",
                violation_error_message=_("Een alliantie heeft per soort plan één vastgesteld plan."),
            ),
            models.UniqueConstraint(fields=["alliance", "kind", "version"], name="plan_unique_version"),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_by__isnull=False),
                name="plan_adopted_has_decision",
                violation_error_message=_("Een vastgesteld plan verwijst naar het besluit dat het vaststelde."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plan-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("De einddatum mag niet voor de begindatum liggen.")})

    @transition(field=status, source=PlanStatus.DRAFT, target=PlanStatus.ADOPTED)
    def adopt(self, *, decision: Decision) -> None:
        self.adopted_by = decision

    @transition(field=status, source=PlanStatus.ADOPTED, target=PlanStatus.SUPERSEDED)
    def supersede(self) -> None:
        pass


class BottleneckStatus(models.TextChoices):
    SIGNALLED = "signalled", _("Gesignaleerd")
    IN_PROGRESS = "in_progress", _("In behandeling")
    ESCALATED = "escalated", _("Geëscaleerd")
    RESOLVED = "resolved", _("Opgelost")
    NOT_SOLVABLE = "not_solvable", _("Niet oplosbaar")


class BottleneckQuerySet(ScopedQuerySet):
    area_path = "area"


class Bottleneck(models.Model):
    """A knelpunt: a law or regulation that stands in the area's way."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="bottlenecks", verbose_name=_("gebied"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"))
    regulation = models.CharField(_("wet of regeling"), max_length=200)
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="bottlenecks", verbose_name=_("actielijn")
    )
    owner = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_bottlenecks",
        verbose_name=_("eigenaar (rijksvertegenwoordiger)"),
    )
    status = FSMField(_("status"), max_length=20, choices=BottleneckStatus.choices, default=BottleneckStatus.SIGNALLED)
    resolution = models.TextField(_("oplossing"), blank=True)
    signalled_on = models.DateField(_("gesignaleerd op"))

    objects = BottleneckQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-signalled_on", "pk"]
        indexes = [
            models.Index(fields=["area", "status"]),
            models.Index(fields=["-signalled_on", "id"], name="bottleneck_signalled_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bottleneck-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_BOTTLENECK_STATUSES

    @transition(field=status, source=BottleneckStatus.SIGNALLED, target=BottleneckStatus.IN_PROGRESS)
    def start(self) -> None:
        pass

    @transition(
        field=status,
        source=[BottleneckStatus.SIGNALLED, BottleneckStatus.IN_PROGRESS],
        target=BottleneckStatus.ESCALATED,
    )
    def escalate(self) -> None:
        pass

    @transition(
        field=status,
        source=[BottleneckStatus.IN_PROGRESS, BottleneckStatus.ESCALATED],
        target=BottleneckStatus.RESOLVED,
    )
    def resolve(self, *, resolution: str) -> None:
        self.resolution = resolution

    @transition(
        field=status,
        source=[BottleneckStatus.IN_PROGRESS, BottleneckStatus.ESCALATED],
        target=BottleneckStatus.NOT_SOLVABLE,
    )
    def mark_not_solvable(self, *, resolution: str) -> None:
        self.resolution = resolution


OPEN_BOTTLENECK_STATUSES = (BottleneckStatus.SIGNALLED, BottleneckStatus.IN_PROGRESS, BottleneckStatus.ESCALATED)


# ---------------------------------------------------------------------------------------------
