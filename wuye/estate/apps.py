from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wuye.core import menu
from wuye.core.search import register_search

from . import events


class EstateConfig(AppConfig):
    name = "wuye.estate"
    label = "estate"
    verbose_name = _("Registry")

    def ready(self) -> None:
        # These modules import models, which Django loads only after every apps.py.
        from auditlog.registry import auditlog

        from wuye.core.audit import register_verbs

        from . import importers, models  # noqa: F401  (importers register themselves)
        from .dashboard import home_cards
        from .search import registry_results

        register_verbs(events.LABELS)  # the audit page's words for this app's events
        for model in (
            models.Building,
            models.Unit,
            models.Person,
            models.UnitRelation,
            models.ParkingArea,
            models.ParkingSpace,
            models.Vehicle,
            models.Meter,
            models.MeterReplacement,
            models.Facility,
            models.Vendor,
            models.ExternalContact,
            models.LiaisonLog,
        ):
            auditlog.register(model)
        menu.register_home_cards(home_cards)
        register_search(registry_results)
