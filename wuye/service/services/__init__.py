"""Customer-service writes, one module per topic: registering work orders, dispatching and
working them through the one transition map (`workflow`), time limits and their clocks,
return visits, the FAQ, duty logs, warranty claims (SRV-01..10).

Every change of an order is one `WorkOrderEvent` on its timeline, written here; messages to
people go out only after the transaction commits. The names below are the ones pages, the API
and the demo call as `services.<name>`."""

from wuye.core.photos import MAX_PHOTO_BYTES, PHOTO_TYPES, clean_photos

from ..limits import hours_for, limits_for, policy_for
from .assignees import assignee_groups, suggest_assignees, suggest_department, workload
from .duty import (
    acknowledge_handover,
    hand_over,
    next_shift,
    open_duty_log,
    review_duty_log,
    settle_duty_item,
    write_duty_log,
)
from .knowledge import save_article, suggest_articles
from .orders import (
    OrderFields,
    accept_order,
    add_note,
    arrive_order,
    cancel_order,
    close_order,
    complete_order,
    dispatch_order,
    escalate_order,
    find_reporter,
    pause_order,
    reassign_order,
    register_order,
    reopen_order,
    resume_order,
    return_order,
)
from .policy import grade_table, save_policy
from .uploads import (
    ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    attach_files,
    clean_attachments,
)
from .visits import needs_visit, queue_visit, record_visit
from .warranty import close_warranty, forward_to_warranty, link_reception

__all__ = [
    "ATTACHMENT_TYPES",
    "MAX_ATTACHMENT_BYTES",
    "MAX_PHOTO_BYTES",
    "PHOTO_TYPES",
    "OrderFields",
    "accept_order",
    "acknowledge_handover",
    "add_note",
    "arrive_order",
    "assignee_groups",
    "attach_files",
    "cancel_order",
    "clean_attachments",
    "clean_photos",
    "close_order",
    "close_warranty",
    "complete_order",
    "dispatch_order",
    "escalate_order",
    "find_reporter",
    "forward_to_warranty",
    "grade_table",
    "hand_over",
    "hours_for",
    "limits_for",
    "link_reception",
    "needs_visit",
    "next_shift",
    "open_duty_log",
    "pause_order",
    "policy_for",
    "queue_visit",
    "reassign_order",
    "record_visit",
    "register_order",
    "reopen_order",
    "resume_order",
    "return_order",
    "review_duty_log",
    "save_article",
    "save_policy",
    "settle_duty_item",
    "suggest_articles",
    "suggest_assignees",
    "suggest_department",
    "workload",
    "write_duty_log",
]
