from alliances.api.base import ScopedReadOnlyViewSet

from ..filters import CeilingFilter, ThemeFilter
from ..models import Ceiling, Scheme, Theme
from .serializers import CeilingSerializer, SchemeSerializer, ThemeSerializer


class SchemeViewSet(ScopedReadOnlyViewSet):
    """Schemes are public reference data for everyone signed in."""

    queryset = Scheme.objects.all()
    serializer_class = SchemeSerializer
    search_fields = ["name", "code"]
    ordering = ["-first_year"]

    def get_queryset(self):
        return Scheme.objects.prefetch_related("legal_bases")


class ThemeViewSet(ScopedReadOnlyViewSet):
    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    ordering = ["scheme", "position"]

    def get_queryset(self):
        return Theme.objects.select_related("scheme")


class CeilingViewSet(ScopedReadOnlyViewSet):
    queryset = Ceiling.objects.all()
    serializer_class = CeilingSerializer
    select_related = ("area", "theme__scheme")
    filterset_class = CeilingFilter
    ordering_fields = ["amount", "area__name"]
    ordering = ["theme__scheme", "area__name", "theme__position"]
