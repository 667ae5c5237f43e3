"""Internal notices and meeting minutes (COM-09): written, sent to posts, confirmed read; the
page lists who has read and who has not."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..commands import NOTICE_COMMANDS
from ..models import StaffNotice
from ..services import notices


class StaffNoticeMixin(ScopedObjectMixin):
    model = StaffNotice
    perm_prefix = "community.notice"
    url_base = "community:staffnotice"


class StaffNoticeListView(StaffNoticeMixin, ObjectListView):
    filterset_class = filtersets.StaffNoticeFilterSet
    table_class = tables.StaffNoticeTable


class StaffNoticeEditView(StaffNoticeMixin, ObjectEditView):
    form_class = forms.StaffNoticeForm
    create_service = notices.create_notice
    update_service = notices.update_notice


class StaffNoticeDeleteView(StaffNoticeMixin, ObjectDeleteView):
    def perform_delete(self, obj):
        if obj.sent_at is not None:
            raise DomainError(_("A sent notice is kept: it has its read receipts."))
        super().perform_delete(obj)


class StaffNoticeDetailView(CommandPageMixin, StaffNoticeMixin, ObjectDetailView):
    commands = NOTICE_COMMANDS
    template_name = "community/staffnotice_detail.html"
    detail_fields = ["number", "kind", "meeting_on", "sent_at", "recipient_count", "created_by"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = self.object
        unsent = notice.sent_at is None
        context["can_change"] = context["can_change"] and unsent
        context["can_delete"] = context["can_delete"] and unsent
        context["can_send"] = unsent and self.access.has("community.notice.change")
        receipts = list(notice.receipts.select_related("user").order_by("read_at", "id"))
        context["read"] = [r for r in receipts if r.read_at]
        context["not_read"] = [r for r in receipts if not r.read_at]
        mine = next((r for r in receipts if r.user_id == self.request.user.pk), None)
        context["to_confirm"] = mine is not None and mine.read_at is None
        context["posts_text"] = "、".join(notice.posts) if notice.posts else _("Everyone")
        return context


class StaffNoticeAttachmentView(StoredFileView):
    model = StaffNotice
    field = "attachment"
    permission = "community.notice.view"
