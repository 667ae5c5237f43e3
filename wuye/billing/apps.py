from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "wuye.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self):
        from wuye.core.audit import register_verbs

        from . import events

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from auditlog.registry import auditlog

        from wuye.core import menu
        from wuye.estate.panels import UnitPanel, register_unit_panel

        from . import importers, models  # noqa: F401  (importers register themselves)
        from .dashboard import home_cards, unit_bills_panel

        for model in (
            models.FeeItem,
            models.FeeStandard,
            models.BillingPolicy,
            models.MeterReading,
            models.BillingRun,
        ):
            auditlog.register(model)
        item = menu.MenuItem
        menu.register_group(
            "billing",
            _("Billing and collection"),
            "ti-receipt",
            300,
            [
                item(
                    _("Cashier counter"),
                    "billing:counter",
                    "billing.payment.change",
                    "ti-cash-register",
                ),
                item(
                    _("Payments and receipts"),
                    "billing:payment_list",
                    "billing.payment.view",
                    "ti-receipt-2",
                ),
                item(_("Bills"), "billing:bill_list", "billing.bill.view", "ti-file-invoice"),
                item(
                    _("Billing runs"),
                    "billing:billingrun_list",
                    "billing.run.view",
                    "ti-calendar-dollar",
                ),
                item(
                    _("Meter readings"),
                    "billing:meterreading_list",
                    "billing.reading.view",
                    "ti-gauge",
                ),
                item(
                    _("Reading entry"),
                    "billing:reading_entry",
                    "billing.reading.change",
                    "ti-keyboard",
                ),
                item(_("Fee items"), "billing:feeitem_list", "billing.fee.view", "ti-list-details"),
                item(
                    _("Fee standards"),
                    "billing:feestandard_list",
                    "billing.fee.view",
                    "ti-currency-yuan",
                ),
                item(
                    _("Billing policy"), "billing:policy", "billing.policy.view", "ti-adjustments"
                ),
            ],
        )
        menu.register_group(
            "collection",
            _("Closing and arrears"),
            "ti-report-money",
            310,
            [
                item(_("Close my day"), "billing:close_day", "billing.closing.change", "ti-lock"),
                item(
                    _("Daily closings"),
                    "billing:dailyclosing_list",
                    "billing.closing.view",
                    "ti-checklist",
                ),
                item(
                    _("Daily collection report"),
                    "billing:daily_report",
                    "billing.closing.view",
                    "ti-report",
                ),
                item(_("Arrears"), "billing:arrears", "billing.arrears.view", "ti-alert-triangle"),
                item(
                    _("Arrears by month"),
                    "billing:arrears_snapshots",
                    "billing.arrears.view",
                    "ti-chart-line",
                ),
                item(
                    _("Collection rates"),
                    "billing:collection_rates",
                    "billing.arrears.view",
                    "ti-chart-pie",
                ),
                item(
                    _("Collection visits"),
                    "billing:collectionappointment_list",
                    "billing.visit.view",
                    "ti-door",
                ),
                item(
                    _("Dunning log"),
                    "billing:dunningcontact_list",
                    "billing.dunning.view",
                    "ti-phone-call",
                ),
                item(
                    _("Deposits"), "billing:deposit_list", "billing.deposit.view", "ti-lock-dollar"
                ),
                item(
                    _("Refunds"), "billing:refund_list", "billing.refund.view", "ti-arrow-back-up"
                ),
                item(_("Waivers"), "billing:waiver_list", "billing.waiver.view", "ti-discount"),
            ],
        )
        menu.register_home_cards(home_cards)
        register_unit_panel(
            UnitPanel(
                key="bills",
                title=_("Bills"),
                template="estate/panels/list.html",
                permission="billing.bill.view",
                order=10,
                context=unit_bills_panel,
            )
        )
