"""Interventions API: the area's register (scoped, transitions as actions) and the national library.

Both use `InterventionFilter`, the FilterSet of the pages, so `?q=&action_line=&theme=&age=&
evidence_level=&status=&area=&sort=` mean the same everywhere. Writes go through `services`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import IdsFirstPagination, ScopedViewSetMixin

from .. import selectors, services
from ..filters import InterventionFilter
from ..models import Intervention, OutputMeasure
from .serializers import (
    CompleteSerializer,
    InterventionSerializer,
    LibraryInterventionDetailSerializer,
    LibraryInterventionSerializer,
    OtherFundingSerializer,
    OutputMeasureSerializer,
    ProgressUpdateSerializer,
    StopSerializer,
    TransitionSerializer,
)


def _fields(data: dict) -> dict:
    return {name: value for name, value in data.items() if name in services.EDITABLE_FIELDS}


class InterventionViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The interventions of the user's area (all areas for nationwide roles). Another area's is a 404."""

    queryset = Intervention.objects.all()
    serializer_class = InterventionSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = IdsFirstPagination  # each row carries its SPUK sums
    filter_backends = [DjangoFilterBackend]
    filterset_class = InterventionFilter

    def get_queryset(self):
        return selectors.intervention_list(user=self.request.user).prefetch_related(
            "outputs", "other_funding", "partners"
        )

    def _respond(self, intervention: Intervention, code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=intervention.pk)
        return Response(InterventionSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if request.user.area_id is None:
            raise PermissionDenied(
                _("Alleen medewerkers van een programmabureau leggen interventies van hun gebied vast.")
            )
        intervention = services.intervention_create(
            actor=request.user, area=request.user.area, fields=_fields(data), partners=data.get("partners", ())
        )
        return self._respond(intervention, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        intervention = self.get_object()
        serializer = self.get_serializer(intervention, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.intervention_update(
            intervention=intervention, actor=request.user, fields=_fields(data), partners=data.get("partners")
        )
        return self._respond(intervention)

    def _transition(self, request, name: str, serializer_class, pk=None) -> Response:
        intervention = self.get_object()
        params = serializer_class(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        if name == "complete":
            data["actuals"] = {row["output"]: row["actual"] for row in data.get("actuals", [])}
        services.intervention_transition(intervention=intervention, actor=request.user, name=name, **data)
        return self._respond(intervention)

    @extend_schema(
        request=TransitionSerializer, responses=InterventionSerializer, summary=gettext_lazy("idee → gepland")
    )
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        return self._transition(request, "plan", TransitionSerializer)

    @extend_schema(
        request=TransitionSerializer, responses=InterventionSerializer, summary=gettext_lazy("gepland → lopend")
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._transition(request, "start", TransitionSerializer)

    @extend_schema(
        request=CompleteSerializer,
        responses=InterventionSerializer,
        summary=gettext_lazy("lopend → afgerond (einddatum en eindcijfers per outputmaat)"),
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._transition(request, "complete", CompleteSerializer)

    @extend_schema(
        request=StopSerializer, responses=InterventionSerializer, summary=gettext_lazy("→ gestopt (met reden)")
    )
    @action(detail=True, methods=["post"])
    def stop(self, request, pk=None):
        return self._transition(request, "stop", StopSerializer)

    def _create_part(self, request, serializer_class, create):
        """Add a progress update, output measure or other funding through its service; 201 with the new part."""
        intervention = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        part = create(intervention=intervention, actor=request.user, **serializer.validated_data)
        return Response(serializer_class(part).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProgressUpdateSerializer, responses={201: ProgressUpdateSerializer})
    @action(detail=True, methods=["post"], url_path="progress-updates")
    def progress_updates(self, request, pk=None):
        return self._create_part(request, ProgressUpdateSerializer, services.progress_update_create)

    @extend_schema(request=OutputMeasureSerializer, responses={201: OutputMeasureSerializer})
    @action(detail=True, methods=["post"])
    def outputs(self, request, pk=None):
        return self._create_part(request, OutputMeasureSerializer, services.output_measure_create)

    @extend_schema(request=OutputMeasureSerializer, responses=OutputMeasureSerializer)
    @action(detail=True, methods=["put"], url_path=r"outputs/(?P<output_pk>\d+)")
    def output_update(self, request, pk=None, output_pk=None):
        intervention = self.get_object()
        output = get_object_or_404(OutputMeasure, intervention=intervention, pk=output_pk)
        serializer = OutputMeasureSerializer(output, data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        output = services.output_measure_update(
            output=output,
            actor=request.user,
            name=data["name"],
            unit=data["unit"],
            target=data.get("target"),
            actual=data.get("actual"),
        )
        return Response(OutputMeasureSerializer(output).data)

    @extend_schema(request=OtherFundingSerializer, responses={201: OtherFundingSerializer})
    @action(detail=True, methods=["post"], url_path="other-funding")
    def other_funding(self, request, pk=None):
        return self._create_part(request, OtherFundingSerializer, services.other_funding_create)


class LibraryViewSet(viewsets.ReadOnlyModelViewSet):
    """The national library: interventions of every area, summary fields only; copy one to your own area."""

    queryset = Intervention.objects.none()
    serializer_class = LibraryInterventionSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = InterventionFilter

    def get_queryset(self):
        qs = selectors.library_list()
        if self.action == "retrieve":
            qs = qs.prefetch_related("outputs")
        return qs

    def get_serializer_class(self):
        return LibraryInterventionDetailSerializer if self.action == "retrieve" else LibraryInterventionSerializer

    @extend_schema(request=None, responses={201: InterventionSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        source = self.get_object()
        copy = services.intervention_copy(source=source, actor=request.user)
        fresh = selectors.intervention_get(user=request.user, pk=copy.pk)
        return Response(InterventionSerializer(fresh).data, status=status.HTTP_201_CREATED)
