"""Who may see and do what in billing and collection.

Each line: code, what it allows, the posts that hold it (and options); the roles page shows
them, `Access.has(code)` asks them. Registered when the app is ready (`core.roles`)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.roles import AST, CSH, CSR, CSS, FIN, MGR, OFFICE, TECH, register_permissions

register_permissions(
    [
        ("billing.fee.view", _("View fee items and standards"), OFFICE),
        ("billing.fee.change", _("Set up fee items and standards"), {MGR, FIN}),
        ("billing.fee.delete", _("Delete unused fee items"), {MGR, FIN}),
        ("billing.policy.view", _("View the billing policy"), {MGR, AST, FIN}),
        ("billing.policy.change", _("Change the billing policy"), {MGR, FIN}),
        ("billing.reading.view", _("View meter readings"), OFFICE | {TECH}),
        (
            "billing.reading.change",
            _("Enter and import meter readings"),
            {MGR, AST, FIN, CSS, CSH, TECH},
        ),
        ("billing.reading.confirm", _("Confirm anomalous meter readings"), {MGR, FIN}),
        ("billing.run.view", _("View billing runs"), {MGR, AST, FIN}),
        ("billing.run.change", _("Preview, confirm and cancel billing runs"), {MGR, FIN}),
        ("billing.bill.view", _("View bills"), {MGR, AST, FIN, CSS, CSR, CSH}),
        ("billing.payment.view", _("View payments and receipts"), {MGR, AST, FIN, CSS, CSH}),
        ("billing.payment.change", _("Collect payments at the counter"), {MGR, FIN, CSH}),
        ("billing.payment.void", _("Void own payments of the same day"), {MGR, FIN, CSH}),
        ("billing.payment.void_any", _("Void any payment (approval of late voids)"), {FIN}),
        ("billing.deposit.view", _("View deposits"), {MGR, AST, FIN, CSS, CSH}),
        (
            "billing.arrears.view",
            _("View arrears and collection rates"),
            {MGR, AST, FIN, CSS, CSR, CSH},
        ),
        (
            "billing.arrears.dun",
            _("Send reminders and print dunning notices"),
            {MGR, FIN, CSS, CSR, CSH},
        ),
        (
            "billing.visit.view",
            _("View door-to-door collection visits"),
            {MGR, AST, FIN, CSS, CSR, CSH},
        ),
        ("billing.visit.change", _("Plan and record collection visits"), {MGR, FIN, CSS, CSR, CSH}),
        ("billing.visit.delete", _("Delete collection visits"), {MGR, FIN}),
        ("billing.dunning.view", _("View the dunning log"), {MGR, AST, FIN, CSS, CSR, CSH}),
        (
            "billing.dunning.change",
            _("Record dunning contacts and promises to pay"),
            {MGR, FIN, CSS, CSR, CSH},
        ),
        ("billing.dunning.delete", _("Delete dunning log entries"), {MGR, FIN}),
        ("billing.refund.view", _("View refund requests"), {MGR, AST, FIN, CSH}),
        (
            "billing.refund.change",
            _("Request refunds of prepayments and deposits"),
            {MGR, FIN, CSH},
        ),
        ("billing.refund.approve", _("Approve or reject refunds"), {FIN}),
        ("billing.refund.pay", _("Pay out approved refunds"), {FIN, CSH}),
        ("billing.waiver.view", _("View waivers"), {MGR, AST, FIN, CSS, CSR, CSH}),
        (
            "billing.waiver.change",
            _("Request waivers and discounts"),
            {MGR, AST, FIN, CSS, CSR, CSH},
        ),
        ("billing.waiver.approve", _("Approve or reject waivers"), {MGR}),
        (
            "billing.closing.view",
            _("View daily closings and the daily collection report"),
            {MGR, AST, FIN, CSH},
        ),
        ("billing.closing.change", _("Close one's own cashier day"), {CSH, FIN, MGR}),
        (
            "billing.closing.confirm",
            _("Confirm or return daily closings; record bank deposits"),
            {FIN},
        ),
    ]
)
