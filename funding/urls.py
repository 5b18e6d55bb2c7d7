from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("aanvragen/", views.application_list_view, name="application-list"),
    path("aanvragen/nieuw/", views.application_create_view, name="application-create"),
    path("aanvragen/<int:pk>/", views.application_detail_view, name="application-detail"),
    path("aanvragen/<int:pk>/regels/nieuw/", views.line_edit_view, name="line-add"),
    path("aanvragen/<int:pk>/regels/<int:line_pk>/", views.line_edit_view, name="line-edit"),
    path("aanvragen/<int:pk>/regels/<int:line_pk>/verwijderen/", views.line_delete_view, name="line-delete"),
    path("aanvragen/<int:pk>/indienen/", views.application_submit_view, name="application-submit"),
    path("aanvragen/<int:pk>/intrekken/", views.application_withdraw_view, name="application-withdraw"),
    path(
        "aanvragen/<int:pk>/informatie/<int:request_pk>/",
        views.information_answer_view,
        name="information-answer",
    ),
    path("beschikkingen/<int:pk>/brief/", views.decision_letter_view, name="decision-letter"),
]
