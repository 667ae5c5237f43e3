from django.urls import path

from wuye.core.routing import crud

from .views import (
    approvals,
    arrears,
    bills,
    closing,
    counter,
    readings,
    receipts,
    reports,
    runs,
    standards,
)

app_name = "billing"

urlpatterns = [
    *crud(
        "fee-items",
        "feeitem",
        standards.FeeItemListView,
        standards.FeeItemDetailView,
        standards.FeeItemEditView,
        standards.FeeItemDeleteView,
    ),
    *crud(
        "fee-standards",
        "feestandard",
        standards.FeeStandardListView,
        standards.FeeStandardDetailView,
        standards.FeeStandardEditView,
    ),
    path("policy/", standards.PolicyView.as_view(), name="policy"),
    path("readings/", readings.MeterReadingListView.as_view(), name="meterreading_list"),
    path(
        "readings/<int:pk>/", readings.MeterReadingDetailView.as_view(), name="meterreading_detail"
    ),
    path("readings/entry/", readings.ReadingEntryView.as_view(), name="reading_entry"),
    path("runs/", runs.BillingRunListView.as_view(), name="billingrun_list"),
    path("runs/add/", runs.BillingRunCreateView.as_view(), name="billingrun_add"),
    path("runs/<int:pk>/", runs.BillingRunDetailView.as_view(), name="billingrun_detail"),
    path("bills/", bills.BillListView.as_view(), name="bill_list"),
    path("bills/<int:pk>/", bills.BillDetailView.as_view(), name="bill_detail"),
    path("counter/", counter.CounterView.as_view(), name="counter"),
    path("statements/<int:pk>/", bills.StatementView.as_view(), name="statement"),
    path("arrears/", arrears.ArrearsView.as_view(), name="arrears"),
    path("arrears/late-fees/", arrears.LateFeeView.as_view(), name="late_fees"),
    path("arrears/by-month/", reports.ArrearsSnapshotView.as_view(), name="arrears_snapshots"),
    path("arrears/<int:pk>/notice.pdf", arrears.DunningNoticeView.as_view(), name="dunning_notice"),
    path("collection-rates/", reports.CollectionRateView.as_view(), name="collection_rates"),
    *crud(
        "visits",
        "collectionappointment",
        arrears.CollectionAppointmentListView,
        arrears.CollectionAppointmentDetailView,
        arrears.CollectionAppointmentEditView,
        arrears.CollectionAppointmentDeleteView,
    ),
    *crud(
        "dunning-log",
        "dunningcontact",
        arrears.DunningContactListView,
        arrears.DunningContactDetailView,
        arrears.DunningContactEditView,
        arrears.DunningContactDeleteView,
    ),
    path("counter/top-up/", counter.CounterTopUpView.as_view(), name="counter_top_up"),
    path("counter/deposit/", counter.CounterTopUpView.as_view(), name="counter_deposit"),
    path(
        "counter/prepayment-refund/",
        counter.PrepaymentRefundRequestView.as_view(),
        name="prepayment_refund",
    ),
    path("deposits/", approvals.DepositListView.as_view(), name="deposit_list"),
    path("deposits/<int:pk>/", approvals.DepositDetailView.as_view(), name="deposit_detail"),
    path("refunds/", approvals.RefundListView.as_view(), name="refund_list"),
    path("refunds/<int:pk>/", approvals.RefundDetailView.as_view(), name="refund_detail"),
    path("waivers/", approvals.WaiverListView.as_view(), name="waiver_list"),
    path("waivers/<int:pk>/", approvals.WaiverDetailView.as_view(), name="waiver_detail"),
    path("bills/<int:pk>/waiver/", approvals.WaiverRequestView.as_view(), name="bill_waiver"),
    path("payments/", receipts.PaymentListView.as_view(), name="payment_list"),
    path("payments/<int:pk>/", receipts.PaymentDetailView.as_view(), name="payment_detail"),
    path("receipts/<int:pk>/", receipts.ReceiptDetailView.as_view(), name="receipt_detail"),
    path("receipts/<int:pk>/pdf/", receipts.ReceiptPdfView.as_view(), name="receipt_pdf"),
    path("closings/", closing.DailyClosingListView.as_view(), name="dailyclosing_list"),
    path(
        "closings/<int:pk>/", closing.DailyClosingDetailView.as_view(), name="dailyclosing_detail"
    ),
    path("closings/my-day/", closing.CloseDayView.as_view(), name="close_day"),
    path("daily-report/", reports.DailyReportView.as_view(), name="daily_report"),
]
