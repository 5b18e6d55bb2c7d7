from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors


@login_required
def area_list_view(request):
    search = request.GET.get("q", "").strip()
    ordering = request.GET.get("sort", "name")
    areas = selectors.area_list(user=request.user, search=search, ordering=ordering)
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "alliances/area_list.html",
        {
            "page": page,
            "search": search,
            "ordering": ordering,
            "totals": selectors.area_totals(areas=areas),
            "representation": selectors.representation_counts(areas=areas),
        },
    )
