from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("fee-items", views.FeeItemViewSet, basename="feeitem")
router.register("fee-standards", views.FeeStandardViewSet, basename="feestandard")
router.register("meter-readings", views.MeterReadingViewSet, basename="meterreading")
router.register("billing-runs", views.BillingRunViewSet, basename="billingrun")
router.register("bills", views.BillViewSet, basename="bill")

policy = views.BillingPolicyViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update"}
)

urlpatterns = [
    path("billing-policy/", policy, name="billingpolicy"),
    *router.urls,
]
