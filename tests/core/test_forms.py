"""The one form-error helper and the one field include (label, help, errors, aria-describedby)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from core.forms import add_service_errors


class SampleForm(forms.Form):
    amount = forms.DecimalField(label="Bedrag", help_text="In euro's.")
    note = forms.CharField(label="Toelichting", required=False)
    confirm = forms.BooleanField(label="Ja", required=False, help_text="Verplicht bij stoppen.")
    choice = forms.ChoiceField(label="Stand", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def field_html(form, name, **context) -> str:
    return render_to_string("includes/field.html", {"field": form[name], **context})


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"', html))


def test_service_errors_land_on_named_fields_and_the_rest_on_top():
    form = SampleForm({"amount": "1", "choice": "a"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"amount": ["Boven het plafond."], "year": ["Buiten de regeling."]}))
    assert form.errors["amount"] == ["Boven het plafond."]
    assert form.non_field_errors() == ["Buiten de regeling."]
    add_service_errors(form, ValidationError("Regel quorum: niet beslissingsbevoegd."))
    assert "Regel quorum: niet beslissingsbevoegd." in form.non_field_errors()


def test_control_points_at_its_help_and_its_error():
    form = SampleForm({"amount": "x", "choice": "a"})
    form.is_valid()
    html = field_html(form, "amount")
    assert 'aria-describedby="id_amount_helptext id_amount_error"' in html
    assert 'aria-invalid="true"' in html
    assert {"id_amount", "id_amount_helptext", "id_amount_error"} <= ids_in(html)
    assert '<label class="form-field__label" for="id_amount">Bedrag</label>' in html


def test_valid_field_points_only_at_its_help_and_optional_is_marked():
    form = SampleForm({"amount": "1", "choice": "a"})
    form.is_valid()
    html = field_html(form, "amount")
    assert 'aria-describedby="id_amount_helptext"' in html and "aria-invalid" not in html
    note = field_html(form, "note")
    assert "aria-describedby" not in note and "(optioneel)" in note
    assert "(optioneel)" not in field_html(form, "note", compact=True)


def test_checkbox_and_radio_group_are_linked_too():
    form = SampleForm({"amount": "1"})
    form.is_valid()
    checkbox = field_html(form, "confirm")
    assert 'aria-describedby="id_confirm_helptext"' in checkbox and "id_confirm_helptext" in ids_in(checkbox)
    radio = field_html(form, "choice")
    assert re.search(
        r'<fieldset class="form-field__fieldset" aria-describedby="id_choice_error" aria-invalid="true">', radio
    )
    assert "<legend" in radio and "id_choice_error" in ids_in(radio)
