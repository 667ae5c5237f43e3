"""The owners' forum (COM-05): the board, a post with its replies and the moderator's and the
service center's actions, the moderation queue, the keyword list and the daily digests."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wuye.core.commands import CommandMixin, CommandPageMixin
from wuye.core.models import restricted
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import ForumAction, ForumStatus
from ..commands import FORUM_COMMANDS
from ..models import ForumDigest, ForumKeyword, ForumPost, ForumReply
from ..services import forum


class ForumPostMixin(ScopedObjectMixin):
    model = ForumPost
    perm_prefix = "community.forum"
    url_base = "community:forumpost"
    related = ("work_order",)
    page_actions = ("view", "change")


class ForumPostListView(ForumPostMixin, ObjectListView):
    """The board: pinned posts first, then the newest (moderators see the held and hidden
    ones too, with their badges)."""

    filterset_class = filtersets.ForumPostFilterSet
    table_class = tables.ForumPostTable


class ForumPostEditView(ForumPostMixin, ObjectEditView):
    """A post for the service center (posts are not edited afterwards: replies carry on)."""

    form_class = forms.ForumPostForm
    create_service = forum.write_post


class ForumPostDetailView(CommandPageMixin, ForumPostMixin, ObjectDetailView):
    commands = FORUM_COMMANDS
    template_name = "community/forumpost_detail.html"
    page_forms = {
        ForumAction.REPLY: "reply_form",
        ForumAction.HIDE: "hide_form",
        ForumAction.ESCALATE: "escalate_form",
        ForumAction.TO_ORDER: "order_form",
    }
    detail_fields = [
        "category",
        "shown_as",
        "created_at",
        "unit",
        "status",
        "hidden_reason",
        "moderated_by",
        "answered_at",
        "work_order",
        "escalated_at",
        "escalation_note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        moderates = self.access.has("community.forum.moderate")
        writes = self.access.has("community.forum.change")
        shown = post.status == ForumStatus.SHOWN
        context["can_change"] = context["can_delete"] = False
        context["moderates"] = moderates
        context["replies"] = list(
            restricted(ForumReply, self.access).filter(post=post).order_by("created_at", "id")
        )
        context["can_approve"] = moderates and post.status == ForumStatus.HELD
        context["can_restore"] = moderates and post.status == ForumStatus.HIDDEN
        context["can_pin"] = moderates and shown
        context["can_close"] = moderates and shown
        if writes and shown and not post.is_closed:
            context.setdefault("reply_form", forms.ForumReplyForm(target=post))
        if moderates and post.status != ForumStatus.HIDDEN:
            context.setdefault("hide_form", forms.HideForm(target=post))
        if moderates and shown and post.escalated_at is None:
            context.setdefault("escalate_form", forms.EscalateForm(target=post))
        if (
            writes
            and post.work_order_id is None
            and shown
            and self.access.has("service.order.change")
        ):
            context.setdefault("order_form", forms.ToOrderForm(target=post, access=self.access))
        return context

    def command_invalid(self, command, target, form):
        if self.request.POST.get("next"):  # from the queue: back there with the messages
            return CommandMixin.command_invalid(self, command, target, form)
        return super().command_invalid(command, target, form)


class ForumQueueView(AccessMixin, TemplateView):
    """The moderation queue: posts and replies held by a keyword, oldest first, each approved
    or hidden from here."""

    template_name = "community/forum_queue.html"
    permission = "community.forum.moderate"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Forum moderation")
        context["posts"] = (
            restricted(ForumPost, self.access)
            .filter(status=ForumStatus.HELD)
            .order_by("created_at", "id")
        )
        context["replies"] = (
            restricted(ForumReply, self.access, related=("post",))
            .filter(status=ForumStatus.HELD)
            .order_by("created_at", "id")
        )
        return context


(
    ForumKeywordListView,
    ForumKeywordDetailView,
    ForumKeywordEditView,
    ForumKeywordDeleteView,
) = crud_views(
    ForumKeyword,
    "community.keyword",
    filterset=filtersets.ForumKeywordFilterSet,
    table=tables.ForumKeywordTable,
    form=forms.ForumKeywordForm,
)


DIGEST_SECTIONS = {
    "new_posts": _("New posts"),
    "unanswered": _("Still without an official reply"),
    "held_posts": _("Posts still awaiting moderation"),
    "held_replies": _("Replies still awaiting moderation"),
    "hidden_posts": _("Posts hidden that day"),
    "hidden_replies": _("Replies hidden that day"),
    "escalated": _("Reported to headquarters"),
    "new_replies": _("New replies"),
}


class ForumDigestMixin(ScopedObjectMixin):
    model = ForumDigest
    perm_prefix = "community.digest"
    url_base = "community:forumdigest"
    page_actions = ("view",)


class ForumDigestListView(ForumDigestMixin, ObjectListView):
    filterset_class = filtersets.ForumDigestFilterSet
    table_class = tables.ForumDigestTable


class ForumDigestDetailView(ForumDigestMixin, ObjectDetailView):
    """A day's digest: its figures, and the posts behind them."""

    template_name = "community/forumdigest_detail.html"
    detail_fields = [
        "day",
        "new_posts",
        "new_replies",
        "unanswered",
        "held",
        "hidden",
        "escalated",
        "told",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = forum.digest_posts(
            restricted(ForumPost, self.access),
            restricted(ForumReply, self.access, related=("post",)),
            self.object.day,
        )
        context["sections"] = [(DIGEST_SECTIONS[name], rows[name]) for name in DIGEST_SECTIONS]
        return context
