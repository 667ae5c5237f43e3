"""Photos and documents of a work order: checked to be what they say they are before anything
is saved, so nothing but pictures and office documents is ever served back."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from wuye.core.access import actor_can
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.org.models import User

from ..models import WorkOrder, WorkOrderAttachment

# Documents an order may carry, by extension, with the bytes such a file starts with.
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", b"%PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def clean_attachments(files: Iterable[File] | None) -> list[File]:
    """Every document must be a PDF, Word or Excel file of at most 20 MB."""
    files = list(files or [])
    for upload in files:
        name = getattr(upload, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        kind = ATTACHMENT_TYPES.get(extension)
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        if kind is None or upload.size > MAX_ATTACHMENT_BYTES or not head.startswith(kind[1]):
            raise DomainError(
                _("“%(name)s” is not a PDF, Word or Excel file up to 20 MB.") % {"name": name},
                field="attachments",
            )
    return files


def attachment_name(upload: File) -> str:
    """The name an attachment is listed under (the end of a long one)."""
    return (upload.name or "")[-120:]


@transaction.atomic
def attach_files(order: WorkOrder, files: Iterable[File] | None, *, actor: User) -> int:
    """Attach documents to an order (checked first: nothing is saved if one is refused)."""
    if order.assignee_id != actor.pk and not actor_can(
        actor, order.community, "service.order.change"
    ):
        raise PermissionDeniedError(_("You cannot add files to this order."))
    files = clean_attachments(files)
    for upload in files:
        WorkOrderAttachment.objects.create(
            community=order.community,
            order=order,
            file=upload,
            name=attachment_name(upload),
            created_by=actor,
        )
    return len(files)
