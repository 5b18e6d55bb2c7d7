from django.urls import path, register_converter

from . import import_views, views


class ExportFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "fmt")

urlpatterns = [
    path("gebieden/", views.area_list_view, name="area-list"),
    path("allianties/", views.alliance_overview_view, name="alliance-overview"),
    path("gebieden/<slug:slug>/alliantie/", views.alliance_detail_view, name="alliance-detail"),
    path("gebieden/<slug:slug>/alliantie/instellingen/", views.alliance_settings_view, name="alliance-settings"),
    path("gebieden/<slug:slug>/alliantie/leden/nieuw/", views.member_create_view, name="member-create"),
    path("gebieden/<slug:slug>/alliantie/leden/opvolging/", views.member_succession_view, name="member-succession"),
    path("gebieden/<slug:slug>/alliantie/leden/importeren/", import_views.member_import_view, name="member-import"),
    path(
        "gebieden/<slug:slug>/alliantie/leden/importeren/sjabloon.xlsx",
        import_views.member_import_template_view,
        name="member-import-template",
    ),
    path("gebieden/<slug:slug>/alliantie/leden.<fmt:fmt>", views.member_export_view, name="member-export"),
    path("gebieden/<slug:slug>/alliantie/overleggen/nieuw/", views.meeting_create_view, name="meeting-create"),
    path("gebieden/<slug:slug>/alliantie/plannen/nieuw/", views.plan_create_view, name="plan-create"),
    path("gebieden/<slug:slug>/knelpunten/nieuw/", views.bottleneck_create_view, name="bottleneck-create"),
    path("allianties/leden/<int:pk>/wijzigen/", views.member_update_view, name="member-update"),
    path("allianties/overleggen/<int:pk>/", views.meeting_detail_view, name="meeting-detail"),
    path("allianties/overleggen/<int:pk>/wijzigen/", views.meeting_update_view, name="meeting-update"),
    path("allianties/overleggen/<int:pk>/aanwezigheid/", views.meeting_attendance_view, name="meeting-attendance"),
    path("allianties/overleggen/<int:pk>/besluiten/nieuw/", views.decision_create_view, name="decision-create"),
    path("allianties/overleggen/<int:pk>/verslag/", views.meeting_minutes_view, name="meeting-minutes"),
    path("allianties/plannen/<int:pk>/", views.plan_detail_view, name="plan-detail"),
    path("allianties/plannen/<int:pk>/document/", views.plan_document_view, name="plan-document"),
    path("knelpunten/", views.bottleneck_list_view, name="bottleneck-list"),
    path("knelpunten/export.<fmt:fmt>", views.bottleneck_export_view, name="bottleneck-export"),
    path("knelpunten/<int:pk>/", views.bottleneck_detail_view, name="bottleneck-detail"),
    path("knelpunten/<int:pk>/status/", views.bottleneck_transition_view, name="bottleneck-transition"),
]
