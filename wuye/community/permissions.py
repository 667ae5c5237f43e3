"""Who may see and do what in community life and communication (registered when the app is
ready)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import (
    AST,
    CLN,
    CSH,
    CSR,
    CSS,
    DSP,
    FIN,
    MGR,
    QC,
    SEC,
    TECH,
    register_permissions,
)

EVERYONE = {MGR, AST, FIN, QC, CSS, CSR, DSP, CSH, TECH, SEC, CLN}

register_permissions(
    [
        ("community.announcement.view", _("Read announcements"), EVERYONE),
        (
            "community.announcement.change",
            _("Write announcements (drafts, submitted for review)"),
            {MGR, AST, QC, CSS, CSR},
        ),
        (
            "community.announcement.review",
            _("Review, publish and withdraw announcements"),
            {MGR, CSS},
        ),
        ("community.announcement.delete", _("Delete draft announcements"), {MGR, CSS}),
        (
            "community.campaign.view",
            _("View SMS campaigns and their delivery logs"),
            {MGR, AST, QC, CSS, CSR},
        ),
        (
            "community.campaign.change",
            _("Prepare and send SMS campaigns (a representative to his own zones)"),
            {MGR, AST, CSS, CSR},
        ),
        (
            "community.campaign.all",
            _("Send SMS to the whole community, any zone, a saved list"),
            {MGR, AST, CSS},
        ),
        (
            "community.campaign.urgent",
            _("Send urgent SMS (also in quiet hours)"),
            {MGR, CSS},
        ),
        (
            "community.outage.view",
            _("View outage notices"),
            {MGR, AST, QC, CSS, CSR, DSP, TECH},
        ),
        (
            "community.outage.change",
            _("Announce water, power and gas outages"),
            {MGR, AST, CSS, CSR},
        ),
        ("community.greeting.view", _("View greetings and those sent"), {MGR, AST, QC, CSS, CSR}),
        ("community.greeting.change", _("Set up festival and birthday greetings"), {MGR, CSS}),
        ("community.survey.view", _("View surveys and their statistics"), EVERYONE),
        ("community.survey.change", _("Run satisfaction surveys"), {MGR, AST, QC, CSS}),
        ("community.survey.delete", _("Delete draft surveys"), {MGR, CSS}),
        (
            "community.survey.answer",
            _("Record survey answers at the door or by telephone"),
            {MGR, AST, QC, CSS, CSR},
        ),
        ("community.notice.view", _("Read internal notices and meeting minutes"), EVERYONE),
        (
            "community.notice.change",
            _("Write and send internal notices and meeting minutes"),
            {MGR, AST, QC, CSS},
        ),
        ("community.notice.delete", _("Delete unsent internal notices"), {MGR, AST}),
        (
            "community.activity.view",
            _("View community activities and their sign-ups"),
            {MGR, AST, FIN, QC, CSS, CSR, DSP},
        ),
        ("community.activity.change", _("Plan and run community activities"), {MGR, AST, QC}),
        ("community.activity.delete", _("Delete planned activities"), {MGR, QC}),
        (
            "community.activity.sign_up",
            _("Sign residents up for activities and check them in"),
            {MGR, AST, QC, CSS, CSR},
        ),
        ("community.group.view", _("View resident groups"), {MGR, AST, QC, CSS, CSR}),
        ("community.group.change", _("Keep resident groups and their members"), {MGR, AST, QC}),
        ("community.group.delete", _("Delete resident groups"), {MGR, QC}),
        (
            "community.chronicle.view",
            _("View the chronicle and the visit calendar"),
            {MGR, AST, QC, CSS},
        ),
        ("community.chronicle.change", _("Keep the chronicle and the visits"), {MGR, AST, QC}),
        ("community.chronicle.delete", _("Delete chronicle entries and visits"), {MGR, QC}),
        (
            "community.booking.view",
            _("View facility bookings and logs"),
            {MGR, AST, QC, CSS, CSR, DSP, SEC, TECH},
        ),
        (
            "community.booking.change",
            _("Take facility bookings"),
            {MGR, AST, QC, CSS, CSR, SEC},
        ),
        ("community.booking.delete", _("Remove facilities from booking"), {MGR, AST}),
        (
            "community.booking.log",
            _("Keep facilities' operation logs and water readings"),
            {MGR, AST, QC, TECH, SEC},
        ),
        ("community.forum.view", _("Read the owners' forum"), EVERYONE),
        (
            "community.forum.change",
            _("Post and reply in the owners' forum for the service center (official replies)"),
            {MGR, AST, QC, CSS, CSR},
        ),
        (
            "community.forum.moderate",
            _("Moderate the forum: approve, hide and restore, pin, close, report to headquarters"),
            {MGR, QC, CSS},
        ),
        ("community.keyword.view", _("View the forum's keyword list"), {MGR, AST, QC, CSS}),
        ("community.keyword.change", _("Keep the forum's keyword list"), {MGR, QC, CSS}),
        ("community.keyword.delete", _("Remove forum keywords"), {MGR, QC, CSS}),
        ("community.digest.view", _("Read the forum's daily digests"), {MGR, AST, QC, CSS}),
        ("community.template.view", _("View SMS templates"), {MGR, AST, QC, CSS, CSR}),
        ("community.template.change", _("Keep SMS templates"), {MGR, CSS}),
        ("community.template.delete", _("Delete SMS templates"), {MGR, CSS}),
        ("community.list.view", _("View saved recipient lists"), {MGR, AST, CSS, CSR}),
        ("community.list.change", _("Save recipient lists from Excel"), {MGR, AST, CSS}),
        ("community.list.delete", _("Delete saved recipient lists"), {MGR, CSS}),
        ("community.optout.view", _("View SMS opt-outs"), {MGR, AST, CSS, CSR}),
        ("community.optout.change", _("Record SMS opt-outs"), {MGR, AST, CSS, CSR}),
        ("community.optout.delete", _("Remove SMS opt-outs"), {MGR, CSS}),
    ]
)
