from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<int:pk>/", views.run_detail, name="run-detail"),
    path("<int:pk>/voortgang/", views.run_progress, name="run-progress"),
    path("export/", views.list_export, name="list-export"),
    path("bestanden/<int:pk>/", views.file_download, name="file-download"),
    path("gebied/<slug:slug>/", views.area_history, name="area-history"),
]
