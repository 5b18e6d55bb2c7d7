"""The one FilterSet behind the area overview, the national library and the API.

Text search is `icontains` per word over title, description and target group, so that it behaves the
same on SQLite and PostgreSQL (every word must occur in one of the three fields).
"""

from __future__ import annotations

import django_filters
import django_filters.constants
from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from areas.filters import AreaSearchFilter
from areas.models import ActionLine

from .extensions import funding_provider
from .models import EvidenceLevel, Intervention, InterventionStatus

MAX_SEARCH_WORDS = 8


def theme_queryset(request=None):
    """The SPUK themes, from funding through the extension point (none without a funding provider)."""
    return funding_provider().theme_choices()


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return funding_provider().theme_label(obj)


@extend_schema_field(OpenApiTypes.INT)
class ThemeFilter(django_filters.ModelChoiceFilter):
    """`?theme=<id>`: the interventions that work under that SPUK theme."""

    field_class = ThemeChoiceField

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return funding_provider().filter_theme(qs, value)


class ThemeListFilter(admin.SimpleListFilter):
    """The same theme filter for the admin's change list."""

    title = _("SPUK-thema")
    parameter_name = "theme"

    def lookups(self, request, model_admin):
        provider = funding_provider()
        return [(str(theme.pk), provider.theme_label(theme)) for theme in provider.theme_choices()]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        theme = funding_provider().theme_choices().filter(pk=value).first()
        return funding_provider().filter_theme(queryset, theme) if theme else queryset.none()


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
    area = AreaSearchFilter()
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
