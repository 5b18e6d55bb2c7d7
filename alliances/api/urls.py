from rest_framework.routers import DefaultRouter

from . import alliance_views, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("areas", views.AreaViewSet, basename="area")
router.register("action-lines", views.ActionLineViewSet, basename="action-line")
router.register("alliances", alliance_views.AllianceViewSet, basename="alliance")
router.register("people", alliance_views.PersonViewSet, basename="person")
router.register("memberships", alliance_views.MembershipViewSet, basename="membership")
router.register("meetings", alliance_views.MeetingViewSet, basename="meeting")
router.register("decisions", alliance_views.DecisionViewSet, basename="decision")
router.register("plans", alliance_views.PlanViewSet, basename="plan")
router.register("bottlenecks", alliance_views.BottleneckViewSet, basename="bottleneck")
urlpatterns = router.urls
