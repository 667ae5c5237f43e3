"""The billing app's menu groups (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "billing",
    _("Billing and collection"),
    "ti-receipt",
    300,
    [
        MenuItem(
            _("Cashier counter"),
            "billing:counter",
            "billing.payment.change",
            "ti-cash-register",
        ),
        MenuItem(
            _("Payments and receipts"),
            "billing:payment_list",
            "billing.payment.view",
            "ti-receipt-2",
        ),
        MenuItem(_("Bills"), "billing:bill_list", "billing.bill.view", "ti-file-invoice"),
        MenuItem(
            _("Billing runs"),
            "billing:billingrun_list",
            "billing.run.view",
            "ti-calendar-dollar",
        ),
        MenuItem(
            _("Meter readings"),
            "billing:meterreading_list",
            "billing.reading.view",
            "ti-gauge",
        ),
        MenuItem(
            _("Reading entry"),
            "billing:reading_entry",
            "billing.reading.change",
            "ti-keyboard",
        ),
        MenuItem(_("Fee items"), "billing:feeitem_list", "billing.fee.view", "ti-list-details"),
        MenuItem(
            _("Fee standards"),
            "billing:feestandard_list",
            "billing.fee.view",
            "ti-currency-yuan",
        ),
        MenuItem(_("Billing policy"), "billing:policy", "billing.policy.view", "ti-adjustments"),
    ],
)

register_group(
    "collection",
    _("Closing and arrears"),
    "ti-report-money",
    310,
    [
        MenuItem(_("Close my day"), "billing:close_day", "billing.closing.change", "ti-lock"),
        MenuItem(
            _("Daily closings"),
            "billing:dailyclosing_list",
            "billing.closing.view",
            "ti-checklist",
        ),
        MenuItem(
            _("Daily collection report"),
            "billing:daily_report",
            "billing.closing.view",
            "ti-report",
        ),
        MenuItem(_("Arrears"), "billing:arrears", "billing.arrears.view", "ti-alert-triangle"),
        MenuItem(
            _("Arrears by month"),
            "billing:arrears_snapshots",
            "billing.arrears.view",
            "ti-chart-line",
        ),
        MenuItem(
            _("Collection rates"),
            "billing:collection_rates",
            "billing.arrears.view",
            "ti-chart-pie",
        ),
        MenuItem(
            _("Collection visits"),
            "billing:collectionappointment_list",
            "billing.visit.view",
            "ti-door",
        ),
        MenuItem(
            _("Dunning log"),
            "billing:dunningcontact_list",
            "billing.dunning.view",
            "ti-phone-call",
        ),
        MenuItem(_("Deposits"), "billing:deposit_list", "billing.deposit.view", "ti-lock-dollar"),
        MenuItem(_("Refunds"), "billing:refund_list", "billing.refund.view", "ti-arrow-back-up"),
        MenuItem(_("Waivers"), "billing:waiver_list", "billing.waiver.view", "ti-discount"),
    ],
)
