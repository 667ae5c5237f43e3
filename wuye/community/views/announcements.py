"""Announcements (COM-01): the list, the draft's page, review on the announcement's own page,
the A4 notice for the boards, who has read it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wuye.core import pdf
from wuye.core.commands import CommandPageMixin
from wuye.core.errors import DomainError
from wuye.core.forms import staff_users
from wuye.core.photos import photo_data_uri
from wuye.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..choices import EDITABLE, AnnouncementAction, AnnouncementStatus
from ..commands import ANNOUNCEMENT_COMMANDS
from ..models import Announcement, AnnouncementImage
from ..services import announcements


class AnnouncementMixin(ScopedObjectMixin):
    model = Announcement
    perm_prefix = "community.announcement"
    url_base = "community:announcement"
    related = ("author",)


class AnnouncementListView(AnnouncementMixin, ObjectListView):
    filterset_class = filtersets.AnnouncementFilterSet
    table_class = tables.AnnouncementTable


class AnnouncementEditView(AnnouncementMixin, ObjectEditView):
    form_class = forms.AnnouncementPageForm
    create_service = announcements.create_announcement
    update_service = announcements.update_announcement


class AnnouncementDeleteView(AnnouncementMixin, ObjectDeleteView):
    def perform_delete(self, obj):
        if obj.status not in EDITABLE:
            raise DomainError(_("Only a draft or a returned announcement is deleted."))
        super().perform_delete(obj)


class AnnouncementDetailView(CommandPageMixin, AnnouncementMixin, ObjectDetailView):
    commands = ANNOUNCEMENT_COMMANDS
    template_name = "community/announcement_detail.html"
    page_forms = {
        AnnouncementAction.PUBLISH: "publish_form",
        AnnouncementAction.RETURN: "return_form",
        AnnouncementAction.WITHDRAW: "withdraw_form",
    }
    detail_fields = [
        "number",
        "category",
        "audience",
        "pinned",
        "publish_at",
        "expires_at",
        "author",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "withdraw_reason",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        announcement = self.object
        user = self.request.user
        status = announcement.status
        mine = announcement.author_id == user.pk
        context["can_change"] = context["can_change"] and mine and status in EDITABLE
        context["can_delete"] = context["can_delete"] and status in EDITABLE
        context["can_submit"] = (
            mine and status in EDITABLE and self.access.has("community.announcement.change")
        )
        reviewer = self.access.has("community.announcement.review")
        if reviewer and status == AnnouncementStatus.REVIEW:
            if not mine:
                context.setdefault("publish_form", forms.PublishForm(target=announcement))
            context.setdefault("return_form", forms.ReturnForm(target=announcement))
        if reviewer and status in (AnnouncementStatus.REVIEW, AnnouncementStatus.PUBLISHED):
            context.setdefault("withdraw_form", forms.WithdrawForm(target=announcement))
        showing = Announcement.objects.filter(pk=announcement.pk).showing().exists()
        reads = list(announcement.reads.select_related("user").order_by("read_at"))
        context["showing"] = showing
        context["reads"] = reads
        context["read_by_me"] = any(r.user_id == user.pk for r in reads)
        if showing or status == AnnouncementStatus.PUBLISHED:
            readers = {r.user_id for r in reads}
            context["not_read"] = [
                u for u in staff_users(self.access.community) if u.pk not in readers
            ]
        context["images"] = announcement.images.all()
        context["audience_text"] = announcement.audience_text()
        return context


class AnnouncementImageView(StoredFileView):
    model = AnnouncementImage
    permission = "community.announcement.view"


class AnnouncementNoticeView(AnnouncementMixin, View):
    """The A4 notice for the notice boards: title, text, pictures, signature and date."""

    def get(self, request, pk):
        announcement = get_object_or_404(self.get_queryset(), pk=pk)
        if announcement.status != AnnouncementStatus.PUBLISHED and not self.access.has(
            "community.announcement.review"
        ):
            raise Http404  # a notice goes on the boards only once it is approved
        body = announcement.body
        images = list(announcement.images.all())
        # Pictures in the text point at the picture pages; the PDF carries them inline.
        for image in images:
            body = body.replace(
                f'src="/community/announcement-pictures/{image.pk}/"',
                f'src="{photo_data_uri(image.photo, size=1200)}"',
            )
        context = {
            "announcement": announcement,
            "community": self.access.community,
            "body": body,
            "images": [photo_data_uri(image.photo, size=1200) for image in images],
            "date": timezone.localtime(announcement.publish_at or timezone.now()).date(),
        }
        data = pdf.render_pdf("community/announcement_pdf.html", context, request=request)
        return pdf.pdf_response(data, f"公告-{announcement.number}.pdf")
