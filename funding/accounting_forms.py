"""Forms of the accounting pages. They parse and show errors; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scheme, SpendingLine


class ReportCreateForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Toegekende aanvraag"), queryset=None)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.reference} – {a.scheme.name}"


class SpendingLineForm(forms.ModelForm):
    class Meta:
        model = SpendingLine
        fields = ["theme", "intervention", "amount", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.report = report
        application = report.application
        self.fields["theme"].queryset = application.scheme.themes.order_by("position")
        self.fields["intervention"].queryset = application.area.interventions.order_by("title")
        self.fields["intervention"].help_text = _("Optioneel: splits de besteding van een thema per interventie.")
        self.fields["amount"].help_text = _("Besteed in %(year)s, in euro's.") % {"year": report.year}
        self.fields["explanation"].help_text = _(
            "Verplicht als de besteding meer dan 10% afwijkt van het geplande bedrag."
        )

    def _post_clean(self):
        """No model validation here: the service checks every rule and its message gives the figures."""


class ReportSubmitForm(forms.Form):
    endorsement = forms.ModelChoiceField(
        label=_("Besluit van de alliantie dat instemt met deze verantwoording"),
        queryset=None,
        empty_label=_("— kies het besluit —"),
        required=False,
    )
    comment = forms.CharField(
        label=_("Toelichting (optioneel)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, endorsements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["endorsement"].queryset = endorsements


class ReportReviewForm(forms.Form):
    ACCEPT, RETURN = "accept", "return"
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(ACCEPT, _("Accepteren")), (RETURN, _("Terugsturen met opmerkingen"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Opmerkingen"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class MoneyFilterForm(forms.Form):
    regeling = forms.ModelChoiceField(
        label=_("Regeling"),
        queryset=Scheme.objects.filter(applications__isnull=False).distinct(),
        to_field_name="code",
        required=False,
    )


class SisaForm(forms.Form):
    regeling = forms.ModelChoiceField(
        label=_("Regeling"),
        queryset=Scheme.objects.filter(sisa_indicators__isnull=False).distinct(),
        to_field_name="code",
    )
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
