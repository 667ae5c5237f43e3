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
from .forms import CompleteForm, DispatchForm, NoteForm
from .models import WorkOrder


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


ORDER_COMMANDS = Commands(
    WorkOrder,
    (
        Command(
            name=OrderAction.DISPATCH,
            label=OrderAction.DISPATCH.label,
            form=DispatchForm,
            permission="service.order.dispatch",
            run=services.dispatch_order,
            done=_("%(number)s dispatched to %(person)s."),
            done_values=_person,
            api_name="dispatch_order",
            api_doc="Dispatch a registered order to a member of staff (`assignee`: user id).",
        ),
        Command(
            name=OrderAction.REASSIGN,
            label=OrderAction.REASSIGN.label,
            form=DispatchForm,
            permission="service.order.dispatch",
            run=services.reassign_order,
            done=_("%(number)s passed to %(person)s."),
            done_values=_person,
            api_doc="Pass the order to someone else; `note` says why.",
        ),
        Command(
            name=OrderAction.ACCEPT,
            label=OrderAction.ACCEPT.label,
            run=services.accept_order,
            done=_("%(number)s accepted: the response limit is met."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.ARRIVE,
            label=OrderAction.ARRIVE.label,
            run=services.arrive_order,
            done=_("Arrival on site recorded for %(number)s."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.COMPLETE,
            label=OrderAction.COMPLETE.label,
            form=CompleteForm,
            run=services.complete_order,
            done=_("%(number)s completed."),
            done_values=_person,
            api_doc="The work is done: what was done, materials and labour charged, photos "
            "(multipart/form-data) of the finished work.",
        ),
        Command(
            name=OrderAction.RETURN,
            label=OrderAction.RETURN.label,
            form=NoteForm,
            run=_with_note(services.return_order),
            done=_("%(number)s returned to the dispatcher."),
            done_values=_person,
            api_name="return_order",
            api_doc="The assignee gives the order back to the dispatcher; `note` says why.",
        ),
        Command(
            name=OrderAction.PAUSE,
            label=OrderAction.PAUSE.label,
            form=NoteForm,
            run=_with_note(services.pause_order),
            done=_("%(number)s paused: its clocks stand still."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.RESUME,
            label=OrderAction.RESUME.label,
            form=NoteForm,
            run=_with_note(services.resume_order),
            done=_("%(number)s resumed: its pending limits moved on by the pause."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.CANCEL,
            label=OrderAction.CANCEL.label,
            form=NoteForm,
            run=_with_note(services.cancel_order),
            done=_("%(number)s cancelled."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.REOPEN,
            label=OrderAction.REOPEN.label,
            form=NoteForm,
            run=_with_note(services.reopen_order),
            done=_("%(number)s reopened and back with %(person)s."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.CLOSE,
            label=OrderAction.CLOSE.label,
            form=NoteForm,
            run=_with_note(services.close_order),
            done=_("%(number)s closed."),
            done_values=_person,
            api_doc="Close a completed order (its return visit made, or the resident unreachable).",
        ),
        Command(
            name=OrderAction.NOTE,
            label=OrderAction.NOTE.label,
            form=NoteForm,
            run=_with_note(services.add_note),
            done=_("Note added to %(number)s."),
            done_values=_person,
        ),
        Command(
            name=OrderAction.ESCALATE,
            label=OrderAction.ESCALATE.label,
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
