from rest_framework import serializers

from ..models import ImportProblem, ImportRun, Indicator, IndicatorValue


class IndicatorSerializer(serializers.ModelSerializer):
    action_line = serializers.IntegerField(source="action_line.number", read_only=True)
    partition = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "specification", "action_line", "unit", "higher_is_better", "partition"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "scope",
            "area",
            "municipality",
            "year",
            "value",
            "is_public",
            "import_run",
            "source",
        ]
        read_only_fields = fields


class ImportProblemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportProblem
        fields = ["line", "column", "value", "rule", "code"]
        read_only_fields = fields


class ImportRunSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    finished_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "file_name",
            "file_format",
            "sha256",
            "status",
            "area",
            "is_public",
            "created_by",
            "created_at",
            "finished_by",
            "finished_at",
            "rows",
            "bad_rows",
            "figures",
            "missing",
            "refused",
            "problem_count",
            "created",
            "updated",
            "unchanged",
        ]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    is_public = serializers.BooleanField(default=False)


class ImportLoadSerializer(serializers.Serializer):
    only_good_rows = serializers.BooleanField(default=False)
