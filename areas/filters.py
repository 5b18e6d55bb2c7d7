"""A filter for lists that belong to an area: a text field, not a list of every area."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.search import area_search


class AreaSearchFilter(django_filters.CharFilter):
    """The area's short name (slug) or part of its name (`core.search.area_search`, as in the admin).

    A text field, not a `<select>`: with 1,000 areas a list of areas would be most of the page.
    `field_name` is the path from the row to its area (default `area`).
    """

    def __init__(self, field_name="area", **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("Gebied"))
        kwargs.setdefault("help_text", _("Naam of korte naam van het gebied."))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(area_search(value, path=self.field_name))
