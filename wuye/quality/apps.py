from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import events


class QualityConfig(AppConfig):
    name = "wuye.quality"
    label = "quality"
    verbose_name = _("Quality and safety")

    def ready(self):
        from wuye.core.audit import register_verbs
        from wuye.service.signals import order_closed

        from .services.checkins import close_finding_of

        register_verbs(events.LABELS)  # the audit page's words for this app's events
        order_closed.connect(_close_finding, dispatch_uid="quality.close_finding")
        self.close_finding_of = close_finding_of


def _close_finding(sender, *, order, actor, **kwargs):
    """A rectification order closed in customer service puts its finding right."""
    from .services.checkins import close_finding_of

    close_finding_of(order, actor)
