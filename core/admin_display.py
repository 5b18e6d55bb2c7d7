"""Small admin building blocks shared by every app's admin: euros shown the Dutch way, and a list
filter for areas that searches instead of listing (a thousand areas must not render as one list).

Use in a ModelAdmin:

    list_display = [..., money("amount", _("bedrag"))]
    list_filter = [AreaSearchFilter.for_path("application__area")]
    formfield_overrides = MONEY_FORMFIELD_OVERRIDES   # from core.forms: Dutch money input
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .money import euro
from .search import area_search


def money(field: str, description=None, *, ordering: str | None = None):
    """A list_display column that shows `obj.<field>` as `€ 1.234,56` (empty: `—`), right-aligned."""

    @admin.display(description=description or field, ordering=ordering or field)
    def show(obj):
        value = getattr(obj, field, None)
        return "—" if value is None else euro(value)

    show.__name__ = f"{field}_euro"
    return show


class AreaSearchFilter(admin.SimpleListFilter):
    """Filter by area with a search box (short name or part of the name, `core.search.area_search`), not a
    list of every area.

    `for_path("application__area")` makes a filter for another relation to the area.
    """

    title = _("gebied")
    parameter_name = "gebied"
    template = "admin/filter_search.html"
    area_path = "area"

    @classmethod
    def for_path(cls, area_path: str) -> type[AreaSearchFilter]:
        return type(f"AreaSearchFilter_{area_path}", (cls,), {"area_path": area_path})

    def has_output(self) -> bool:
        return True

    def lookups(self, request, model_admin):
        return ()

    def choices(self, changelist):
        # The template renders a search box; the one "choice" clears it.
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Alle gebieden"),
            "value": self.value() or "",
            "parameter_name": self.parameter_name,
            "other_params": [
                (key, value)
                for key, values in changelist.params.items()
                if key not in (self.parameter_name, "p")
                for value in (values if isinstance(values, list) else [values])
            ],
        }

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if value:
            return queryset.filter(area_search(value, path=self.area_path))
        return queryset
