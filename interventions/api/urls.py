from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("interventions", views.InterventionViewSet, basename="intervention")
router.register("library", views.LibraryViewSet, basename="library")
urlpatterns = router.urls
