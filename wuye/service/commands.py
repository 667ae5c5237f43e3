"""The work order's actions, each declared once: its form, its permission, its service call.

The order page and the task list post them to `WorkOrderActionView`; the API gets one
`POST work-orders/{id}/<action>/` per command (`core.api.commands.command_actions`). Which
actions an order's status allows is the one transition map in `choices.TRANSITIONS`.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from wuye.core.commands import Command, Commands

from . import services
from .choices import OrderAction
from .forms import (
    CompleteForm,
    DispatchForm,
    DutySettleForm,
    DutyWriteForm,
    HandOverForm,
    NoteForm,
    ReviewForm,
    VisitForm,
    WarrantyCloseForm,
    WarrantyForwardForm,
)
from .models import DutyLog, ReturnVisit, WarrantyClaim, WorkOrder


def _person(order: WorkOrder, result: Any) -> dict[str, Any]:
    """The number and the person the order is now with (a note returns its event)."""
    assignee = (result if isinstance(result, WorkOrder) else order).assignee
    return {
        "number": order.number,
        "person": (assignee.name or assignee.username) if assignee else "",
    }


def _told(order: WorkOrder, escalation: Any) -> dict[str, Any]:
    return {"number": order.number, "person": escalation.notified or "—"}


def _with_note(service: Any) -> Any:
    return lambda order, *, actor, note: service(order, actor=actor, note=note)


def _order(action: OrderAction, run: Any, done: Any, **more: Any) -> Command:
    """An action on the order; its message names the order and whom it is with now."""
    return Command(name=action, run=run, done=done, done_values=_person, **more)


def _noted(action: OrderAction, service: Any, done: Any, **more: Any) -> Command:
    """An action whose only input is a note (why it is paused, cancelled, reopened…)."""
    return _order(action, _with_note(service), done, form=NoteForm, **more)


ORDER_COMMANDS = Commands(
    WorkOrder,
    (
        _order(
            OrderAction.DISPATCH,
            services.dispatch_order,
            _("%(number)s dispatched to %(person)s."),
            form=DispatchForm,
            permission="service.order.dispatch",
            api_name="dispatch_order",
            api_doc="Dispatch a registered order to a member of staff (`assignee`: user id).",
        ),
        _order(
            OrderAction.REASSIGN,
            services.reassign_order,
            _("%(number)s passed to %(person)s."),
            form=DispatchForm,
            permission="service.order.dispatch",
            api_doc="Pass the order to someone else; `note` says why.",
        ),
        _order(
            OrderAction.ACCEPT,
            services.accept_order,
            _("%(number)s accepted: the response limit is met."),
        ),
        _order(
            OrderAction.ARRIVE, services.arrive_order, _("Arrival on site recorded for %(number)s.")
        ),
        _order(
            OrderAction.COMPLETE,
            services.complete_order,
            _("%(number)s completed."),
            form=CompleteForm,
            api_doc="The work is done: what was done, materials and labour charged, photos "
            "(multipart/form-data) of the finished work.",
        ),
        _noted(
            OrderAction.RETURN,
            services.return_order,
            _("%(number)s returned to the dispatcher."),
            api_name="return_order",
            api_doc="The assignee gives the order back to the dispatcher; `note` says why.",
        ),
        _noted(
            OrderAction.PAUSE, services.pause_order, _("%(number)s paused: its clocks stand still.")
        ),
        _noted(
            OrderAction.RESUME,
            services.resume_order,
            _("%(number)s resumed: its pending limits moved on by the pause."),
        ),
        _noted(OrderAction.CANCEL, services.cancel_order, _("%(number)s cancelled.")),
        _noted(
            OrderAction.REOPEN,
            services.reopen_order,
            _("%(number)s reopened and back with %(person)s."),
        ),
        _noted(
            OrderAction.CLOSE,
            services.close_order,
            _("%(number)s closed."),
            api_doc="Close a completed order (its return visit made, or the resident unreachable).",
        ),
        _noted(OrderAction.NOTE, services.add_note, _("Note added to %(number)s.")),
        Command(
            name=OrderAction.ESCALATE,
            form=NoteForm,
            permission="service.order.escalate",
            run=lambda order, *, actor, note: services.escalate_order(
                order, actor=actor, reason=note
            ),
            done=_("%(number)s escalated: %(person)s told."),
            done_values=_told,
            api_doc="Escalate the order by hand to the next level of the chain; `note` is the "
            "reason.",
        ),
    ),
)


VISIT_COMMANDS = Commands(
    ReturnVisit,
    (
        Command(
            name="record",
            label=_("Record the return visit"),
            form=VisitForm,
            permission="service.visit.change",
            run=services.record_visit,
            done=_("Return visit recorded."),
            api_doc="The visit's result: `reached` with a `score` 1–5, or not reached. A score "
            "under 4 reopens the order.",
        ),
    ),
)

DUTY_COMMANDS = Commands(
    DutyLog,
    (
        Command(
            name="write",
            label=_("Save"),
            form=DutyWriteForm,
            run=services.write_duty_log,
            done=_("Saved."),
            api_doc="Add to the shift's notes (`notes` replaces them when given) and/or open a "
            "matter to follow up (`item`).",
        ),
        Command(
            name="settle",
            label=_("Settled"),
            form=DutySettleForm,
            run=lambda log, *, actor, item, note: services.settle_duty_item(
                item, actor=actor, note=note
            ),
            done=_("Saved."),
            api_doc="Settle an open matter of the log (`item`: its id) saying how.",
        ),
        Command(
            name="handover",
            label=_("Hand over"),
            form=HandOverForm,
            run=services.hand_over,
            done=_("Saved."),
            api_name="hand_over",
            api_path="hand-over",
            api_doc="Hand the shift over to the incoming person (`to_user`: user id).",
        ),
        Command(
            name="acknowledge",
            label=_("Take over"),
            run=services.acknowledge_handover,
            done=_("Shift taken over."),
            opens_result=True,  # the shift he now holds
            api_doc="The incoming person takes over: the open matters move to his shift's log, "
            "which is the answer.",
        ),
        Command(
            name="review",
            label=_("Review"),
            form=ReviewForm,
            permission="service.duty.review",
            run=services.review_duty_log,
            done=_("Saved."),
        ),
    ),
)

# Forwarding is asked from the order's page (it makes the claim); POST warranty-claims/ names
# the order in its body (`forms.WarrantyClaimForm`) and runs the same service.
FORWARD_COMMANDS = Commands(
    WorkOrder,
    (
        Command(
            name="forward",
            label=_("Forward"),
            form=WarrantyForwardForm,
            permission="service.order.dispatch",
            run=lambda order, *, actor, vendor, due_date: services.forward_to_warranty(
                order, vendor=vendor, due_date=due_date, actor=actor
            ),
            done=_("Forwarded to %(vendor)s."),
            done_values=lambda _order, claim: {"vendor": claim.vendor},
            opens_result=True,
        ),
    ),
)

WARRANTY_COMMANDS = Commands(
    WarrantyClaim,
    (
        Command(
            name="close",
            label=_("Close"),
            form=WarrantyCloseForm,
            run=services.close_warranty,
            done=_("Saved."),
            api_doc="The developer's answer: `confirmed` true (repaired) or false (rejected).",
        ),
    ),
)
