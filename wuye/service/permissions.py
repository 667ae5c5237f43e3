"""Who may see and do what in the customer-service center.

Each line: code, what it allows, the posts that hold it (and options); the roles page shows
them, `Access.has(code)` asks them. Registered when the app is ready (`core.roles`)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import (
    ALL_POSTS,
    AST,
    CLN,
    CSR,
    CSS,
    DSP,
    MGR,
    OFFICE,
    QC,
    SEC,
    TECH,
    register_permissions,
)

register_permissions(
    [
        ("service.order.view", _("View work orders"), ALL_POSTS),
        (
            "service.order.change",
            _("Register work orders (hotline, front desk, patrol)"),
            {MGR, AST, QC, CSS, CSR, DSP, TECH, SEC, CLN},
        ),
        (
            "service.order.dispatch",
            _("Dispatch, reassign, pause, cancel and reopen work orders"),
            {MGR, AST, CSS, DSP},  # AST-8: the assistant manager dispatches too
        ),
        (
            "service.order.escalate",
            _("Escalate a work order by hand to the next level, with the reason"),
            {MGR, AST, CSS, CSR, DSP},  # CSR-2, CSS-3: report upward what cannot wait
        ),
        (
            "service.task.view",
            _("Work one's own tasks (accept, arrive, complete)"),
            {TECH, SEC, CLN, CSR},
        ),
        ("service.visit.view", _("View return visits"), {MGR, AST, QC, CSS, CSR, DSP}),
        ("service.visit.change", _("Record return visits and close orders"), {MGR, CSS, CSR, DSP}),
        ("service.escalation.view", _("View escalations"), {MGR, AST, QC, CSS, DSP}),
        (
            "service.report.view",
            _("View customer-service statistics and the weekly report"),
            {MGR, AST, QC, CSS, DSP},
        ),
        ("service.setup.view", _("View categories, time limits and service settings"), OFFICE),
        (
            "service.setup.change",
            _("Set up categories, time limits and service settings"),
            {MGR, CSS},
        ),
        ("service.setup.delete", _("Delete categories and time limits"), {MGR, CSS}),
        ("service.faq.view", _("Read the FAQ knowledge base"), ALL_POSTS),
        ("service.duty.view", _("View duty logs"), {MGR, AST, QC, CSS, CSR, DSP, SEC}),
        ("service.duty.change", _("Keep the duty log and hand over shifts"), {CSS, CSR, DSP, SEC}),
        ("service.duty.review", _("Review duty logs"), {MGR, AST, QC, CSS}),
        ("service.reception.view", _("View the reception log"), {MGR, AST, QC, CSS, CSR, DSP}),
        (
            "service.reception.change",
            _("Record visitors and inquiries"),
            {MGR, AST, QC, CSS, CSR, DSP},
        ),
        ("service.reception.delete", _("Delete reception records"), {MGR, CSS}),
        ("service.warranty.view", _("View warranty claims"), {MGR, AST, QC, CSS, DSP}),
        ("service.faq.change", _("Write FAQ articles"), {MGR, QC, CSS}),
        ("service.faq.delete", _("Delete FAQ articles"), {MGR, CSS}),
    ]
)
