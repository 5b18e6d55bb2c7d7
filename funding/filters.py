import django_filters

from .models import Ceiling, Theme


class ThemeFilter(django_filters.FilterSet):
    scheme = django_filters.CharFilter(field_name="scheme__code", label="regeling (code)")

    class Meta:
        model = Theme
        fields = ["scheme", "ministry"]


class CeilingFilter(django_filters.FilterSet):
    scheme = django_filters.CharFilter(field_name="theme__scheme__code", label="regeling (code)")
    area = django_filters.CharFilter(field_name="area__slug", label="gebied (korte naam)")
    theme = django_filters.CharFilter(field_name="theme__code", label="thema (code)")

    class Meta:
        model = Ceiling
        fields = ["scheme", "area", "theme"]
