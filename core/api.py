"""Base classes every app's API builds on: deny by default, scoped by `visible_to`."""

from __future__ import annotations

from rest_framework import pagination, permissions, viewsets

from .pagination import rows_of


class ScopedViewSetMixin:
    """The queryset starts from what the user may see, so another area's object is a 404."""

    queryset_base = None  # a callable (user) -> QuerySet, or None to use the model's visible_to

    def get_queryset(self):
        if self.queryset_base is not None:
            return self.queryset_base(self.request.user)
        return self.queryset.model.objects.visible_to(self.request.user).select_related(*self.select_related)

    select_related: tuple[str, ...] = ()


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated]


class IdsFirstPagination(pagination.PageNumberPagination):
    """Page numbers as everywhere, but the page's ids are found without the rows' annotated sums, then
    only those rows are loaded (`core.pagination`): a deep page does not sum every skipped row."""

    def paginate_queryset(self, queryset, request, view=None):
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
        return None if ids is None else rows_of(queryset, list(ids))
