from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliances.models import Decision
from core.money import MAX_MONEY
from core.validation import TEXT_MAX_LENGTH, sane_date
from interventions.models import Intervention

from ..models import Application, ApplicationLine, Ceiling, GrantDecision, LegalBasis, Review, Scheme, Theme
from ..selectors import ceiling_overview, ceiling_rows_for


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["citation", "title", "kind", "note"]


class ThemeSerializer(serializers.ModelSerializer):
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Theme
        fields = ["id", "scheme", "code", "name", "ministry", "budget", "is_integral", "description"]


class SchemeSerializer(serializers.ModelSerializer):
    legal_bases = LegalBasisSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = [
            "id",
            "code",
            "name",
            "lead_ministry",
            "first_year",
            "last_year",
            "total_budget",
            "application_opens",
            "application_closes",
            "decision_deadline",
            "carry_over_rule",
            "legal_bases",
        ]


class CeilingSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.PrimaryKeyRelatedField(read_only=True)
    theme_name = serializers.CharField(source="theme.name", read_only=True)
    scheme = serializers.CharField(source="theme.scheme.code", read_only=True)

    class Meta:
        model = Ceiling
        fields = ["id", "area", "scheme", "theme", "theme_name", "amount", "is_illustrative"]


# ---------------------------------------------------------------------------------------------
# Applications


class CeilingRowSerializer(serializers.Serializer):
    theme = serializers.CharField(source="theme.code")
    theme_name = serializers.CharField(source="theme.name")
    ceiling = serializers.DecimalField(max_digits=14, decimal_places=2)
    requested = serializers.DecimalField(max_digits=14, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=14, decimal_places=2)
    has_ceiling = serializers.BooleanField()
    is_illustrative = serializers.BooleanField()


class ApplicationSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    scheme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requested = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    granted = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    ceilings = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "area",
            "scheme",
            "status",
            "endorsement",
            "created_at",
            "submitted_at",
            "requested",
            "granted",
            "ceilings",
        ]
        read_only_fields = fields

    @extend_schema_field(CeilingRowSerializer(many=True))
    def get_ceilings(self, application) -> list:
        overviews = self.context.get("ceilings") or {}
        rows = overviews.get((application.area_id, application.scheme_id))
        if rows is None:
            rows = ceiling_overview(area=application.area, scheme=application.scheme)
        request = self.context.get("request")
        if request is not None:
            rows = ceiling_rows_for(user=request.user, rows=rows)
        # One row serializer for the whole page: building a serializer copies its fields, which cost
        # more than the rows themselves on a page of 50 applications × 7 themes.
        row_serializer = self.context.setdefault("_ceiling_row_serializer", CeilingRowSerializer())
        return [row_serializer.to_representation(row) for row in rows]


class ApplicationCreateSerializer(serializers.Serializer):
    scheme = serializers.SlugRelatedField(slug_field="code", queryset=Scheme.objects.all())


class ApplicationLineSerializer(serializers.ModelSerializer):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.none())
    interventions = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Intervention.objects.none())

    class Meta:
        model = ApplicationLine
        fields = [
            "id",
            "application",
            "theme",
            "year",
            "amount",
            "description",
            "interventions",
            "partners",
            "school_share_in_area",
            "granted_amount",
        ]
        read_only_fields = ["granted_amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["application"].queryset = Application.objects.visible_to(request.user)
            self.fields["interventions"].child_relation.queryset = Intervention.objects.visible_to(request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            self.fields["application"].read_only = True


class ReviewSerializer(serializers.ModelSerializer):
    line = serializers.PrimaryKeyRelatedField(queryset=ApplicationLine.objects.none())
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Review
        fields = ["id", "line", "reviewer", "recommendation", "recommended_amount", "reason", "created_at"]
        read_only_fields = ["reviewer", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["line"].queryset = ApplicationLine.objects.visible_to(request.user)


class GrantDecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    letter_url = serializers.SerializerMethodField()

    class Meta:
        model = GrantDecision
        fields = [
            "id",
            "application",
            "reference",
            "outcome",
            "decided_by",
            "decided_at",
            "total_granted",
            "letter_url",
        ]
        read_only_fields = fields

    def get_letter_url(self, decision) -> str:
        return reverse("funding:decision-letter", kwargs={"pk": decision.pk})


class SubmitSerializer(serializers.Serializer):
    endorsement = serializers.PrimaryKeyRelatedField(queryset=Decision.objects.none(), allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # another area's decision is as unknown as one that does not exist
            self.fields["endorsement"].queryset = Decision.objects.visible_to(request.user)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)


class InformationRequestSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    deadline = serializers.DateField(validators=[sane_date])


class InformationAnswerSerializer(serializers.Serializer):
    request = serializers.IntegerField(help_text=_("id van het informatieverzoek"))
    answer = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class GrantedLineSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    granted_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, max_value=MAX_MONEY)


class DecideSerializer(serializers.Serializer):
    lines = GrantedLineSerializer(many=True, required=False, help_text=_("zonder regels volgt het besluit de adviezen"))
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)
