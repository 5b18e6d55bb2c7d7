from rest_framework import serializers

from ..models import ActionLine, Area, Municipality


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "name", "cbs_code"]


class AreaSerializer(serializers.ModelSerializer):
    municipality = MunicipalitySerializer(read_only=True)

    class Meta:
        model = Area
        fields = ["id", "name", "slug", "municipality", "residents", "programme_name", "resident_representation"]


class ActionLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionLine
        fields = ["id", "number", "name", "description"]
