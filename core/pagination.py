"""Pagination for lists whose rows carry per-row sums (annotated subqueries).

PostgreSQL evaluates a row's annotations before it skips the row for an OFFSET, so page 40 of a list of
interventions with their SPUK sums computes the sums of 1,000 rows to show 25. `page_of` finds the
page's ids with the same filters and order but without the annotations, then loads only those rows
in full. Same rows, same order, two cheap queries instead of one that grows with the page number.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_of(queryset: QuerySet, number, per_page: int) -> Page:
    """The page `number` of `queryset` (as `Paginator.get_page`: out-of-range gives the last page)."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    page.object_list = rows_of(queryset, list(page.object_list))
    return page


def rows_of(queryset: QuerySet, ids: list) -> list:
    """The rows of `queryset` with these ids, in the order of `ids`, with their annotations and prefetches."""
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
    return [rows[pk] for pk in ids]
