"""Forms of the intervention pages. They parse input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from alliances.models import Organisation
from core.forms import MoneyField

from .extensions import funding_provider
from .filters import ThemeChoiceField, theme_queryset
from .models import AGE_MESSAGE, FundingSource, Intervention, OutputMeasure, ProgressStatus
from .services import EDITABLE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InterventionForm(forms.ModelForm):
    # Not a model field: the SPUK theme is funding's data, read and stored through the extension point.
    theme = ThemeChoiceField(queryset=None, required=False, label=_("SPUK-thema"))

    class Meta:
        model = Intervention
        fields = [*(name for name in EDITABLE_FIELDS if name != "theme"), "partners"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "resident_involvement": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }
        error_messages = {
            "age_min": {"min_value": AGE_MESSAGE, "max_value": AGE_MESSAGE},
            "age_max": {"min_value": AGE_MESSAGE, "max_value": AGE_MESSAGE},
        }
        help_texts = {
            "age_min": _("0 tot en met 120; jeugdcriminaliteitspreventie werkt met 8 tot en met 27 jaar."),
            "planned_budget": _("In euro's, bijvoorbeeld 125.000,50."),
        }
        field_classes = {"planned_budget": MoneyField}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = theme_queryset()
        if self.instance.pk is not None:
            # `theme_id` is annotated by the selectors; a bare instance asks the provider.
            theme_id = getattr(self.instance, "theme_id", None)
            if not hasattr(self.instance, "theme_id"):
                theme = funding_provider().theme_of(self.instance)
                theme_id = theme.pk if theme else None
            self.initial.setdefault("theme", theme_id)
        self.order_fields([*EDITABLE_FIELDS, "partners"])
        organisations = Organisation.objects.filter(area__in=[area]) | Organisation.objects.filter(area__isnull=True)
        self.fields["lead_organisation"].queryset = organisations.order_by("name")
        self.fields["partners"].queryset = organisations.order_by("name")
        self.fields["action_line"].empty_label = None

    def _post_clean(self):
        # The service validates the model (full_clean) in its transaction; the form only parses input.
        pass


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van stoppen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht: waarom stopt deze interventie?"),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("Ja, ik wil deze interventie stoppen"),
        error_messages={"required": _("Bevestig dat u deze interventie wilt stoppen.")},
    )


class CompleteForm(forms.Form):
    end_date = forms.DateField(label=_("Einddatum"), required=False, widget=DateInput())
    comment = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, outputs, **kwargs):
        super().__init__(*args, **kwargs)
        self.outputs = outputs
        for output in outputs:
            self.fields[f"actual_{output.pk}"] = forms.DecimalField(
                label=_("Eindcijfer: %(name)s (%(unit)s)") % {"name": output.name, "unit": output.unit},
                required=False,
                max_digits=12,
                decimal_places=2,
                initial=output.actual,
                help_text=_("Doel: %(target)s") % {"target": output.target if output.target is not None else "—"},
            )

    def actuals(self) -> dict:
        return {o.pk: self.cleaned_data.get(f"actual_{o.pk}") for o in self.outputs}


class OutputMeasureForm(forms.ModelForm):
    class Meta:
        model = OutputMeasure
        fields = ["name", "unit", "target", "actual"]

    def _post_clean(self):
        pass


class ProgressUpdateForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"))
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"), coerce=int, choices=[(q, format_lazy("{} {}", _("Kwartaal"), q)) for q in range(1, 5)]
    )
    rag_status = forms.ChoiceField(label=_("Stand"), choices=ProgressStatus.choices, widget=forms.RadioSelect)
    reach = forms.IntegerField(label=_("Bereik (aantal mensen)"), required=False)
    narrative = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["quarter"].initial = (today.month - 1) // 3 + 1


class OtherFundingForm(forms.Form):
    source = forms.ChoiceField(label=_("Bron"), choices=FundingSource.choices)
    amount = MoneyField(label=_("Bedrag (€)"))
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, ik weet het zeker"), error_messages={"required": _("Bevestig eerst dat u dit wilt.")}
    )
