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
            _("Internal notices"),
            "community:staffnotice_list",
            "community.notice.view",
            "ti-file-text",
        ),
        MenuItem(
            _("Owners' forum"),
            "community:forumpost_list",
            "community.forum.view",
            "ti-messages",
        ),
        MenuItem(
            _("Forum moderation"),
            "community:forum_queue",
            "community.forum.moderate",
            "ti-shield-check",
        ),
        MenuItem(
            _("Forum keywords"),
            "community:forumkeyword_list",
            "community.keyword.view",
            "ti-filter",
        ),
        MenuItem(
            _("Forum digests"),
            "community:forumdigest_list",
            "community.digest.view",
            "ti-report",
        ),
        MenuItem(
            _("Activities"),
            "community:activity_list",
            "community.activity.view",
            "ti-confetti",
        ),
        MenuItem(
            _("Resident groups"),
            "community:residentgroup_list",
            "community.group.view",
            "ti-users-group",
        ),
        MenuItem(
            _("Chronicle"),
            "community:chronicleentry_list",
            "community.chronicle.view",
            "ti-timeline",
        ),
        MenuItem(
            _("Visit calendar"),
            "community:visit_calendar",
            "community.chronicle.view",
            "ti-calendar-event",
        ),
        MenuItem(
            _("Facility bookings"),
            "community:bookablefacility_list",
            "community.booking.view",
            "ti-calendar-time",
        ),
        MenuItem(
            _("Operation logs"),
            "community:facilitylog_list",
            "community.booking.view",
            "ti-droplet-half-2",
        ),
        MenuItem(
            _("Surveys"),
            "community:survey_list",
            "community.survey.view",
            "ti-list-details",
        ),
        MenuItem(
            _("SMS campaigns"),
            "community:campaign_list",
            "community.campaign.view",
            "ti-message-2",
        ),
        MenuItem(
            _("Outage notices"),
            "community:outage_list",
            "community.outage.view",
            "ti-droplet-off",
        ),
        MenuItem(
            _("Greetings"),
            "community:greetings",
            "community.greeting.view",
            "ti-cake",
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
