"""Forms of the bureau's pages. They parse and show errors; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MoneyField
from core.validation import TEXT_MAX_LENGTH

from .models import ApplicationLine, InformationRequest, Scheme


class ApplicationCreateForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label=_("Regeling"), queryset=Scheme.objects.filter(themes__ceilings__isnull=False).distinct()
    )


class ApplicationLineForm(forms.ModelForm):
    class Meta:
        model = ApplicationLine
        fields = ["theme", "year", "amount", "description", "interventions", "partners", "school_share_in_area"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "interventions": forms.CheckboxSelectMultiple,
        }
        field_classes = {"amount": MoneyField}

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.instance.application = application
        self.fields["theme"].queryset = application.scheme.themes.order_by("position")
        self.fields["interventions"].queryset = application.area.interventions.order_by("title")
        self.fields["year"].help_text = _("Van %(first)s tot en met %(last)s.") % {
            "first": application.scheme.first_year,
            "last": application.scheme.last_year,
        }
        self.fields["amount"].help_text = _("In euro's, met hoogstens twee cijfers achter de komma.")


class EndorsementChoiceField(forms.ModelChoiceField):
    """Each decision labelled by its meeting's date, subject, text and number: two are never alike."""

    def label_from_instance(self, decision) -> str:
        text = " ".join(decision.text.split())
        if len(text) > 70:
            text = text[:69] + "…"
        return _("Overleg %(date)s – %(subject)s: “%(text)s” (besluit %(pk)s)") % {
            "date": f"{decision.meeting.date:%d-%m-%Y}",
            "subject": decision.get_subject_display(),
            "text": text,
            "pk": decision.pk,
        }


class SubmitForm(forms.Form):
    endorsement = EndorsementChoiceField(
        label=_("Besluit van de alliantie dat instemt met de aanvraag"),
        queryset=None,
        empty_label=_("— kies het besluit —"),
        required=False,
    )
    comment = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, endorsements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["endorsement"].queryset = endorsements


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.ModelForm):
    class Meta:
        model = InformationRequest
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
