from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import approvals, arrears, closing, counter, readings, reports, runs, standards

router = SimpleRouter(trailing_slash=True)
router.register("fee-items", standards.FeeItemViewSet, basename="feeitem")
router.register("fee-standards", standards.FeeStandardViewSet, basename="feestandard")
router.register("meter-readings", readings.MeterReadingViewSet, basename="meterreading")
router.register("billing-runs", runs.BillingRunViewSet, basename="billingrun")
router.register("bills", runs.BillViewSet, basename="bill")
router.register("payments", counter.PaymentViewSet, basename="payment")
router.register("receipts", counter.ReceiptViewSet, basename="receipt")
router.register("arrears-snapshots", reports.ArrearsSnapshotViewSet, basename="arrearssnapshot")
router.register("prepayment-entries", counter.WalletEntryViewSet, basename="walletentry")
router.register("deposits", approvals.DepositViewSet, basename="deposit")
router.register("refunds", approvals.RefundViewSet, basename="refund")
router.register("waivers", approvals.WaiverViewSet, basename="waiver")
router.register("daily-closings", closing.DailyClosingViewSet, basename="dailyclosing")
router.register("collection-visits", arrears.CollectionVisitViewSet, basename="collectionvisit")
router.register("dunning-contacts", arrears.DunningContactViewSet, basename="dunningcontact")

policy = standards.BillingPolicyViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update"}
)

urlpatterns = [
    path("billing-policy/", policy, name="billingpolicy"),
    path("arrears/", reports.ArrearsViewSet.as_view({"get": "units"}), name="arrears"),
    path("arrears/aging/", reports.ArrearsViewSet.as_view({"get": "aging"}), name="arrears-aging"),
    path(
        "collection-rates/",
        reports.CollectionRateViewSet.as_view({"get": "rates"}),
        name="collectionrates",
    ),
    *router.urls,
]
