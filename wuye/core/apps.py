from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wuye.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from wuye.core.audit import register_verbs

        from . import events

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from . import menu, signals  # noqa: F401

        menu.register_core()
