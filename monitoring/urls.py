from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("import/", views.import_list, name="import-list"),
    path("import/<int:pk>/", views.import_detail, name="import-detail"),
    path("import/<int:pk>/verslag.<str:fmt>", views.import_report, name="import-report"),
    path("import/<int:pk>/bestand/", views.import_file, name="import-file"),
    path("gebied/<slug:slug>/", views.area_dashboard, name="area-dashboard"),
]
