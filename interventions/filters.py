"""The one FilterSet behind the area overview, the national library and the API.

Text search is `icontains` per word over title, description and target group, so that it behaves the
same on SQLite and PostgreSQL (every word must occur in one of the three fields).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.models import ActionLine, Area

from .models import EvidenceLevel, Intervention, InterventionStatus

MAX_SEARCH_WORDS = 8


def theme_queryset(request=None):
    # The theme lives in funding; interventions reads it through its own foreign key, never an import.
    theme_model = Intervention._meta.get_field("theme").related_model
    return theme_model.objects.select_related("scheme").order_by("-scheme__first_year", "position")


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.scheme.short_name or obj.scheme.name})"


class ThemeFilter(django_filters.ModelChoiceFilter):
    field_class = ThemeChoiceField


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorting with the primary key as the last key, so that pages never repeat or skip a row."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


class InterventionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Zoeken"),
        help_text=_("Zoekt in titel, omschrijving en doelgroep."),
        max_length=200,
    )
    action_line = django_filters.ModelChoiceFilter(
        queryset=ActionLine.objects.order_by("number"),
        to_field_name="number",
        label=_("Actielijn"),
        empty_label=_("Alle actielijnen"),
    )
    theme = ThemeFilter(queryset=theme_queryset, label=_("SPUK-thema"), empty_label=_("Alle thema's"))
    age = django_filters.NumberFilter(
        method="filter_age",
        label=_("Leeftijd in doelgroep"),
        help_text=_("Toont interventies waarvan de leeftijdsrange deze leeftijd omvat."),
        min_value=0,
        max_value=120,
    )
    evidence_level = django_filters.ChoiceFilter(
        choices=EvidenceLevel.choices, label=_("Mate van bewijs"), empty_label=_("Alle niveaus")
    )
    status = django_filters.ChoiceFilter(
        choices=InterventionStatus.choices, label=_("Status"), empty_label=_("Alle statussen")
    )
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.order_by("name"), to_field_name="slug", label=_("Gebied"), empty_label=_("Alle gebieden")
    )
    sort = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("area__name", "area"),
            ("action_line__number", "action_line"),
            ("status", "status"),
            ("start_date", "start_date"),
            ("planned_budget", "planned_budget"),
        ),
        field_labels={
            "title": _("Titel"),
            "area": _("Gebied"),
            "action_line": _("Actielijn"),
            "status": _("Status"),
            "start_date": _("Startdatum"),
            "planned_budget": _("Begroting"),
            # django-filter would format "… (descending)" once, at import, in the default language
            "-title": _("Titel (aflopend)"),
            "-area": _("Gebied (aflopend)"),
            "-action_line": _("Actielijn (aflopend)"),
            "-status": _("Status (aflopend)"),
            "-start_date": _("Startdatum (aflopend)"),
            "-planned_budget": _("Begroting (aflopend)"),
        },
        label=_("Sorteren"),
        empty_label=_("Standaard: gebied en titel"),
    )

    class Meta:
        model = Intervention
        fields = ["q", "action_line", "theme", "age", "evidence_level", "status", "area"]

    def filter_text(self, queryset, name, value):
        for word in value.split()[:MAX_SEARCH_WORDS]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | Q(target_group__icontains=word)
            )
        return queryset

    def filter_age(self, queryset, name, value):
        """An age X matches when age_min <= X <= age_max; an open end matches every age on that side."""
        return queryset.filter(
            (Q(age_min__isnull=True) | Q(age_min__lte=value)) & (Q(age_max__isnull=True) | Q(age_max__gte=value))
        )
