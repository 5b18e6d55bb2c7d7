import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.filters import AreaSearchFilter
from areas.models import ActionLine, Area, ResidentRepresentation

from .models import Bottleneck, BottleneckStatus, MemberRole, Membership, Plan, PlanKind, PlanStatus


class AreaFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__cbs_code", label=_("CBS-gemeentecode"))
    resident_representation = django_filters.ChoiceFilter(choices=ResidentRepresentation.choices)

    class Meta:
        model = Area
        fields = ["municipality", "resident_representation", "is_synthetic"]


class BottleneckFilter(django_filters.FilterSet):
    """One filter for the national bottleneck list: the HTML filter form and the API query parameters."""

    q = django_filters.CharFilter(method="search", label=_("Zoeken in titel, omschrijving of regeling"))
    # The area is searched (slug or part of the name); the action line is a list to choose from. The API
    # keeps the same parameters (slug, number).
    area = AreaSearchFilter()
    status = django_filters.MultipleChoiceFilter(
        choices=BottleneckStatus.choices, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    action_line = django_filters.ModelChoiceFilter(
        field_name="action_line",
        to_field_name="number",
        queryset=ActionLine.objects.order_by("number"),
        label=_("Actielijn"),
        empty_label=_("Alle actielijnen"),
    )
    open = django_filters.ChoiceFilter(
        method="only_open",
        choices=[("true", _("Ja, alleen openstaande")), ("false", _("Nee, alleen afgesloten"))],
        label=_("Openstaand"),
        empty_label=_("Open en afgesloten"),
    )

    class Meta:
        model = Bottleneck
        fields = ["q", "area", "status", "action_line", "open"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(regulation__icontains=value)
        )

    def only_open(self, queryset, name, value):
        from .models import OPEN_BOTTLENECK_STATUSES

        if value in (True, "true", "True", "1"):
            return queryset.filter(status__in=OPEN_BOTTLENECK_STATUSES)
        if value in (False, "false", "False", "0"):
            return queryset.exclude(status__in=OPEN_BOTTLENECK_STATUSES)
        return queryset


class MembershipFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(field_name="alliance__area__slug", label=_("Gebied (korte naam)"))
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label=_("Rol"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Actief op"))

    class Meta:
        model = Membership
        fields = ["area", "role", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class PlanFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(field_name="alliance__area__slug", label=_("Gebied (korte naam)"))
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices, label=_("Soort"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = Plan
        fields = ["area", "kind", "status"]
