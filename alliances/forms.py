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
    # No preset role: a preset "chair" once replaced the mayor after three submits with the defaults.
    role = forms.ChoiceField(label=_("Rol"), choices=[("", _("— kies een rol —")), *MemberRole.choices])
    is_mayor = forms.BooleanField(label=_("Is burgemeester"), required=False)
    rank = forms.ChoiceField(
        label=_("Rang (rijksvertegenwoordiger)"), choices=[("", "—"), *CivilServiceRank.choices], required=False
    )
    ministry = forms.ChoiceField(
        label=_("Ministerie (rijksvertegenwoordiger)"), choices=[("", "—"), *Ministry.choices], required=False
    )
    start_date = forms.DateField(label=_("Lid vanaf"), widget=DateInput())
    end_date = forms.DateField(label=_("Lid tot en met"), widget=DateInput(), required=False)

    def __init__(self, *args, alliance, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("person", "person_name", "email", "phone"):
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

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)

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


class SuccessionForm(MembershipForm):
    """A new chair or rijksvertegenwoordiger who replaces the current one: a separate, confirmed step.

    The first submit shows whom the new member replaces and from when; only a second submit with
    `confirm` ticked, for the same predecessor, seats the successor and ends the current term.
    """

    predecessor = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("Ja, vervang de huidige"), required=False)

    def __init__(self, *args, alliance, user, **kwargs):
        super().__init__(*args, alliance=alliance, user=user, **kwargs)
        self.fields["role"].choices = [
            ("", _("— kies een rol —")),
            (MemberRole.CHAIR, MemberRole.CHAIR.label),
            (MemberRole.NATIONAL_REPRESENTATIVE, MemberRole.NATIONAL_REPRESENTATIVE.label),
        ]
        self.fields["start_date"].help_text = _("De termijn van de huidige eindigt op de dag ervoor.")

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("predecessor", None)
        data.pop("confirm", None)
        return data

    def ask_confirmation(self, predecessor: Membership) -> None:
        """Show the confirmation for `predecessor` (the form is re-rendered with it)."""
        self.data = self.data.copy()
        self.data["predecessor"] = str(predecessor.pk)
        self.data.pop("confirm", None)
        self.fields["confirm"].label = _("Ja, vervang %(person)s als %(role)s") % {
            "person": predecessor.person.name,
            "role": predecessor.get_role_display().lower(),
        }

    def is_confirmed_for(self, predecessor: Membership) -> bool:
        return bool(self.cleaned_data.get("confirm")) and self.cleaned_data.get("predecessor") == predecessor.pk


class MeetingForm(AccessibleForm):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    minutes = DocumentField(label=_("Verslag"))


class AttendanceForm(AccessibleForm):
    """One choice per member seated on the meeting's date."""

    def __init__(self, *args, seated: list[tuple[Membership, str]], everyone_present: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        unrecorded = AttendanceStatus.PRESENT if everyone_present else AttendanceStatus.ABSENT
        for membership, status in seated:
            name = f"member_{membership.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{membership.person.name} ({membership.get_role_display()})",
                choices=AttendanceStatus.choices,
                initial=status or unrecorded,
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
