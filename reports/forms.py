"""The form that starts a report: the kinds and areas offered depend on who asks."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from areas.models import Area

from . import registry
from .models import Scope


class ReportStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort rapportage"))
    area = forms.ModelChoiceField(
        label=_("Gebied"),
        queryset=Area.objects.none(),
        required=False,
        help_text=_("Alleen bij een gebiedsrapportage."),
    )
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"),
        coerce=int,
        required=False,
        choices=[(q, _("%(quarter)se kwartaal") % {"quarter": q}) for q in (1, 2, 3, 4)],
        help_text=_("Alleen bij een kwartaalrapportage."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [k for k in registry.startable_kinds() if k.scope == Scope.AREA or user.sees_all_areas]
        self.fields["kind"].choices = [(k.code, k.label) for k in kinds]
        self.fields["area"].queryset = Area.objects.visible_to(user).filter(is_synthetic=False).order_by("name")
        if not user.sees_all_areas and user.area_id:
            self.fields["area"].initial = user.area_id
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year, 2021, -1)]
        year, quarter = registry.quarter_before(timezone.localdate())
        self.fields["year"].initial = year
        self.fields["quarter"].initial = quarter
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-field__input")

    def parameters(self) -> dict:
        data = self.cleaned_data
        return {"year": data["year"], "quarter": data.get("quarter")}
