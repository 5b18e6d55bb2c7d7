from django.urls import path

from . import import_views, views

app_name = "interventions"
urlpatterns = [
    path("", views.intervention_list_view, name="list"),
    path("export.<str:fmt>", views.intervention_export_view, name="export"),
    path("nieuw/", views.intervention_create_view, name="create"),
    path("importeren/", import_views.import_view, name="import"),
    path("importeren/sjabloon.xlsx", import_views.import_template_view, name="import-template"),
    path("<int:pk>/", views.intervention_detail_view, name="detail"),
    path("<int:pk>/bewerken/", views.intervention_edit_view, name="edit"),
    path("<int:pk>/status/<slug:name>/", views.intervention_transition_view, name="transition"),
    path("<int:pk>/voortgang/nieuw/", views.progress_update_create_view, name="progress-create"),
    path("<int:pk>/outputmaten/nieuw/", views.output_measure_form_view, name="output-create"),
    path("<int:pk>/outputmaten/<int:output_pk>/bewerken/", views.output_measure_form_view, name="output-edit"),
    path("<int:pk>/financiering/nieuw/", views.other_funding_create_view, name="funding-create"),
    path("<int:pk>/financiering/<int:funding_pk>/verwijderen/", views.other_funding_delete_view, name="funding-delete"),
    path("bibliotheek/", views.library_list_view, name="library"),
    path("bibliotheek/<int:pk>/", views.library_detail_view, name="library-detail"),
    path("bibliotheek/<int:pk>/overnemen/", views.library_copy_view, name="library-copy"),
]
