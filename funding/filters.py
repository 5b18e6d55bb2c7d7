import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Application, ApplicationLine, ApplicationStatus, Ceiling, Theme


class ThemeFilter(django_filters.FilterSet):
    scheme = django_filters.CharFilter(field_name="scheme__code", label=_("regeling (code)"))

    class Meta:
        model = Theme
        fields = ["scheme", "ministry"]


class CeilingFilter(django_filters.FilterSet):
    scheme = django_filters.CharFilter(field_name="theme__scheme__code", label=_("regeling (code)"))
    area = django_filters.CharFilter(field_name="area__slug", label=_("gebied (korte naam)"))
    theme = django_filters.CharFilter(field_name="theme__code", label=_("thema (code)"))

    class Meta:
        model = Ceiling
        fields = ["scheme", "area", "theme"]


class ApplicationFilter(django_filters.FilterSet):
    """Serves the API query parameters and the filter form above the application list."""

    scheme = django_filters.CharFilter(field_name="scheme__code", label=_("Regeling (code)"))
    area = django_filters.CharFilter(field_name="area__slug", label=_("Gebied (korte naam)"))
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))

    class Meta:
        model = Application
        fields = ["scheme", "area", "status"]


class ApplicationLineFilter(django_filters.FilterSet):
    application = django_filters.NumberFilter(field_name="application_id", label=_("Aanvraag (id)"))
    scheme = django_filters.CharFilter(field_name="application__scheme__code", label=_("Regeling (code)"))
    area = django_filters.CharFilter(field_name="application__area__slug", label=_("Gebied (korte naam)"))
    theme = django_filters.CharFilter(field_name="theme__code", label=_("Thema (code)"))
    status = django_filters.ChoiceFilter(
        field_name="application__status", choices=ApplicationStatus.choices, label=_("Status aanvraag")
    )

    class Meta:
        model = ApplicationLine
        fields = ["application", "scheme", "area", "theme", "status", "year"]
