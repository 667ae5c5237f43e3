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
