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
