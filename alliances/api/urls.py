from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("areas", views.AreaViewSet, basename="area")
router.register("action-lines", views.ActionLineViewSet, basename="action-line")
urlpatterns = router.urls
