"""API of the alliance: the same services, rules and scoping as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api import ScopedViewSetMixin

from .. import selectors, services
from ..filters import BottleneckFilter, MembershipFilter, PlanFilter
from ..models import Alliance, Bottleneck, Decision, Meeting, Membership, Person, Plan
from .serializers import (
    AllianceSerializer,
    AttendanceRecordSerializer,
    AttendanceSerializer,
    BottleneckSerializer,
    BottleneckTransitionSerializer,
    DecisionSerializer,
    MeetingSerializer,
    MembershipSerializer,
    PersonSerializer,
    PlanAdoptSerializer,
    PlanSerializer,
    QuorumSerializer,
)


class _Base(ScopedViewSetMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]


class AllianceViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin):
    """Alliances side by side; PATCH sets the resident seats and the quorum rule."""

    queryset = Alliance.objects.all()
    serializer_class = AllianceSerializer
    http_method_names = ["get", "patch", "head", "options"]
    search_fields = ["name", "area__name"]

    def get_queryset(self):
        return selectors.alliance_overview(user=self.request.user)

    def perform_update(self, serializer):
        alliance = serializer.instance
        data = serializer.validated_data
        serializer.instance = services.alliance_update(
            alliance=alliance,
            actor=self.request.user,
            resident_seats=data.get("resident_seats", alliance.resident_seats),
            quorum_rule=data.get("quorum_rule", alliance.quorum_rule),
        )

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        super().update(request, *args, **kwargs)
        return Response(self.get_serializer(self.get_object()).data)


class PersonViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    select_related = ("area",)
    search_fields = ["name"]
    ordering = ["name"]


class MembershipViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin
):
    queryset = Membership.objects.all()
    serializer_class = MembershipSerializer
    select_related = ("person", "organisation", "alliance")
    filterset_class = MembershipFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering = ["alliance", "role_rank", "person__name", "pk"]

    def get_queryset(self):
        return selectors.in_role_order(super().get_queryset())

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        alliance = data.pop("alliance")
        data["person"] = data.pop("person_in", None)
        serializer.instance = services.membership_create(alliance=alliance, actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in services.MEMBERSHIP_FIELDS}
        serializer.instance = services.membership_update(
            membership=serializer.instance, actor=self.request.user, **data
        )


class MeetingViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    select_related = ("alliance",)
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering = ["-date", "-pk"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        alliance = data.pop("alliance")
        serializer.instance = services.meeting_create(alliance=alliance, actor=self.request.user, **data)

    @extend_schema(request=AttendanceRecordSerializer, responses=AttendanceSerializer(many=True))
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record who was present, absent or excused (replaces the previous record)."""
        meeting = self.get_object()
        serializer = AttendanceRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        statuses = {row["membership"].pk: row["status"] for row in serializer.validated_data["attendances"]}
        rows = services.attendance_record(meeting=meeting, actor=request.user, statuses=statuses)
        return Response(AttendanceSerializer(rows, many=True).data)

    @extend_schema(responses=QuorumSerializer)
    @action(detail=True, methods=["get"])
    def quorum(self, request, pk=None):
        quorum = services.meeting_quorum(meeting=self.get_object())
        return Response(QuorumSerializer(quorum).data)


class DecisionViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    """Decisions of meetings; creating one checks the quorum and may adopt a plan."""

    queryset = Decision.objects.all()
    serializer_class = DecisionSerializer
    select_related = ("meeting",)
    ordering = ["-meeting__date", "pk"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        serializer.instance = services.decision_record(meeting=meeting, actor=self.request.user, **data)


class PlanViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    queryset = Plan.objects.all()
    serializer_class = PlanSerializer
    select_related = ("alliance",)
    filterset_class = PlanFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering = ["alliance", "kind", "-version"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        alliance = data.pop("alliance")
        serializer.instance = services.plan_create(alliance=alliance, actor=self.request.user, **data)

    @extend_schema(request=PlanAdoptSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """Adopt this draft by an adopted 'adopt plan' decision; the previous version is superseded."""
        plan = self.get_object()
        serializer = PlanAdoptSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        plan = services.plan_adopt(plan=plan, actor=request.user, **serializer.validated_data)
        return Response(PlanSerializer(plan, context=self.get_serializer_context()).data)


class BottleneckViewSet(
    _Base, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin
):
    queryset = Bottleneck.objects.all()
    serializer_class = BottleneckSerializer
    select_related = ("area", "action_line", "owner__person")
    filterset_class = BottleneckFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    ordering = ["-signalled_on", "pk"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        area = data.pop("area")
        serializer.instance = services.bottleneck_create(area=area, actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in services.BOTTLENECK_FIELDS}
        serializer.instance = services.bottleneck_update(
            bottleneck=serializer.instance, actor=self.request.user, **data
        )

    def _transition(self, request, name):
        bottleneck = self.get_object()  # another area's bottleneck is a 404 before the input is read
        serializer = BottleneckTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bottleneck = services.bottleneck_transition(
            bottleneck=bottleneck, actor=request.user, name=name, **serializer.validated_data
        )
        return Response(BottleneckSerializer(bottleneck, context=self.get_serializer_context()).data)

    @extend_schema(request=BottleneckTransitionSerializer, responses=BottleneckSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._transition(request, "start")

    @extend_schema(request=BottleneckTransitionSerializer, responses=BottleneckSerializer)
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        return self._transition(request, "escalate")

    @extend_schema(request=BottleneckTransitionSerializer, responses=BottleneckSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self._transition(request, "resolve")

    @extend_schema(request=BottleneckTransitionSerializer, responses=BottleneckSerializer)
    @action(detail=True, methods=["post"], url_path="mark-not-solvable")
    def mark_not_solvable(self, request, pk=None):
        return self._transition(request, "mark_not_solvable")
