from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from . import events


class CoreConfig(AppConfig):
    name = "wuye.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        # Imported here: these modules load models, which exist once the app registry is ready.
        from wuye.core.audit import register_verbs

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from . import signals  # noqa: F401

        # Every app's permissions.py registers its permission lines and its menus.py its menu
        # groups (core's own first, as it is first among the apps), before any request.
        autodiscover_modules("permissions", "menus")

        from django.conf import settings
        from django.test.signals import template_rendered

        from .scoping import check_template_context

        if getattr(settings, "WUYE_STRICT_SCOPING", False):
            # Tests render through Django's instrumented renderer: a page shown with an
            # unscoped queryset fails there (core/scoping.py).
            template_rendered.connect(check_template_context, dispatch_uid="wuye-scoping")
