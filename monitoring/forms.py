"""Forms of the import page: the upload, and the choice what to do with a previewed file. Their fields are
rendered by `templates/includes/field.html` and a service's refusal is put on them by
`core.forms.add_service_errors`, as everywhere."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

IMPORT_ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (komma of puntkomma, UTF-8) of Excel (.xlsx), hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": IMPORT_ACCEPT}),
    )
    is_public = forms.BooleanField(
        label=_("De gebieds- en gemeentecijfers in dit bestand zijn openbaar"),
        required=False,
        help_text=_("Niet openbare cijfers ziet alleen het eigen gebied (en het landelijk team)."),
    )


class ImportFinishForm(forms.Form):
    LOAD, LOAD_GOOD, DISCARD = "load", "load_good", "discard"
    action = forms.ChoiceField(
        choices=[(LOAD, _("Laden")), (LOAD_GOOD, _("Alleen de goede rijen laden")), (DISCARD, _("Afbreken"))]
    )
    confirm_partial = forms.BooleanField(
        label=_("Ik begrijp dat de geweigerde cijfers niet worden geladen en als geweigerd worden vastgelegd"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.LOAD_GOOD and not data.get("confirm_partial"):
            self.add_error(
                "confirm_partial",
                _("Importregel: bevestig uitdrukkelijk dat u alleen de goede rijen wilt laden."),
            )
        return data
