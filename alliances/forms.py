"""Forms of the alliance pages. They parse input; the rules live in `services.py`."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Ministry
from areas.models import ActionLine, ResidentRepresentation
from core.documents import validate_document

from .models import (
    AttendanceStatus,
    CivilServiceRank,
    DecisionOutcome,
    DecisionSubject,
    MemberRole,
    Membership,
    Organisation,
    Person,
    Plan,
    PlanKind,
    PlanStatus,
    QuorumRule,
)
from .services import BOTTLENECK_TRANSITIONS

DOCUMENT_ACCEPT = ".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AccessibleForm(forms.Form):
    """Fields carry the house classes; `includes/field.html` links each control to its help and errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-field__input")


class DocumentField(forms.FileField):
    """PDF, DOCX or ODT of at most 20 MB, checked by content; the reason of a refusal is shown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("PDF, DOCX of ODT, hoogstens 20 MB."))
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = DOCUMENT_ACCEPT

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "read"):
            validate_document(upload)
        return upload


class AllianceSettingsForm(AccessibleForm):
    resident_seats = forms.IntegerField(label=_("Zetels voor bewoners"), min_value=0, max_value=99)
    quorum_rule = forms.ChoiceField(label=_("Quorumregel"), choices=QuorumRule.choices)
    resident_representation = forms.ChoiceField(
        label=_("Bewonersvertegenwoordiging"), choices=ResidentRepresentation.choices
    )


class MembershipForm(AccessibleForm):
    person = forms.ModelChoiceField(
        label=_("Bestaande persoon"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Of laat leeg en vul hieronder een nieuwe persoon in."),
    )
    person_name = forms.CharField(label=_("Naam nieuwe persoon"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisatie"), queryset=Organisation.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Rol"), choices=MemberRole.choices)
    is_mayor = forms.BooleanField(label=_("Is burgemeester"), required=False)
    rank = forms.ChoiceField(
        label=_("Rang (rijksvertegenwoordiger)"), choices=[("", "—"), *CivilServiceRank.choices], required=False
    )
    ministry = forms.ChoiceField(
        label=_("Ministerie (rijksvertegenwoordiger)"), choices=[("", "—"), *Ministry.choices], required=False
    )
    start_date = forms.DateField(label=_("Lid vanaf"), widget=DateInput())
    end_date = forms.DateField(label=_("Lid tot en met"), widget=DateInput(), required=False)
    succession = forms.BooleanField(
        label=_("Opvolger van de huidige voorzitter of rijksvertegenwoordiger"),
        required=False,
        help_text=_(
            "Een alliantie heeft precies één voorzitter en één rijksvertegenwoordiger. Vink dit aan om de "
            "termijn van de huidige op de dag vóór ‘Lid vanaf’ te laten eindigen."
        ),
    )

    def __init__(self, *args, alliance, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("person", "person_name", "email", "phone", "succession"):
                del self.fields[name]
        else:
            self.fields["person"].queryset = (
                Person.objects.visible_to(user)
                .filter(Q(area=alliance.area) | Q(memberships__alliance=alliance))
                .filter(anonymised_at__isnull=True)
                .distinct()
                .order_by("name")
            )
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).filter(
            Q(area=alliance.area) | Q(area__isnull=True)
        )

    @staticmethod
    def initial_from(membership: Membership) -> dict:
        return {
            "organisation": membership.organisation_id,
            "role": membership.role,
            "is_mayor": membership.is_mayor,
            "rank": membership.rank,
            "ministry": membership.ministry,
            "start_date": membership.start_date,
            "end_date": membership.end_date,
        }


class MeetingForm(AccessibleForm):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    minutes = DocumentField(label=_("Verslag"))


class AttendanceForm(AccessibleForm):
    """One choice per member seated on the meeting's date."""

    def __init__(self, *args, seated: list[tuple[Membership, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for membership, status in seated:
            name = f"member_{membership.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{membership.person.name} ({membership.get_role_display()})",
                choices=AttendanceStatus.choices,
                initial=status or AttendanceStatus.ABSENT,
                widget=forms.RadioSelect,
            )
            self.rows.append((membership, name))

    def statuses(self) -> dict[int, str]:
        return {membership.pk: self.cleaned_data[name] for membership, name in self.rows}


class DecisionForm(AccessibleForm):
    subject = forms.ChoiceField(label=_("Onderwerp"), choices=DecisionSubject.choices)
    text = forms.CharField(label=_("Besluittekst"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=DecisionOutcome.choices)
    plan = forms.ModelChoiceField(
        label=_("Plan dat wordt vastgesteld"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("Alleen bij ‘Vaststellen plan’: een conceptplan van deze alliantie."),
    )

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = (
            Plan.objects.visible_to(user)
            .filter(alliance_id=meeting.alliance_id, status=PlanStatus.DRAFT)
            .order_by("kind", "-version")
        )


class PlanForm(AccessibleForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    period_start = forms.DateField(label=_("Looptijd vanaf"), widget=DateInput())
    period_end = forms.DateField(label=_("Looptijd tot en met"), widget=DateInput())
    document = DocumentField(label=_("Document"))


class BottleneckForm(AccessibleForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}))
    regulation = forms.CharField(label=_("Wet of regeling"), max_length=200)
    action_line = forms.ModelChoiceField(label=_("Actielijn"), queryset=ActionLine.objects.all())
    owner = forms.ModelChoiceField(
        label=_("Eigenaar (rijksvertegenwoordiger)"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Leeg: de huidige rijksvertegenwoordiger van het gebied."),
    )

    def __init__(self, *args, area, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            Membership.objects.visible_to(user)
            .filter(alliance__area=area, role=MemberRole.NATIONAL_REPRESENTATIVE)
            .select_related("person")
        )


class BottleneckTransitionForm(AccessibleForm):
    name = forms.ChoiceField(label=_("Nieuwe status"), choices=list(BOTTLENECK_TRANSITIONS.items()))
    resolution = forms.CharField(
        label=_("Oplossing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Verplicht bij ‘Opgelost’ en ‘Niet oplosbaar’."),
    )
    comment = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
