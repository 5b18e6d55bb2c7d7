"""The monitor's API: indicators and values to read (scoped); figures are written only by an import run.

`POST /import-runs/` (multipart `file`) checks a file and returns the run with every problem; nothing
is stored. `POST /import-runs/{id}/load/` loads it (atomic; `only_good_rows: true` loads the good
rows and records the rest), `POST /import-runs/{id}/discard/` closes it.
"""

from __future__ import annotations

import django_filters
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api import ScopedReadOnlyViewSet, ScopedViewSetMixin

from .. import selectors, services
from ..models import ImportRun, Indicator, IndicatorScope, IndicatorValue
from .serializers import (
    ImportLoadSerializer,
    ImportProblemSerializer,
    ImportRunSerializer,
    ImportUploadSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
)


class IndicatorFilter(django_filters.FilterSet):
    action_line = django_filters.NumberFilter(field_name="action_line__number")

    class Meta:
        model = Indicator
        fields = ["code", "action_line", "unit"]


class IndicatorValueFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(field_name="indicator__code")
    scope = django_filters.ChoiceFilter(choices=IndicatorScope.choices)
    area = django_filters.CharFilter(field_name="area__slug")
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code")
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "scope", "area", "municipality", "year", "year_from", "year_to"]


class IndicatorViewSet(ScopedReadOnlyViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    select_related = ("action_line", "partition")
    filterset_class = IndicatorFilter
    search_fields = ["code", "name", "specification"]
    ordering = ["action_line__number", "code"]


class IndicatorValueViewSet(ScopedReadOnlyViewSet):
    queryset = IndicatorValue.objects.all()
    serializer_class = IndicatorValueSerializer
    select_related = ("indicator", "area", "municipality")
    filterset_class = IndicatorValueFilter
    ordering_fields = ["year", "value"]
    ordering = ["indicator__code", "place", "year"]


class ImportRunViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = ImportRun.objects.all()
    serializer_class = ImportRunSerializer
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    select_related = ("created_by", "finished_by", "area")
    ordering = ["-created_at", "-pk"]

    def get_serializer_class(self):
        if self.action == "create":
            return ImportUploadSerializer
        if self.action == "load":
            return ImportLoadSerializer
        return ImportRunSerializer

    def create(self, request, *args, **kwargs):
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data, name = services.read_upload(upload.validated_data["file"])
        run = services.import_preview(
            data=data, name=name, actor=request.user, is_public=upload.validated_data["is_public"]
        )
        return Response(self._with_problems(run), status=status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        return Response(self._with_problems(self.get_object()))

    @action(detail=True, methods=["post"])
    def load(self, request, pk=None):
        choice = ImportLoadSerializer(data=request.data)
        choice.is_valid(raise_exception=True)
        run = services.import_commit(
            run=self.get_object(), actor=request.user, only_good_rows=choice.validated_data["only_good_rows"]
        )
        return Response(self._with_problems(run))

    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None):
        run = services.import_discard(run=self.get_object(), actor=request.user)
        return Response(ImportRunSerializer(run).data)

    def _with_problems(self, run) -> dict:
        run = selectors.import_run_get(user=self.request.user, pk=run.pk)
        return {
            **ImportRunSerializer(run).data,
            "problems": ImportProblemSerializer(run.problems.all()[:1000], many=True).data,
        }
