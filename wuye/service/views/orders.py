"""Work orders on the pages: intake, the list and the order, its commands, the technician's
tasks, the dispatch board, photos and documents (SRV-01, SRV-02)."""

import datetime as dt

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core.commands import CommandView
from wuye.core.errors import DomainError
from wuye.core.models import restricted
from wuye.core.photos import photo_response
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
)

from .. import filtersets, forms, services, tables
from ..choices import EscalationLevel, OrderStatus, VisitStatus
from ..commands import ORDER_COMMANDS
from ..escalation import next_level_by_hand
from ..models import (
    ReceptionLog,
    WarrantyClaim,
    WorkOrder,
    WorkOrderAttachment,
    WorkOrderPhoto,
)

# --- Work orders (SRV-01, SRV-02) ---------------------------------------------------------------


class WorkOrderMixin(ScopedObjectMixin):
    model = WorkOrder
    perm_prefix = "service.order"
    url_base = "service:workorder"
    related = ("unit", "category__parent__parent", "assignee", "facility")
    page_actions = ("view", "change")


class WorkOrderListView(WorkOrderMixin, ObjectListView):
    filterset_class = filtersets.WorkOrderFilterSet
    table_class = tables.WorkOrderTable


class WorkOrderIntakeView(AccessMixin, TemplateView):
    """Hotline and front-desk intake on one keyboard-friendly screen: the caller's phone finds
    the resident and the unit, the FAQ answers inquiries, one submit registers the order."""

    template_name = "service/intake.html"
    permission = "service.order.change"
    title = gettext_lazy("Register a work order")

    def get(self, request, *args, **kwargs):
        if request.htmx and request.htmx.target == "caller":
            return self.caller(request.GET.get("reporter_phone", ""))
        if request.htmx and request.htmx.target == "faq":
            articles = services.suggest_articles(
                self.access.community, request.GET.get("description", "")
            )
            return TemplateResponse(request, "service/intake.html#faq", {"articles": articles})
        return super().get(request, *args, **kwargs)

    def caller(self, phone):
        person, units = services.find_reporter(self.access.community, phone)
        recent = (
            WorkOrder.objects.for_access(self.access)
            .filter(reporter_phone="".join(c for c in phone if c.isdigit()))
            .order_by("-created_at")[:5]
            if phone
            else []
        )
        return TemplateResponse(
            self.request,
            "service/intake.html#caller",
            {"person": person, "units": units, "recent": recent, "phone": phone},
        )

    def reception(self):
        pk = self.request.GET.get("reception") or self.request.POST.get("reception")
        if not (pk and str(pk).isdigit()) or not self.access.has("service.reception.change"):
            return None
        return restricted(ReceptionLog, self.access).filter(pk=pk, order__isnull=True).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reception = self.reception()
        initial = {}
        if reception is not None:
            initial = {
                "reporter_phone": reception.phone,
                "reporter_name": reception.visitor,
                "unit": reception.unit,
                "description": reception.matter,
                "channel": "front_desk",
                "kind": reception.purpose
                if reception.purpose in ("complaint", "repair", "inquiry")
                else "request",
            }
        context.setdefault("form", forms.WorkOrderForm(access=self.access, initial=initial))
        context["reception"] = reception
        context["breadcrumbs"] = [(_("Work orders"), reverse("service:workorder_list"))]
        return context

    def post(self, request):
        form = forms.WorkOrderForm(request.POST, request.FILES, access=self.access)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["photos"] = request.FILES.getlist("photos")
            data["attachments"] = request.FILES.getlist("attachments")
            person, _units = services.find_reporter(
                self.access.community, data.get("reporter_phone", "")
            )
            try:
                order = services.register_order(
                    community=self.access.community, actor=request.user, reporter=person, **data
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                reception = self.reception()
                if reception is not None:
                    services.link_reception(reception, order, actor=request.user)
                messages.success(
                    request, _("Work order %(number)s registered.") % {"number": order.number}
                )
                if "another" in request.POST:
                    return redirect("service:workorder_intake")
                return redirect(order.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class WorkOrderDetailView(WorkOrderMixin, ObjectDetailView):
    template_name = "service/workorder_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        access = self.access
        mine = order.assignee_id == self.request.user.pk
        dispatcher = access.has("service.order.dispatch")
        allowed = order.next_actions
        context.update(
            events=order.events.select_related("created_by", "assignee"),
            photos=order.photos.all(),
            attachments=order.attachments.all(),
            visits=order.visits.select_related("visited_by"),
            escalations=order.escalations.all(),
            overdue=order.overdue_deadlines(),
            can_dispatch=dispatcher and "dispatch" in allowed,
            can_reassign=dispatcher and "reassign" in allowed,
            work_actions=allowed & {"accept", "arrive", "complete", "return"}
            if (mine or dispatcher)
            else frozenset(),
            can_pause=dispatcher and "pause" in allowed,
            can_resume=dispatcher and "resume" in allowed,
            can_cancel=dispatcher and "cancel" in allowed,
            **self.escalation_context(order),
            can_reopen=dispatcher and "reopen" in allowed,
            can_note=access.has("service.order.change") or mine,
            can_close=access.has("service.visit.change")
            and "close" in allowed
            and not order.visits.filter(status=VisitStatus.DUE).exists(),
            dispatch_form=forms.DispatchForm(access=access),
            complete_form=forms.CompleteForm(),
            assignee_groups=services.assignee_groups(access.community)
            if dispatcher and allowed & {"dispatch", "reassign"}
            else [],
            claim=WarrantyClaim.objects.filter(order=order).select_related("vendor").first(),
            warranty_form=forms.WarrantyForwardForm(access=access)
            if dispatcher
            and order.under_warranty
            and not WarrantyClaim.objects.filter(order=order).exists()
            else None,
            suggested=services.suggest_department(order),
            suggestions=services.suggest_assignees(order)
            if dispatcher and "dispatch" in allowed
            else [],
        )
        return context

    def escalation_context(self, order) -> dict:
        if not (order.is_open and self.access.has("service.order.escalate")):
            return {"can_escalate": False}
        level = next_level_by_hand(order)
        if level is None:
            return {"can_escalate": False}
        return {
            "can_escalate": True,
            "escalate_label": _("Escalate to: %(level)s") % {"level": EscalationLevel(level).label},
        }


class WorkOrderActionView(CommandView):
    """One command of the order (`commands.ORDER_COMMANDS`), from its page or the task list."""

    commands = ORDER_COMMANDS
    permission = "service.order.view"

    def form_data(self, command, request):
        data = request.POST
        if data.get("assignee_other"):  # someone other than the suggested people
            data = data.copy()
            data["assignee"] = data["assignee_other"]
        return data

    def command_done(self, command, target, result):
        if not restricted(WorkOrder, self.access).filter(pk=target.pk).exists():
            return redirect("service:my_tasks")  # returned: no longer his to see
        return None


class MyTasksView(AccessMixin, TemplateView):
    """A technician's orders on the phone: accept, arrive, complete with photos."""

    template_name = "service/my_tasks.html"
    permission = "service.order.view"
    title = gettext_lazy("My tasks")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = (
            restricted(
                WorkOrder, self.access, related=("unit", "category__parent__parent", "facility")
            )
            .filter(assignee=self.request.user)
            .exclude(status__in=[OrderStatus.CLOSED, OrderStatus.CANCELLED, OrderStatus.VISITED])
            .exclude(status=OrderStatus.COMPLETED)
            .order_by("completion_due")
        )
        context["orders"] = orders
        context["complete_form"] = forms.CompleteForm()
        context["now"] = timezone.now()
        return context


class DispatchBoardView(AccessMixin, TemplateView):
    """The dispatcher's board (refreshes itself): new orders, overdue, due soon, with someone
    (dispatched, accepted, on site), paused."""

    template_name = "service/board.html"
    permission = "service.order.dispatch"
    title = gettext_lazy("Dispatch board")
    LIMIT = 100

    def get_template_names(self):
        if getattr(self.request, "htmx", None) and self.request.htmx.target == "board":  # type: ignore[attr-defined]
            return ["service/board.html#board"]
        return [self.template_name]

    # What a card shows, and nothing more: 400 cards of whole orders with four joined rows
    # each cost more to load than to draw.
    CARD_FIELDS = (
        "number",
        "status",
        "priority",
        "description",
        "completion_due",
        "place",
        "unit__code",
        "facility__name",
        "assignee__name",
        "assignee__username",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        soon = now + dt.timedelta(hours=2)
        orders = restricted(WorkOrder, self.access).open()
        cards = orders.select_related("unit", "assignee", "facility").only(*self.CARD_FIELDS)
        overdue = orders.overdue(now)
        context.update(
            now=now,
            new=self._cards(cards.filter(status=OrderStatus.REGISTERED).order_by("created_at")),
            overdue=self._cards(cards.overdue(now).order_by("completion_due")),
            overdue_count=overdue.count(),
            due_soon=self._cards(
                cards.exclude(status=OrderStatus.PAUSED)
                .filter(completion_due__gte=now, completion_due__lt=soon)
                .order_by("completion_due")
            ),
            paused=self._cards(cards.filter(status=OrderStatus.PAUSED).order_by("paused_at")),
            # With someone (dispatched, accepted, on site): who has it and by when.
            in_progress=self._cards(
                cards.filter(
                    status__in=(OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.ARRIVED)
                ).order_by("completion_due")
            ),
            open_count=orders.count(),
        )
        return context

    def _cards(self, queryset):
        """The first LIMIT orders, each with its link (one reverse() for all of them)."""
        marker = 987654321
        link = reverse("service:workorder_detail", args=[marker])
        cards = list(queryset[: self.LIMIT])
        for order in cards:
            order.link = link.replace(str(marker), str(order.pk))
        return cards


class WorkOrderAttachmentView(AccessMixin, View):
    """A document of an order, downloaded (never shown inline), only to those who may see
    its order."""

    model = WorkOrderAttachment
    permission = "service.order.view"

    def get(self, request, pk):
        orders = WorkOrder.objects.for_access(self.access)
        document = get_object_or_404(WorkOrderAttachment, pk=pk, order__in=orders)
        extension = document.name.rsplit(".", 1)[-1].lower()
        content_type = services.ATTACHMENT_TYPES.get(extension, ("application/octet-stream",))[0]
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.name,
            content_type=content_type,
        )


class WorkOrderAttachView(AccessMixin, View):
    """Attach documents to an order (from its page)."""

    model = WorkOrder
    permission = "service.order.view"

    def post(self, request, pk):
        order = get_object_or_404(restricted(WorkOrder, self.access), pk=pk)
        try:
            count = services.attach_files(
                order, request.FILES.getlist("attachments"), actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("%(count)d files attached.") % {"count": count})
        return redirect(order.get_absolute_url())


class WorkOrderPhotoView(AccessMixin, View):
    """A photo, only to those who may see its order."""

    model = WorkOrderPhoto
    permission = "service.order.view"

    def get(self, request, pk):
        orders = WorkOrder.objects.for_access(self.access)
        photo = get_object_or_404(WorkOrderPhoto, pk=pk, order__in=orders)
        return photo_response(photo.image)
