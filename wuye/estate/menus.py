"""The estate app's menu groups (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "estate",
    _("Registry"),
    "ti-building-estate",
    200,
    [
        MenuItem(
            _("Buildings and unit grid"),
            "estate:building_list",
            "estate.building.view",
            "ti-building",
        ),
        MenuItem(_("Units"), "estate:unit_list", "estate.unit.view", "ti-home"),
        MenuItem(_("Residents"), "estate:person_list", "estate.person.view", "ti-users"),
        MenuItem(
            _("Parking spaces"),
            "estate:parkingspace_list",
            "estate.parking.view",
            "ti-parking",
        ),
        MenuItem(
            _("Parking areas"),
            "estate:parkingarea_list",
            "estate.parking.view",
            "ti-car-garage",
        ),
        MenuItem(_("Vehicles"), "estate:vehicle_list", "estate.vehicle.view", "ti-car"),
        MenuItem(_("Meters"), "estate:meter_list", "estate.meter.view", "ti-gauge"),
        MenuItem(
            _("Facilities and equipment"),
            "estate:facility_list",
            "estate.facility.view",
            "ti-tool",
        ),
        MenuItem(_("Vendors"), "estate:vendor_list", "estate.vendor.view", "ti-truck"),
        MenuItem(
            _("External contacts"),
            "estate:externalcontact_list",
            "estate.contact.view",
            "ti-address-book",
        ),
        MenuItem(
            _("Liaison log"),
            "estate:liaisonlog_list",
            "estate.contact.view",
            "ti-message-2",
        ),
        MenuItem(_("Import registry"), "estate:import_hub", "estate.import", "ti-file-import"),
    ],
)
