from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors


@login_required
def intervention_list_view(request):
    interventions = selectors.intervention_list(user=request.user).order_by("area__name", "title", "pk")
    page = Paginator(interventions, 50).get_page(request.GET.get("page"))
    return render(request, "interventions/intervention_list.html", {"page": page})


@login_required
def intervention_detail_view(request, pk):
    intervention = selectors.intervention_get(user=request.user, pk=pk)
    return render(request, "interventions/intervention_detail.html", {"intervention": intervention})
