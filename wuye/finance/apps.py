from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import events


class FinanceConfig(AppConfig):
    name = "wuye.finance"
    label = "finance"
    verbose_name = _("Finance office")

    def ready(self):
        from wuye.core import menu
        from wuye.core.audit import register_verbs
        from wuye.core.periods import register_period_check

        from .dashboard import home_cards
        from .services.closing import closed_month_message

        register_verbs(events.LABELS)  # the audit page's words for this app's events
        menu.register_home_cards(home_cards)
        register_period_check(closed_month_message)  # a closed month refuses postings (FIN-06)

        # The counter's closings and deposits write the cash and bank journals (FIN-05).
        # A voided payment's invoice is reversed by a red-letter invoice (FIN-07).
        from wuye.billing.links import register_payment_links
        from wuye.billing.signals import closing_banked, closing_confirmed, payment_voided

        from .services import cash, invoices

        closing_confirmed.connect(cash.on_closing_confirmed, dispatch_uid="finance.cash.in")
        closing_banked.connect(cash.on_closing_banked, dispatch_uid="finance.cash.banked")
        payment_voided.connect(invoices.on_payment_voided, dispatch_uid="finance.invoice.void")
        register_payment_links(invoices.payment_links)  # 开发票 from the payment's page
