from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from areas.models import ActionLine, Area, Municipality

from .. import models as m


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


# ---------------------------------------------------------------------------------------------
# The alliance. Serializers validate the shape; the rules are checked by the services.


class PersonSerializer(serializers.ModelSerializer):
    """Contact details only within the person's area and for the national team (AVG)."""

    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = m.Person
        fields = ["id", "name", "email", "phone", "area", "anonymised_at"]

    def _may_see(self, person) -> bool:
        user = self.context["request"].user
        membership = self.context.get("membership")
        return user.has_perm("alliances.see_contact_details", membership or person)

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_email(self, person) -> str:
        return person.email if self._may_see(person) else ""

    @extend_schema_field(serializers.CharField(allow_blank=True))
    def get_phone(self, person) -> str:
        return person.phone if self._may_see(person) else ""


class MembershipSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    alliance = serializers.PrimaryKeyRelatedField(queryset=m.Alliance.objects.none())
    person_id = serializers.PrimaryKeyRelatedField(
        queryset=m.Person.objects.none(), write_only=True, required=False, allow_null=True, source="person_in"
    )
    person_name = serializers.CharField(write_only=True, required=False, allow_blank=True)
    email = serializers.EmailField(write_only=True, required=False, allow_blank=True)
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=m.Organisation.objects.none(), required=False, allow_null=True
    )
    succession = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Bij aanmaken: volgt de huidige voorzitter of rijksvertegenwoordiger op, wiens termijn dan op "
        "de dag vóór start_date eindigt.",
    )

    class Meta:
        model = m.Membership
        fields = [
            "id",
            "alliance",
            "person",
            "person_id",
            "person_name",
            "email",
            "phone",
            "organisation",
            "role",
            "is_mayor",
            "rank",
            "ministry",
            "start_date",
            "end_date",
            "succession",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            user = request.user
            self.fields["alliance"].queryset = m.Alliance.objects.visible_to(user)
            self.fields["person_id"].queryset = m.Person.objects.visible_to(user)
            self.fields["organisation"].queryset = m.Organisation.objects.visible_to(user)

    @extend_schema_field(PersonSerializer)
    def get_person(self, membership) -> dict:
        return PersonSerializer(membership.person, context={**self.context, "membership": membership}).data


class AllianceSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    resident_representation = serializers.CharField(source="area.resident_representation", read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    resident_count = serializers.IntegerField(read_only=True)
    last_meeting = serializers.DateField(read_only=True, allow_null=True)
    area_plan_title = serializers.CharField(read_only=True, allow_null=True)
    open_bottlenecks = serializers.IntegerField(read_only=True)

    class Meta:
        model = m.Alliance
        fields = [
            "id",
            "area",
            "name",
            "resident_seats",
            "quorum_rule",
            "resident_representation",
            "member_count",
            "resident_count",
            "last_meeting",
            "area_plan_title",
            "open_bottlenecks",
        ]
        read_only_fields = ["name"]


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.Attendance
        fields = ["membership", "status"]


class AttendanceRecordSerializer(serializers.Serializer):
    attendances = AttendanceSerializer(many=True)


class QuorumSerializer(serializers.Serializer):
    rule = serializers.CharField()
    eligible = serializers.IntegerField()
    present = serializers.IntegerField()
    chair_present = serializers.BooleanField()
    met = serializers.BooleanField()


class MeetingSerializer(serializers.ModelSerializer):
    alliance = serializers.PrimaryKeyRelatedField(queryset=m.Alliance.objects.none())
    minutes = serializers.FileField(write_only=True, required=False, allow_null=True)
    has_minutes = serializers.SerializerMethodField()
    minutes_url = serializers.SerializerMethodField()

    class Meta:
        model = m.Meeting
        fields = ["id", "alliance", "date", "location", "agenda", "minutes", "has_minutes", "minutes_url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["alliance"].queryset = m.Alliance.objects.visible_to(request.user)

    def get_has_minutes(self, meeting) -> bool:
        return bool(meeting.minutes)

    def get_minutes_url(self, meeting) -> str | None:
        return reverse("meeting-minutes", args=[meeting.pk]) if meeting.minutes else None


class DecisionSerializer(serializers.ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=m.Meeting.objects.none())
    plan = serializers.PrimaryKeyRelatedField(
        queryset=m.Plan.objects.none(), write_only=True, required=False, allow_null=True
    )

    class Meta:
        model = m.Decision
        fields = ["id", "meeting", "subject", "text", "outcome", "plan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["meeting"].queryset = m.Meeting.objects.visible_to(request.user)
            self.fields["plan"].queryset = m.Plan.objects.visible_to(request.user)


class PlanSerializer(serializers.ModelSerializer):
    alliance = serializers.PrimaryKeyRelatedField(queryset=m.Alliance.objects.none())
    document = serializers.FileField(write_only=True, required=False, allow_null=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = m.Plan
        fields = [
            "id",
            "alliance",
            "kind",
            "title",
            "version",
            "period_start",
            "period_end",
            "status",
            "adopted_by",
            "document",
            "has_document",
        ]
        read_only_fields = ["version", "status", "adopted_by"]
        validators = []  # the service numbers the version; its rules are checked there

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["alliance"].queryset = m.Alliance.objects.visible_to(request.user)

    def get_has_document(self, plan) -> bool:
        return bool(plan.document)


class PlanAdoptSerializer(serializers.Serializer):
    decision = serializers.PrimaryKeyRelatedField(queryset=m.Decision.objects.none())
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["decision"].queryset = m.Decision.objects.visible_to(request.user)


class BottleneckSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", queryset=Area.objects.none())
    action_line = serializers.SlugRelatedField(slug_field="number", queryset=ActionLine.objects.all())
    owner = serializers.PrimaryKeyRelatedField(queryset=m.Membership.objects.none(), required=False, allow_null=True)
    owner_name = serializers.CharField(source="owner.person.name", read_only=True, default=None)

    class Meta:
        model = m.Bottleneck
        fields = [
            "id",
            "area",
            "title",
            "description",
            "regulation",
            "action_line",
            "owner",
            "owner_name",
            "status",
            "resolution",
            "signalled_on",
        ]
        read_only_fields = ["status", "resolution"]
        extra_kwargs = {"signalled_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["area"].queryset = Area.objects.visible_to(request.user)
            self.fields["owner"].queryset = m.Membership.objects.visible_to(request.user)


class BottleneckTransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    resolution = serializers.CharField(required=False, allow_blank=True, default="")
