"""API shapes. The full record is for the area itself (and nationwide roles); the library shape has the
public summary fields only (`models.PUBLIC_FIELDS`)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from alliances.models import Organisation
from areas.models import ActionLine

from ..filters import theme_queryset
from ..models import AGE_MESSAGE, NOT_NEGATIVE, PUBLIC_FIELDS, Intervention, OtherFunding, OutputMeasure, ProgressUpdate
from ..services import EDITABLE_FIELDS

# DRF turns the model's min/max validators into its own checks; give them the rules' own messages.
AGE = {"error_messages": {"min_value": AGE_MESSAGE, "max_value": AGE_MESSAGE}}
FIGURE = {"error_messages": {"min_value": NOT_NEGATIVE}}


class OutputMeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutputMeasure
        fields = ["id", "name", "unit", "target", "actual"]
        extra_kwargs = {"target": FIGURE, "actual": FIGURE}


class PublicOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutputMeasure
        fields = ["name", "unit", "target", "actual"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "year", "quarter", "narrative", "reach", "rag_status", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"reach": FIGURE}
        validators = []  # the service checks "once per quarter" with the rule's own message


class OtherFundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = OtherFunding
        fields = ["id", "source", "amount", "note"]
        extra_kwargs = {"amount": FIGURE}


@extend_schema_field(OpenApiTypes.INT)
class ThemeField(serializers.PrimaryKeyRelatedField):
    """The SPUK theme's id: read from the `theme_id` the selectors annotate, chosen from the provider's themes."""

    def get_queryset(self):
        return theme_queryset()

    def get_attribute(self, instance):
        theme_id = getattr(instance, "theme_id", None)
        return None if theme_id is None else PKOnlyObject(pk=theme_id)


class InterventionSerializer(serializers.ModelSerializer):
    """The full record, read and written by the area's programme bureau."""

    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    action_line = serializers.SlugRelatedField(slug_field="number", queryset=ActionLine.objects.all())
    theme = ThemeField(required=False, allow_null=True)
    lead_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    partners = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), many=True, required=False)
    outputs = OutputMeasureSerializer(many=True, read_only=True)
    other_funding = OtherFundingSerializer(many=True, read_only=True)
    spuk_requested = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    spuk_granted = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    other_funding_total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "area",
            *EDITABLE_FIELDS,
            "partners",
            "status",
            "stop_reason",
            "copied_from",
            "outputs",
            "other_funding",
            "spuk_requested",
            "spuk_granted",
            "other_funding_total",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "stop_reason", "copied_from", "created_at", "updated_at"]
        extra_kwargs = {"age_min": AGE, "age_max": AGE, "planned_budget": FIGURE}


class LibraryInterventionSerializer(serializers.ModelSerializer):
    """What every signed-in user sees of any area's intervention: the summary, never money or people."""

    area = serializers.CharField(source="area.name", read_only=True)
    area_slug = serializers.CharField(source="area.slug", read_only=True)
    action_line = serializers.IntegerField(source="action_line.number", read_only=True)
    action_line_name = serializers.CharField(source="action_line.name", read_only=True)
    theme = serializers.CharField(source="theme_name", read_only=True, allow_null=True, default=None)
    lead_organisation = serializers.CharField(
        source="lead_organisation.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Intervention
        fields = [*PUBLIC_FIELDS, "area_slug", "action_line_name"]
        read_only_fields = fields


class LibraryInterventionDetailSerializer(LibraryInterventionSerializer):
    outputs = PublicOutputSerializer(many=True, read_only=True)

    class Meta(LibraryInterventionSerializer.Meta):
        fields = [*LibraryInterventionSerializer.Meta.fields, "outputs"]
        read_only_fields = fields


class TransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class StopSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FinalOutputSerializer(serializers.Serializer):
    output = serializers.IntegerField()
    actual = serializers.DecimalField(max_digits=12, decimal_places=2)


class CompleteSerializer(serializers.Serializer):
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    actuals = FinalOutputSerializer(many=True, required=False, default=list)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
