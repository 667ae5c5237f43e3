from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import events


class QualityConfig(AppConfig):
    name = "wuye.quality"
    label = "quality"
    verbose_name = _("Quality and safety")

    def ready(self):
        from wuye.core import menu
        from wuye.core.audit import register_verbs
        from wuye.service.signals import order_closed

        from .dashboard import home_cards, open_emergencies
        from .services.checkins import on_order_closed

        register_verbs(events.LABELS)  # the audit page's words for this app's events
        menu.register_home_cards(home_cards)
        menu.register_alerts(open_emergencies)
        order_closed.connect(on_order_closed, dispatch_uid="quality.close_finding")
