from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("fee-items", views.FeeItemViewSet, basename="feeitem")
router.register("fee-standards", views.FeeStandardViewSet, basename="feestandard")
router.register("meter-readings", views.MeterReadingViewSet, basename="meterreading")
router.register("billing-runs", views.BillingRunViewSet, basename="billingrun")
router.register("bills", views.BillViewSet, basename="bill")
router.register("payments", views.PaymentViewSet, basename="payment")
router.register("receipts", views.ReceiptViewSet, basename="receipt")
router.register("arrears-snapshots", views.ArrearsSnapshotViewSet, basename="arrearssnapshot")
router.register("prepayment-entries", views.WalletEntryViewSet, basename="walletentry")
router.register("deposits", views.DepositViewSet, basename="deposit")
router.register("refunds", views.RefundViewSet, basename="refund")
router.register("waivers", views.WaiverViewSet, basename="waiver")
router.register("daily-closings", views.DailyClosingViewSet, basename="dailyclosing")
router.register("collection-visits", views.CollectionVisitViewSet, basename="collectionvisit")
router.register("dunning-contacts", views.DunningContactViewSet, basename="dunningcontact")

policy = views.BillingPolicyViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update"}
)

urlpatterns = [
    path("billing-policy/", policy, name="billingpolicy"),
    path("arrears/", views.ArrearsViewSet.as_view({"get": "units"}), name="arrears"),
    path("arrears/aging/", views.ArrearsViewSet.as_view({"get": "aging"}), name="arrears-aging"),
    path(
        "collection-rates/",
        views.CollectionRateViewSet.as_view({"get": "rates"}),
        name="collectionrates",
    ),
    *router.urls,
]
