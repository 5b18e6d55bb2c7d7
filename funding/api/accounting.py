"""API for accounting: payments and the schedule, spending reports and their lines, the money overview
and the SiSa rows. The same services, selectors and scoping as the pages and the admin."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from alliances.models import Decision
from areas.models import Area, Municipality
from core.api import ScopedViewSetMixin
from interventions.models import Intervention

from .. import accounting_selectors as selectors
from .. import payments, spending
from ..accounting_views import sisa_scope
from ..models import Application, Payment, PaymentInstalment, Scheme, SpendingLine, SpendingReport, Theme

# ---------------------------------------------------------------------------------------------
# Serializers


class PaymentSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="grant_decision.application_id", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "application", "grant_decision", "municipality", "year", "amount", "paid_on", "reference"]


class PaymentCreateSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid_on = serializers.DateField()
    reference = serializers.CharField(max_length=60)
    municipality = serializers.CharField(required=False, help_text="CBS-code; leeg: de gemeente van het gebied")


class InstalmentSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="grant_decision.application_id", read_only=True)

    class Meta:
        model = PaymentInstalment
        fields = ["id", "application", "grant_decision", "year", "amount", "due_on"]


class InstalmentCreateSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    due_on = serializers.DateField()


class SpendingLineSerializer(serializers.ModelSerializer):
    theme_code = serializers.CharField(source="theme.code", read_only=True)
    # Declared plainly: the rules (and their messages with figures) are the service's.
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        model = SpendingLine
        fields = ["id", "report", "theme", "theme_code", "intervention", "amount", "explanation"]
        read_only_fields = ["id", "theme_code"]
        validators = []


class SpendingReportSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="application.area.slug", read_only=True)
    municipality = serializers.CharField(source="application.area.municipality.cbs_code", read_only=True)
    lines = serializers.SerializerMethodField()

    class Meta:
        model = SpendingReport
        fields = [
            "id",
            "application",
            "area",
            "municipality",
            "year",
            "is_final",
            "status",
            "endorsement",
            "submitted_at",
            "review_comment",
            "accepted_by",
            "accepted_at",
            "eligible_amount",
            "paid_amount",
            "fixed_amount",
            "reclaim_amount",
            "still_to_pay_amount",
            "lines",
        ]
        read_only_fields = fields

    def get_lines(self, report) -> list[dict]:
        user = self.context["request"].user
        return SpendingLineSerializer(selectors.report_lines(user=user, report=report), many=True).data


class ReportCreateSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    year = serializers.IntegerField()


class ReportSubmitSerializer(serializers.Serializer):
    endorsement = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.all(), allow_null=True, required=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReportCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _visible_application(user, pk) -> Application:
    return get_object_or_404(Application.objects.visible_to(user), pk=pk)


# ---------------------------------------------------------------------------------------------
# Payments


class PaymentViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Payments made, to the municipality; recorded by the national team, never more than granted."""

    queryset = Payment.objects.all()
    serializer_class = PaymentSerializer
    permission_classes = [permissions.IsAuthenticated]
    ordering = ["paid_on", "pk"]

    def get_queryset(self):
        return selectors.payment_list(user=self.request.user).order_by("paid_on", "pk")

    @extend_schema(request=PaymentCreateSerializer, responses={201: PaymentSerializer})
    def create(self, request, *args, **kwargs):
        data = _valid(PaymentCreateSerializer, request)
        municipality = None
        if data.get("municipality"):
            municipality = get_object_or_404(Municipality, cbs_code=data["municipality"])
        payment = payments.payment_record(
            application=_visible_application(request.user, data["application"]),
            actor=request.user,
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
            municipality=municipality,
        )
        return Response(PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)


class InstalmentViewSet(
    ScopedViewSetMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    """The payment schedule stated in the decision letter."""

    queryset = PaymentInstalment.objects.all()
    serializer_class = InstalmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.instalment_list(user=self.request.user).order_by("due_on", "pk")

    @extend_schema(request=InstalmentCreateSerializer, responses={201: InstalmentSerializer})
    def create(self, request, *args, **kwargs):
        data = _valid(InstalmentCreateSerializer, request)
        instalment = payments.payment_instalment_save(
            application=_visible_application(request.user, data["application"]),
            actor=request.user,
            year=data["year"],
            amount=data["amount"],
            due_on=data["due_on"],
        )
        return Response(InstalmentSerializer(instalment).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        payments.payment_instalment_delete(instalment=instance, actor=self.request.user)


# ---------------------------------------------------------------------------------------------
# Spending reports


class SpendingReportViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Spending reports per granted application and year; the workflow as actions."""

    queryset = SpendingReport.objects.all()
    serializer_class = SpendingReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return selectors.report_list(user=self.request.user, filters=self.request.query_params).prefetch_related(
            "lines__theme"
        )

    def _respond(self, report, status_code=status.HTTP_200_OK):
        report = selectors.report_get(user=self.request.user, pk=report.pk)
        return Response(self.get_serializer(report).data, status=status_code)

    @extend_schema(request=ReportCreateSerializer, responses={201: SpendingReportSerializer})
    def create(self, request, *args, **kwargs):
        data = _valid(ReportCreateSerializer, request)
        report = spending.spending_report_create(
            application=_visible_application(request.user, data["application"]), year=data["year"], actor=request.user
        )
        return self._respond(report, status.HTTP_201_CREATED)

    @extend_schema(request=ReportSubmitSerializer, responses=SpendingReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        data = _valid(ReportSubmitSerializer, request)
        report = spending.spending_report_submit(
            report=self.get_object(), actor=request.user, endorsement=data.get("endorsement"), comment=data["comment"]
        )
        return self._respond(report)

    @extend_schema(request=ReportCommentSerializer, responses=SpendingReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        data = _valid(ReportCommentSerializer, request)
        return self._respond(
            spending.spending_report_accept(report=self.get_object(), actor=request.user, comment=data["comment"])
        )

    @extend_schema(request=ReportCommentSerializer, responses=SpendingReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_bureau(self, request, pk=None):
        data = _valid(ReportCommentSerializer, request)
        return self._respond(
            spending.spending_report_return(report=self.get_object(), actor=request.user, comment=data["comment"])
        )

    @extend_schema(request=ReportCommentSerializer, responses=SpendingReportSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        data = _valid(ReportCommentSerializer, request)
        return self._respond(
            spending.spending_report_reopen(report=self.get_object(), actor=request.user, comment=data["comment"])
        )


class SpendingLineViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Lines of a draft report; the service freezes them after submit."""

    queryset = SpendingLine.objects.all()
    serializer_class = SpendingLineSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            SpendingLine.objects.visible_to(self.request.user)
            .select_related("theme", "report__application")
            .order_by("report", "theme__position", "pk")
        )

    def _save(self, serializer, line=None):
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = self.request.user
        report = data.get("report") or line.report
        report = get_object_or_404(SpendingReport.objects.visible_to(user), pk=report.pk)
        theme = data.get("theme") or line.theme
        theme = get_object_or_404(Theme, pk=theme.pk)
        intervention = data.get("intervention", line.intervention if line else None)
        if intervention is not None:
            intervention = get_object_or_404(Intervention.objects.visible_to(user), pk=intervention.pk)
        return spending.spending_line_save(
            report=report,
            actor=user,
            theme=theme,
            amount=data.get("amount", line.amount if line else None),
            explanation=data.get("explanation", line.explanation if line else ""),
            intervention=intervention,
            line=line,
        )

    def create(self, request, *args, **kwargs):
        line = self._save(self.get_serializer(data=request.data))
        return Response(SpendingLineSerializer(line).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        line = self.get_object()
        line = self._save(self.get_serializer(line, data=request.data, partial=partial), line=line)
        return Response(SpendingLineSerializer(line).data)

    def destroy(self, request, *args, **kwargs):
        spending.spending_line_delete(line=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------------------------------
# Money overview and SiSa


def _scheme(request) -> Scheme:
    code = request.query_params.get("regeling")
    scheme = Scheme.objects.filter(code=code).first() if code else None
    if scheme is None:
        raise Http404
    return scheme


def _decimal(value):
    return None if value is None else str(value)


class MoneyOverviewView(APIView):
    """Granted, carried, spent, paid and reclaimed per theme and year: national, per area or per municipality."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("regeling", str, required=True),
            OpenApiParameter("gebied", str),
            OpenApiParameter("gemeente", str),
        ],
        responses={200: dict},
    )
    def get(self, request):
        user = request.user
        scheme = _scheme(request)
        area = municipality = None
        if request.query_params.get("gebied"):
            area = get_object_or_404(Area.objects.visible_to(user), slug=request.query_params["gebied"])
        if request.query_params.get("gemeente"):
            municipality = get_object_or_404(
                Municipality.objects.visible_to(user), cbs_code=request.query_params["gemeente"]
            )
        if not user.sees_all_areas:
            area = user.area
        overview = selectors.money_overview(user=user, scheme=scheme, area=area, municipality=municipality)
        return Response(
            {
                "scheme": scheme.code,
                "applications": overview["applications"],
                "totals": {k: _decimal(v) for k, v in overview["totals"].items()},
                "years": [{k: _decimal(v) if k != "year" else v for k, v in y.items()} for y in overview["years"]],
                "rows": [
                    {"theme": row["theme"].code, "year": row["year"]}
                    | {m: _decimal(row[m]) for m in selectors.MEASURES}
                    for row in overview["rows"]
                ],
            }
        )


class SisaView(APIView):
    """The SiSa rows of a scheme and year, per municipality (areas added up), from accepted reports only."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("regeling", str, required=True),
            OpenApiParameter("jaar", int, required=True),
            OpenApiParameter("gemeente", str),
        ],
        responses={200: dict},
    )
    def get(self, request):
        municipalities = sisa_scope(request.user)
        scheme = _scheme(request)
        year = request.query_params.get("jaar", "")
        if not year.isdigit():
            raise Http404
        code = request.query_params.get("gemeente")
        if code:
            scoped = Municipality.objects.filter(cbs_code=code)
            if municipalities is not None:
                scoped = scoped.filter(pk__in=municipalities)
            if not scoped.exists():
                raise Http404
            municipalities = scoped
        rows = []
        for row in selectors.sisa_rows(scheme=scheme, year=int(year), municipalities=municipalities):
            rows.append(
                {
                    "ontvanger": row["municipality"].cbs_code,
                    "gemeente": row["municipality"].name,
                    "indicatoren": [
                        {
                            "code": indicator.code,
                            "omschrijving": indicator.label,
                            "aard_controle": indicator.control,
                            "waarde": value if isinstance(value, str) else str(value),
                            "illustratief": indicator.is_illustrative,
                        }
                        for indicator, value in row["values"]
                    ],
                    "terugvordering": _decimal(row["reclaim"]),
                    "verantwoordingen": row["reports"],
                }
            )
        return Response(
            {
                "regeling": scheme.code,
                "specifieke_uitkering": scheme.name,
                "juridische_grondslag": selectors.sisa_legal_basis(scheme),
                "jaar": int(year),
                "rijen": rows,
            }
        )
