from rest_framework import serializers

from ..models import Ceiling, LegalBasis, Scheme, Theme


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
