from django.urls import path

from wuye.core.routing import crud

from . import views

app_name = "billing"

urlpatterns = [
    *crud(
        "fee-items",
        "feeitem",
        views.FeeItemListView,
        views.FeeItemDetailView,
        views.FeeItemEditView,
        views.FeeItemDeleteView,
    ),
    *crud(
        "fee-standards",
        "feestandard",
        views.FeeStandardListView,
        views.FeeStandardDetailView,
        views.FeeStandardEditView,
    ),
    path("policy/", views.PolicyView.as_view(), name="policy"),
    path("readings/", views.MeterReadingListView.as_view(), name="meterreading_list"),
    path("readings/<int:pk>/", views.MeterReadingDetailView.as_view(), name="meterreading_detail"),
    path("readings/entry/", views.ReadingEntryView.as_view(), name="reading_entry"),
    path("runs/", views.BillingRunListView.as_view(), name="billingrun_list"),
    path("runs/add/", views.BillingRunCreateView.as_view(), name="billingrun_add"),
    path("runs/<int:pk>/", views.BillingRunDetailView.as_view(), name="billingrun_detail"),
    path("bills/", views.BillListView.as_view(), name="bill_list"),
    path("bills/<int:pk>/", views.BillDetailView.as_view(), name="bill_detail"),
    path("counter/", views.CounterView.as_view(), name="counter"),
    path("statements/<int:pk>/", views.StatementView.as_view(), name="statement"),
    path("arrears/", views.ArrearsView.as_view(), name="arrears"),
    path("arrears/late-fees/", views.LateFeeView.as_view(), name="late_fees"),
    path("arrears/by-month/", views.ArrearsSnapshotView.as_view(), name="arrears_snapshots"),
    path("arrears/<int:pk>/notice.pdf", views.DunningNoticeView.as_view(), name="dunning_notice"),
    path("collection-rates/", views.CollectionRateView.as_view(), name="collection_rates"),
    *crud(
        "visits",
        "collectionappointment",
        views.CollectionAppointmentListView,
        views.CollectionAppointmentDetailView,
        views.CollectionAppointmentEditView,
        views.CollectionAppointmentDeleteView,
    ),
    *crud(
        "dunning-log",
        "dunningcontact",
        views.DunningContactListView,
        views.DunningContactDetailView,
        views.DunningContactEditView,
        views.DunningContactDeleteView,
    ),
    path("counter/top-up/", views.CounterTopUpView.as_view(), name="counter_top_up"),
    path("counter/deposit/", views.CounterDepositView.as_view(), name="counter_deposit"),
    path(
        "counter/prepayment-refund/",
        views.PrepaymentRefundRequestView.as_view(),
        name="prepayment_refund",
    ),
    path("deposits/", views.DepositListView.as_view(), name="deposit_list"),
    path("deposits/<int:pk>/", views.DepositDetailView.as_view(), name="deposit_detail"),
    path("refunds/", views.RefundListView.as_view(), name="refund_list"),
    path("refunds/<int:pk>/", views.RefundDetailView.as_view(), name="refund_detail"),
    path("waivers/", views.WaiverListView.as_view(), name="waiver_list"),
    path("waivers/<int:pk>/", views.WaiverDetailView.as_view(), name="waiver_detail"),
    path("bills/<int:pk>/waiver/", views.WaiverRequestView.as_view(), name="bill_waiver"),
    path("payments/", views.PaymentListView.as_view(), name="payment_list"),
    path("payments/<int:pk>/", views.PaymentDetailView.as_view(), name="payment_detail"),
    path("receipts/<int:pk>/", views.ReceiptDetailView.as_view(), name="receipt_detail"),
    path("receipts/<int:pk>/pdf/", views.ReceiptPdfView.as_view(), name="receipt_pdf"),
    path("closings/", views.DailyClosingListView.as_view(), name="dailyclosing_list"),
    path("closings/<int:pk>/", views.DailyClosingDetailView.as_view(), name="dailyclosing_detail"),
    path("closings/my-day/", views.CloseDayView.as_view(), name="close_day"),
    path("daily-report/", views.DailyReportView.as_view(), name="daily_report"),
]
