import django_filters

from .models import Area, ResidentRepresentation


class AreaFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code", label="CBS-gemeentecode")
    resident_representation = django_filters.ChoiceFilter(choices=ResidentRepresentation.choices)

    class Meta:
        model = Area
        fields = ["municipality", "resident_representation", "is_synthetic"]
