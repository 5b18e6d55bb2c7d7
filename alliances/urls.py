from django.urls import path

from . import views

urlpatterns = [
    path("gebieden/", views.area_list_view, name="area-list"),
]
