from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("aanvragen/", views.application_list_view, name="application-list"),
    path("aanvragen/<int:pk>/", views.application_detail_view, name="application-detail"),
]
