from django.urls import path
from rest_framework.routers import DefaultRouter

from . import accounting, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("ceilings", views.CeilingViewSet, basename="ceiling")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("application-lines", views.ApplicationLineViewSet, basename="application-line")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("grant-decisions", views.GrantDecisionViewSet, basename="grant-decision")
router.register("payments", accounting.PaymentViewSet, basename="payment")
router.register("payment-instalments", accounting.InstalmentViewSet, basename="payment-instalment")
router.register("spending-reports", accounting.SpendingReportViewSet, basename="spending-report")
router.register("spending-lines", accounting.SpendingLineViewSet, basename="spending-line")
urlpatterns = [
    *router.urls,
    path("money-overview/", accounting.MoneyOverviewView.as_view(), name="money-overview"),
    path("sisa/", accounting.SisaView.as_view(), name="sisa"),
]
