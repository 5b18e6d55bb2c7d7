from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("schemes", views.SchemeViewSet, basename="scheme")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("ceilings", views.CeilingViewSet, basename="ceiling")
router.register("applications", views.ApplicationViewSet, basename="application")
router.register("application-lines", views.ApplicationLineViewSet, basename="application-line")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("grant-decisions", views.GrantDecisionViewSet, basename="grant-decision")
urlpatterns = router.urls
