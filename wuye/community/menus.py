"""Community's menu group (found by `CoreConfig.ready`, like every app's menus.py)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.menu import MenuItem, register_group

register_group(
    "community",
    _("Community and communication"),
    "ti-speakerphone",
    350,
    [
        MenuItem(
            _("Announcements"),
            "community:announcement_list",
            "community.announcement.view",
            "ti-news",
        ),
        MenuItem(
            _("SMS campaigns"),
            "community:campaign_list",
            "community.campaign.view",
            "ti-message-2",
        ),
        MenuItem(
            _("SMS templates"),
            "community:messagetemplate_list",
            "community.template.view",
            "ti-template",
        ),
        MenuItem(
            _("Recipient lists"),
            "community:recipientlist_list",
            "community.list.view",
            "ti-address-book",
        ),
        MenuItem(
            _("SMS opt-outs"),
            "community:optout_list",
            "community.optout.view",
            "ti-message-off",
        ),
    ],
)
