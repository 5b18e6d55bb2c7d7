"""Forms of the import page: the upload, and the choice what to do with a previewed file."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IMPORT_ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AccessibleFormMixin:
    """Links every field error to its input (aria-describedby) and marks the input invalid."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def add_service_error(self, error: ValidationError, *, field: str | None = None) -> None:
        for message in error.messages:
            self.add_error(field, message)
        if field:
            self.fields[field].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{self[field].auto_id}_error"}
            )


class ImportUploadForm(AccessibleFormMixin, forms.Form):
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


class ImportFinishForm(AccessibleFormMixin, forms.Form):
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
