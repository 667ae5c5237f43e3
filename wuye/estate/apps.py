from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EstateConfig(AppConfig):
    name = "wuye.estate"
    label = "estate"
    verbose_name = _("Registry")

    def ready(self):
        from wuye.core.audit import register_verbs

        from . import events

        register_verbs(events.LABELS)  # the audit page's words for this app's events

        from auditlog.registry import auditlog

        from wuye.core import menu

        from . import importers, models  # noqa: F401  (importers register themselves)
        from .dashboard import home_cards

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
        item = menu.MenuItem
        menu.register_group(
            "estate",
            _("Registry"),
            "ti-building-estate",
            200,
            [
                item(
                    _("Buildings and unit grid"),
                    "estate:building_list",
                    "estate.building.view",
                    "ti-building",
                ),
                item(_("Units"), "estate:unit_list", "estate.unit.view", "ti-home"),
                item(_("Residents"), "estate:person_list", "estate.person.view", "ti-users"),
                item(
                    _("Parking spaces"),
                    "estate:parkingspace_list",
                    "estate.parking.view",
                    "ti-parking",
                ),
                item(
                    _("Parking areas"),
                    "estate:parkingarea_list",
                    "estate.parking.view",
                    "ti-car-garage",
                ),
                item(_("Vehicles"), "estate:vehicle_list", "estate.vehicle.view", "ti-car"),
                item(_("Meters"), "estate:meter_list", "estate.meter.view", "ti-gauge"),
                item(
                    _("Facilities and equipment"),
                    "estate:facility_list",
                    "estate.facility.view",
                    "ti-tool",
                ),
                item(_("Vendors"), "estate:vendor_list", "estate.vendor.view", "ti-truck"),
                item(
                    _("External contacts"),
                    "estate:externalcontact_list",
                    "estate.contact.view",
                    "ti-address-book",
                ),
                item(
                    _("Liaison log"),
                    "estate:liaisonlog_list",
                    "estate.contact.view",
                    "ti-message-2",
                ),
                item(_("Import registry"), "estate:import_hub", "estate.import", "ti-file-import"),
            ],
        )
        menu.register_home_cards(home_cards)

        from wuye.core.search import register_search

        from .search import registry_results

        register_search(registry_results)
