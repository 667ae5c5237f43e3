from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wuye.core import menu
from wuye.core.access import register_tenancy

from . import events


class OrgConfig(AppConfig):
    name = "wuye.org"
    label = "org"
    verbose_name = _("Organization")

    def ready(self):
        # Imported here: these modules load models, which exist once the app registry is ready.
        from wuye.core.audit import register_verbs

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from . import tenancy

        register_tenancy(tenancy)  # core reads communities, posts and delegations through it

        from auditlog.registry import auditlog

        from . import importers  # noqa: F401  (registers the staff importer)
        from .dashboard import home_cards
        from .models import Community, Company, Delegation, Department, Membership, User, Zone

        for model in (Company, Community, Department, Zone, Delegation):
            auditlog.register(model)
        auditlog.register(Membership, m2m_fields={"zones"})
        auditlog.register(
            User,
            include_fields=[
                "username",
                "name",
                "phone",
                "email",
                "is_active",
                "company",
                "company_role",
            ],
        )
        menu.register_home_cards(home_cards)
