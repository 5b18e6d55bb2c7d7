from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors
from .models import ApplicationLine


@login_required
def application_list_view(request):
    applications = selectors.application_list(user=request.user)
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    return render(request, "funding/application_list.html", {"page": page})


@login_required
def application_detail_view(request, pk):
    application = selectors.application_get(user=request.user, pk=pk)
    lines = (
        ApplicationLine.objects.visible_to(request.user)
        .filter(application=application)
        .select_related("theme")
        .order_by("theme__position", "year")
    )
    ceilings = selectors.ceiling_overview(area=application.area, scheme=application.scheme)
    return render(
        request,
        "funding/application_detail.html",
        {"application": application, "lines": lines, "ceilings": ceilings},
    )
