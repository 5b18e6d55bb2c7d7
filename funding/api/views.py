from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ScopedReadOnlyViewSet, ScopedViewSetMixin

from .. import selectors, services
from ..filters import ApplicationFilter, ApplicationLineFilter, CeilingFilter, ThemeFilter
from ..models import Application, ApplicationLine, Ceiling, GrantDecision, InformationRequest, Review, Scheme, Theme
from .serializers import (
    ApplicationCreateSerializer,
    ApplicationLineSerializer,
    ApplicationSerializer,
    CeilingRowSerializer,
    CeilingSerializer,
    CommentSerializer,
    DecideSerializer,
    GrantDecisionSerializer,
    InformationAnswerSerializer,
    InformationRequestSerializer,
    ReviewSerializer,
    SchemeSerializer,
    SubmitSerializer,
    ThemeSerializer,
)


class SchemeViewSet(ScopedReadOnlyViewSet):
    """Schemes are public reference data for everyone signed in."""

    queryset = Scheme.objects.all()
    serializer_class = SchemeSerializer
    search_fields = ["name", "code"]
    ordering = ["-first_year"]

    def get_queryset(self):
        return Scheme.objects.visible_to(self.request.user).prefetch_related("legal_bases")


class ThemeViewSet(ScopedReadOnlyViewSet):
    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    ordering = ["scheme", "position"]

    def get_queryset(self):
        return Theme.objects.visible_to(self.request.user).select_related("scheme")


class CeilingViewSet(ScopedReadOnlyViewSet):
    queryset = Ceiling.objects.all()
    serializer_class = CeilingSerializer
    select_related = ("area", "theme__scheme")
    filterset_class = CeilingFilter
    ordering_fields = ["amount", "area__name"]
    ordering = ["theme__scheme", "area__name", "theme__position"]


# ---------------------------------------------------------------------------------------------
# Applications: the same services, selectors and scoping as the pages and the admin


class ApplicationViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Applications with per theme the ceiling, what is requested and what remains; transitions as actions."""

    queryset = Application.objects.all()
    serializer_class = ApplicationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ApplicationFilter
    search_fields = ["reference", "area__name"]
    ordering_fields = ["reference", "area__name", "status", "submitted_at", "requested"]
    ordering = ["-created_at", "pk"]

    def get_queryset(self):
        return selectors.application_list(user=self.request.user)

    def _respond(self, application, status_code=status.HTTP_200_OK):
        application = self.get_queryset().get(pk=application.pk)
        return Response(self.get_serializer(application).data, status=status_code)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        overviews = selectors.ceiling_overviews(pairs={(a.area_id, a.scheme_id) for a in page})
        serializer = self.get_serializer(
            page, many=True, context={**self.get_serializer_context(), "ceilings": overviews}
        )
        return self.get_paginated_response(serializer.data)

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def create(self, request, *args, **kwargs):
        data = _valid(ApplicationCreateSerializer, request)
        if request.user.area_id is None:
            raise PermissionDenied(_("Alleen het programmabureau van een gebied stelt een aanvraag op."))
        application = services.application_create(area=request.user.area, scheme=data["scheme"], actor=request.user)
        return self._respond(application, status.HTTP_201_CREATED)

    @extend_schema(request=SubmitSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = self.get_object()  # another area's application is a 404 before anything else
        data = _valid(SubmitSerializer, request)
        application = services.application_submit(
            application=application, actor=request.user, endorsement=data["endorsement"], comment=data["comment"]
        )
        return self._respond(application)

    @extend_schema(request=CommentSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = self.get_object()
        data = _valid(CommentSerializer, request)
        application = services.application_withdraw(
            application=application, actor=request.user, comment=data["comment"]
        )
        return self._respond(application)

    @extend_schema(request=CommentSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        application = self.get_object()
        data = _valid(CommentSerializer, request)
        application = services.application_start_review(
            application=application, actor=request.user, comment=data["comment"]
        )
        return self._respond(application)

    @extend_schema(request=InformationRequestSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="request-info")
    def request_info(self, request, pk=None):
        application = self.get_object()
        data = _valid(InformationRequestSerializer, request)
        info = services.information_request_create(
            application=application, actor=request.user, question=data["question"], deadline=data["deadline"]
        )
        return self._respond(info.application)

    @extend_schema(request=InformationAnswerSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        application = self.get_object()
        data = _valid(InformationAnswerSerializer, request)
        info = get_object_or_404(InformationRequest.objects.filter(application=application), pk=data["request"])
        services.information_request_answer(request=info, actor=request.user, answer=data["answer"])
        return self._respond(application)

    @extend_schema(request=DecideSerializer, responses={201: GrantDecisionSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        application = self.get_object()
        data = _valid(DecideSerializer, request)
        granted = {row["line"]: row["granted_amount"] for row in data.get("lines", [])}
        decision = services.application_decide(
            application=application, actor=request.user, granted=granted or None, comment=data["comment"]
        )
        return Response(GrantDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ApplicationLineViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Lines of applications. Written only while the application is a draft; a reviewer sees its own themes."""

    queryset = ApplicationLine.objects.all()
    serializer_class = ApplicationLineSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = ApplicationLineFilter
    ordering = ["application", "theme__position", "year", "pk"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            ApplicationLine.objects.visible_to(self.request.user)
            .select_related("theme", "application__area", "application__scheme")
            .prefetch_related("interventions")
        )

    def _save(self, serializer, line=None):
        data = serializer.validated_data
        application = line.application if line is not None else data["application"]

        def value(name, default=None):
            if name in data:
                return data[name]
            return getattr(line, name) if line is not None else default

        return services.application_line_save(
            application=application,
            actor=self.request.user,
            line=line,
            theme=value("theme"),
            year=value("year"),
            amount=value("amount"),
            description=value("description", ""),
            partners=value("partners", ""),
            school_share_in_area=value("school_share_in_area"),
            interventions=data.get("interventions") if "interventions" in data else None,
        )

    def _respond(self, line, status_code):
        overview = selectors.ceiling_overview(area=line.application.area, scheme=line.application.scheme)
        body = {**self.get_serializer(line).data, "ceilings": CeilingRowSerializer(overview, many=True).data}
        return Response(body, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._respond(self._save(serializer), status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        line = self.get_object()
        serializer = self.get_serializer(line, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self._respond(self._save(serializer, line=line), status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        services.application_line_delete(line=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Recommendations per line. A reviewer records them for its own ministry's themes."""

    queryset = Review.objects.all()
    serializer_class = ReviewSerializer
    permission_classes = [permissions.IsAuthenticated]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        return selectors.review_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        review = services.review_record(
            line=data["line"],
            actor=request.user,
            recommendation=data["recommendation"],
            recommended_amount=data.get("recommended_amount"),
            reason=data["reason"],
        )
        return Response(self.get_serializer(review).data, status=status.HTTP_201_CREATED)


class GrantDecisionViewSet(ScopedReadOnlyViewSet):
    """Decisions (beschikkingen); the letter is downloaded at `letter_url`."""

    queryset = GrantDecision.objects.all()
    serializer_class = GrantDecisionSerializer
    ordering = ["-decided_at", "pk"]

    def get_queryset(self):
        return selectors.decision_list(user=self.request.user)
