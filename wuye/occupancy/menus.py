"""Occupancy's menu group (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "occupancy",
    _("Occupancy"),
    "ti-home-move",
    250,
    [
        MenuItem(_("Gate check"), "occupancy:gate", "occupancy.pass.verify", "ti-scan"),
        MenuItem(
            _("Release passes"),
            "occupancy:releasepass_list",
            "occupancy.pass.view",
            "ti-truck-delivery",
        ),
        MenuItem(
            _("Handover acceptance"),
            "occupancy:handover_list",
            "occupancy.handover.view",
            "ti-building-skyscraper",
        ),
        MenuItem(
            _("Move-ins"),
            "occupancy:movein_list",
            "occupancy.movein.view",
            "ti-key",
        ),
        MenuItem(
            _("Move-in day"),
            "occupancy:movein_board",
            "occupancy.movein.view",
            "ti-layout-board",
        ),
        MenuItem(
            _("Decoration"),
            "occupancy:decorationpermit_list",
            "occupancy.decoration.view",
            "ti-paint",
        ),
        MenuItem(
            _("Parking agreements"),
            "occupancy:parkingagreement_list",
            "occupancy.parking.view",
            "ti-parking",
        ),
        MenuItem(
            _("Paid services"),
            "occupancy:serviceorder_list",
            "occupancy.serviceorder.view",
            "ti-tool",
        ),
        MenuItem(
            _("Paid service catalog"),
            "occupancy:paidservice_list",
            "occupancy.paidservice.view",
            "ti-list-details",
        ),
        MenuItem(
            _("Agency listings"),
            "occupancy:listing_list",
            "occupancy.listing.view",
            "ti-home-dollar",
        ),
        MenuItem(
            _("Municipal services"),
            "occupancy:municipalrequest_list",
            "occupancy.municipal.view",
            "ti-building-broadcast-tower",
        ),
        MenuItem(
            _("Vacant units"),
            "occupancy:vacantunit_list",
            "occupancy.vacant.view",
            "ti-door",
        ),
        MenuItem(
            _("Occupancy settings"),
            "occupancy:settings",
            "occupancy.setup.view",
            "ti-settings",
        ),
    ],
)
