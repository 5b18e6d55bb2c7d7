from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from accounts import two_factor

from . import views
from .api import CachedSchemaView

docs_csp = csp_update({"style-src": [UNSAFE_INLINE], "img-src": ["data:", "blob:"], "worker-src": ["blob:"]})

admin.site.site_header = _("NPLV – beheer en beoordeling")
admin.site.site_title = _("NPLV-beheer")
admin.site.index_title = _("Beheer")

api_v1 = [
    path("", include("alliances.api.urls")),
    path("", include("interventions.api.urls")),
    path("", include("funding.api.urls")),
    path("", include("monitoring.api.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestaps/instellen/", two_factor.setup, name="two-factor-setup"),
    path("tweestaps/koppelen/<str:token>/", two_factor.enrol, name="two-factor-enrol"),
    path("tweestaps/bevestigen/", two_factor.verify, name="two-factor-verify"),
    path("gebieden/<slug:slug>/", views.area_detail, name="area-detail"),
    path("monitor/", views.monitor, name="monitor"),
    path("gezond/", views.health, name="health"),
    path("monitor/", include("monitoring.urls")),
    path("mijn-taken/", views.my_tasks, name="my-tasks"),
    path("", include("alliances.urls")),
    path("interventies/", include("interventions.urls")),
    path("middelen/", include("funding.urls")),
    path("rapportages/", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", CachedSchemaView.as_view(), name="api-schema"),
    # Swagger UI and ReDoc set inline styles; only their two pages may (scripts stay 'self' only).
    path(
        "api/docs/",
        login_required(docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api-schema"))),
        name="api-docs",
    ),
    path("api/redoc/", login_required(docs_csp(SpectacularRedocView.as_view(url_name="api-schema"))), name="api-redoc"),
    path(
        "wachtwoord/wijzigen/",
        auth_views.PasswordChangeView.as_view(template_name="registration/password_change.html"),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_changed.html"),
        name="password_change_done",
    ),
]
