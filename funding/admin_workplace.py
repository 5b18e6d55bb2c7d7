"""The reviewer's workplace in the admin: the line list opens on "to advise", areas are searched
instead of listed, euros are Dutch, and each line's page shows its context.

`funding/admin.py`'s `ApplicationLineAdmin` uses these pieces.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.money import cents

from . import models

TO_ADVISE, ADVISED, ALL = "open", "gegeven", "alle"


class ToAdviseFilter(admin.SimpleListFilter):
    """Lines without advice yet (the default for reviewers and the national team), with advice, or all."""

    title = _("advies")
    parameter_name = "advies"

    def lookups(self, request, model_admin):
        return [(TO_ADVISE, _("Nog te adviseren")), (ADVISED, _("Advies gegeven")), (ALL, _("Alle regels"))]

    def value(self):
        value = super().value()
        if value is None and self._opens_on_to_advise:
            return TO_ADVISE
        return value

    def __init__(self, request, params, model, model_admin):
        user = request.user
        self._opens_on_to_advise = getattr(user, "role", None) in (Role.MINISTRY_REVIEWER, Role.NATIONAL_TEAM)
        super().__init__(request, params, model, model_admin)

    def choices(self, changelist):
        current = self.value()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        advised = Exists(models.Review.objects.filter(line=OuterRef("pk")))
        value = self.value()
        if value == TO_ADVISE:
            return queryset.filter(~advised, application__status__in=models.REVIEWABLE_APPLICATION_STATUSES)
        if value == ADVISED:
            return queryset.filter(advised)
        return queryset


def line_context(line: models.ApplicationLine, *, user) -> dict:
    """What a reviewer needs beside the advice form: the area, the theme's ceiling use, the other years'
    lines of the same theme, the interventions, and earlier information requests."""
    application = line.application
    ceiling = models.Ceiling.objects.filter(area=application.area, theme=line.theme).first()
    requested = (
        models.ApplicationLine.objects.filter(
            application__area=application.area,
            theme=line.theme,
            application__status__in=[*models.OPEN_APPLICATION_STATUSES, *models.DECIDED_APPLICATION_STATUSES],
        )
        .exclude(application__status=models.ApplicationStatus.REJECTED)
        .aggregate(total=Sum("amount"))["total"]
    )
    return {
        "line": line,
        "area": application.area,
        "ceiling": ceiling,
        "requested_in_theme": cents(requested),
        "remaining": cents(ceiling.amount - cents(requested)) if ceiling else None,
        "other_lines": models.ApplicationLine.objects.visible_to(user)
        .filter(application__area=application.area, theme=line.theme)
        .exclude(pk=line.pk)
        .select_related("application")
        .order_by("year", "application__reference"),
        "interventions": line.interventions.order_by("title"),
        "information_requests": application.information_requests.order_by("asked_at"),
        "reviews": line.reviews.select_related("reviewer").order_by("-created_at"),
    }
