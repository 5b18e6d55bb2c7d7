from areas.models import ActionLine, Area, Municipality
from core.api import ScopedReadOnlyViewSet

from ..filters import AreaFilter
from .serializers import ActionLineSerializer, AreaSerializer, MunicipalitySerializer


class MunicipalityViewSet(ScopedReadOnlyViewSet):
    queryset = Municipality.objects.all()
    serializer_class = MunicipalitySerializer
    search_fields = ["name", "cbs_code"]
    ordering_fields = ["name", "cbs_code"]
    ordering = ["name"]


class AreaViewSet(ScopedReadOnlyViewSet):
    queryset = Area.objects.all()
    serializer_class = AreaSerializer
    select_related = ("municipality",)
    filterset_class = AreaFilter
    search_fields = ["name", "municipality__name", "programme_name"]
    ordering_fields = ["name", "residents"]
    ordering = ["name"]


class ActionLineViewSet(ScopedReadOnlyViewSet):
    queryset = ActionLine.objects.all()
    serializer_class = ActionLineSerializer
    pagination_class = None

    def get_queryset(self):
        return ActionLine.objects.visible_to(self.request.user)
