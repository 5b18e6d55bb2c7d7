from django.urls import path

from . import accounting_views as accounting
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
    # Accounting: spending reports, payments, the money overview and SiSa
    path("verantwoordingen/", accounting.report_list_view, name="report-list"),
    path("verantwoordingen/<int:pk>/", accounting.report_detail_view, name="report-detail"),
    path("verantwoordingen/<int:pk>/bestedingen/nieuw/", accounting.report_line_view, name="report-line-add"),
    path("verantwoordingen/<int:pk>/bestedingen/<int:line_pk>/", accounting.report_line_view, name="report-line-edit"),
    path(
        "verantwoordingen/<int:pk>/bestedingen/<int:line_pk>/verwijderen/",
        accounting.report_line_delete_view,
        name="report-line-delete",
    ),
    path("verantwoordingen/<int:pk>/indienen/", accounting.report_submit_view, name="report-submit"),
    path("verantwoordingen/<int:pk>/beoordelen/", accounting.report_review_view, name="report-review"),
    path("verantwoordingen/<int:pk>/heropenen/", accounting.report_reopen_view, name="report-reopen"),
    path("betalingen/", accounting.payment_overview_view, name="payments"),
    path("geld/", accounting.money_overview_view, name="money"),
    path("geld/gebied/<slug:area_slug>/", accounting.money_overview_view, name="money-area"),
    path("geld/gemeente/<str:cbs_code>/", accounting.money_overview_view, name="money-municipality"),
    path("sisa/", accounting.sisa_view, name="sisa"),
]
