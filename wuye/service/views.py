from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core.commands import CommandMixin, CommandView, form_messages
from wuye.core.errors import DomainError
from wuye.core.models import restricted
from wuye.core.views import (
    AccessMixin,
    ObjectDetailView,
    ObjectListView,
    ScopedObjectMixin,
    crud_views,
)

from . import filtersets, forms, services, tables
from .choices import DutyStatus, EscalationLevel, OrderStatus, VisitStatus, WarrantyStatus
from .commands import DUTY_COMMANDS, ORDER_COMMANDS, VISIT_COMMANDS, WARRANTY_COMMANDS
from .models import (
    Category,
    DutyItem,
    DutyLog,
    Escalation,
    KnowledgeArticle,
    ReceptionLog,
    ReturnVisit,
    TimeLimit,
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
            from django.template.response import TemplateResponse

            articles = services.suggest_articles(
                self.access.community, request.GET.get("description", "")
            )
            return TemplateResponse(request, "service/intake.html#faq", {"articles": articles})
        return super().get(request, *args, **kwargs)

    def caller(self, phone):
        from django.template.response import TemplateResponse

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
        from .escalation import next_level_by_hand

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
        import datetime as dt

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
        extension = (photo.image.name or "").rsplit(".", 1)[-1].lower()
        content_type = services.PHOTO_TYPES.get(extension)
        if content_type is None:  # only pictures were ever accepted; anything else is not served
            raise Http404
        response = FileResponse(photo.image.open("rb"), content_type=content_type)
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response


# --- Return visits (SRV-04) and escalations (SRV-03) ----------------------------------------------


class ReturnVisitMixin(ScopedObjectMixin):
    model = ReturnVisit
    perm_prefix = "service.visit"
    url_base = "service:returnvisit"
    related = ("order__unit", "visited_by")
    page_actions = ("view",)


class ReturnVisitListView(ReturnVisitMixin, ObjectListView):
    filterset_class = filtersets.ReturnVisitFilterSet
    table_class = tables.ReturnVisitTable


class ReturnVisitDetailView(CommandMixin, ReturnVisitMixin, ObjectDetailView):
    commands = VISIT_COMMANDS
    template_name = "service/returnvisit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["order"] = self.object.order
        context["can_record"] = (
            self.access.has("service.visit.change") and self.object.status != VisitStatus.DONE
        )
        context.setdefault("form", forms.VisitForm())
        return context

    def post(self, request, pk):
        self.object = self.get_object()
        return self.run_command(request, self.object)

    def command_invalid(self, command, target, form):
        # The form is on this page: shown again with its errors.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def command_done(self, command, target, result):
        return redirect("service:returnvisit_list")


class EscalationListView(ObjectListView):
    model = Escalation
    perm_prefix = "service.escalation"
    url_base = "service:escalation"
    related = ("order",)
    page_actions = ("view",)
    filterset_class = filtersets.EscalationFilterSet
    table_class = tables.EscalationTable


# --- Categories, time limits, settings ---------------------------------------------------------------

(CategoryListView, CategoryDetailView, CategoryEditView, CategoryDeleteView) = crud_views(
    Category,
    "service.setup",
    filterset=filtersets.CategoryFilterSet,
    table=tables.CategoryTable,
    form=forms.CategoryForm,
    related=("parent__parent", "department"),
    detail_fields=["name", "parent", "level", "department", "is_safety", "is_active", "sort"],
)

(TimeLimitListView, TimeLimitDetailView, TimeLimitEditView, TimeLimitDeleteView) = crud_views(
    TimeLimit,
    "service.setup",
    filterset=filtersets.TimeLimitFilterSet,
    table=tables.TimeLimitTable,
    form=forms.TimeLimitForm,
    related=("category__parent__parent",),
    detail_fields=[
        "category",
        "priority",
        "response_minutes",
        "arrival_minutes",
        "completion_minutes",
        "calendar",
    ],
)


class ServicePolicyView(AccessMixin, TemplateView):
    """Working hours, return visits and reminders, with the defaults stated until changed."""

    template_name = "service/policy.html"
    permission = "service.setup.view"
    title = gettext_lazy("Customer-service settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = services.policy_for(self.access.community)
        context["saved"] = policy.pk is not None
        context["can_change"] = self.access.has("service.setup.change")
        context["grade"] = self.access.community.get_service_grade_display()
        context["defaults"] = services.grade_table(self.access.community.service_grade)
        context.setdefault("form", forms.ServicePolicyForm(instance=policy))
        return context

    def post(self, request):
        if not self.access.has("service.setup.change"):
            raise PermissionDenied
        policy = services.policy_for(self.access.community)
        form = forms.ServicePolicyForm(request.POST, instance=policy)
        if form.is_valid():
            services.save_policy(
                community=self.access.community, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Customer-service settings saved."))
            return redirect("service:policy")
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- Statistics (SRV-05, SRV-06) -------------------------------------------------------------------


class WeeklyReportView(AccessMixin, TemplateView):
    """The weekly report of complaints and suggestions with the KPIs: page, PDF and Excel."""

    template_name = "service/weekly_report.html"
    permission = "service.report.view"
    title = gettext_lazy("Weekly complaints and suggestions report")

    def get(self, request, *args, **kwargs):
        import datetime as dt

        from . import reports

        try:
            day = dt.date.fromisoformat(request.GET.get("day", ""))
        except ValueError:
            day = timezone.localdate()
        self.report = reports.weekly_report(
            self.access.community, day, source=restricted(WorkOrder, self.access)
        )
        self.report["community"] = self.access.community
        self.report["previous_day"] = day - dt.timedelta(days=7)
        self.report["next_day"] = day + dt.timedelta(days=7)
        name = f"客服周报-{self.access.community.name}-{self.report['start']}"
        fmt = request.GET.get("format")
        if fmt == "pdf":
            from wuye.core.pdf import pdf_response, render_pdf

            return pdf_response(
                render_pdf("service/weekly_report_pdf.html", self.report, request=request),
                f"{name}.pdf",
            )
        if fmt == "xlsx":
            return self.xlsx(name)
        return super().get(request, *args, **kwargs)

    def xlsx(self, name):
        from wuye.core.excel import xlsx_response

        data = self.report
        kpis, previous = data["kpis"], data["previous"]
        rows = [
            [_("received"), kpis["received"], previous["received"]],
            [_("handled"), kpis["handled"], previous["handled"]],
            [_("handling rate %"), kpis["handling_rate"], previous["handling_rate"]],
            [_("on-time rate %"), kpis["on_time_rate"], previous["on_time_rate"]],
            [_("return-visit rate %"), kpis["visit_rate"], previous["visit_rate"]],
            [_("satisfaction rate %"), kpis["satisfaction_rate"], previous["satisfaction_rate"]],
        ]
        counted = [
            (title, [_("item"), _("count")], [[r["label"], r["count"]] for r in data[key]])
            for title, key in (
                (_("By kind"), "by_kind"),
                (_("By category"), "by_category"),
                (_("By zone"), "by_zone"),
                (_("By channel"), "by_channel"),
            )
        ]
        return xlsx_response(
            name,
            [
                (_("Indicators"), [_("indicator"), _("this week"), _("last week")], rows),
                *counted,
                (
                    _("Recurring problems"),
                    [_("category"), _("location"), _("count")],
                    [[r["category"], r["where"], r["count"]] for r in data["recurring"]],
                ),
            ],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.report)
        return context


# --- FAQ knowledge base (SRV-09) -------------------------------------------------------------------

(
    KnowledgeArticleListView,
    KnowledgeArticleDetailView,
    _KnowledgeArticleEditView,  # the page's save goes through the FAQ service (below)
    KnowledgeArticleDeleteView,
) = crud_views(
    KnowledgeArticle,
    "service.faq",
    filterset=filtersets.KnowledgeArticleFilterSet,
    table=tables.KnowledgeArticleTable,
    form=forms.KnowledgeArticleForm,
    detail_fields=["topic", "title", "question", "answer", "tags", "revision", "is_published"],
)
KnowledgeArticleDetailView.template_name = "service/knowledgearticle_detail.html"


class KnowledgeArticleEditView(_KnowledgeArticleEditView):  # type: ignore[valid-type,misc]
    def perform_save(self, form):
        return services.save_article(
            self.object,
            actor=self.request.user,
            community=self.access.community,
            **form.cleaned_data,
        )


# --- Duty log and handover (SRV-07) -------------------------------------------------------------------


class DutyLogMixin(ScopedObjectMixin):
    model = DutyLog
    perm_prefix = "service.duty"
    url_base = "service:dutylog"
    related = ("on_duty", "handed_to")
    page_actions = ("view",)


class DutyLogListView(DutyLogMixin, ObjectListView):
    filterset_class = filtersets.DutyLogFilterSet
    table_class = tables.DutyLogTable

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.access.has("service.duty.change"):
            context["add_url"] = reverse("service:dutylog_open")
        return context


class DutyLogOpenView(AccessMixin, TemplateView):
    """Take a desk's shift (today's day or night shift by default)."""

    template_name = "core/object_edit.html"
    permission = "service.duty.change"
    title = gettext_lazy("Take a shift")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.localtime()
        shift = "day" if 8 <= now.hour < 20 else "night"
        context.setdefault(
            "form", forms.DutyLogOpenForm(initial={"date": now.date(), "shift": shift})
        )
        return context

    def post(self, request):
        form = forms.DutyLogOpenForm(request.POST)
        if form.is_valid():
            try:
                log = services.open_duty_log(
                    community=self.access.community, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect(log.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DutyLogDetailView(CommandMixin, DutyLogMixin, ObjectDetailView):
    commands = DUTY_COMMANDS
    template_name = "service/dutylog_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log, user = self.object, self.request.user
        context.update(
            items=log.items.select_related("carried_from__log").annotate(
                carried_on=Exists(DutyItem.objects.filter(carried_from=OuterRef("pk")))
            ),
            reviews=log.reviews.select_related("created_by"),
            mine=log.on_duty_id == user.pk and log.status == DutyStatus.ON_DUTY,
            to_acknowledge=log.status == DutyStatus.HANDED_OVER and log.handed_to_id == user.pk,
            can_review=self.access.has("service.duty.review"),
            handover_form=forms.HandOverForm(access=self.access),
            review_form=forms.ReviewForm(),
        )
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())

    def command_done(self, command, target, result):
        if command.name == "acknowledge":
            return redirect(result.get_absolute_url())  # the shift he now holds
        return None


# --- Reception log (SRV-08) and warranty claims (SRV-10) -------------------------------------------

(
    ReceptionLogListView,
    ReceptionLogDetailView,
    ReceptionLogEditView,
    ReceptionLogDeleteView,
) = crud_views(
    ReceptionLog,
    "service.reception",
    filterset=filtersets.ReceptionLogFilterSet,
    table=tables.ReceptionLogTable,
    form=forms.ReceptionLogForm,
    related=("unit", "handled_by", "order"),
    detail_fields=[
        "visited_at",
        "visitor",
        "phone",
        "unit",
        "purpose",
        "matter",
        "handled_by",
        "result",
        "order",
    ],
)
ReceptionLogDetailView.template_name = "service/receptionlog_detail.html"


class WarrantyClaimMixin(ScopedObjectMixin):
    model = WarrantyClaim
    perm_prefix = "service.warranty"
    url_base = "service:warrantyclaim"
    related = ("order", "vendor", "closed_by")
    page_actions = ("view",)


class WarrantyClaimListView(WarrantyClaimMixin, ObjectListView):
    filterset_class = filtersets.WarrantyClaimFilterSet
    table_class = tables.WarrantyClaimTable


class WarrantyClaimDetailView(CommandMixin, WarrantyClaimMixin, ObjectDetailView):
    commands = WARRANTY_COMMANDS
    template_name = "service/warrantyclaim_detail.html"
    detail_fields = ["order", "vendor", "due_date", "status", "reply", "closed_at", "closed_by"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_close"] = (
            self.access.has("service.order.dispatch")
            and self.object.status == WarrantyStatus.FORWARDED
        )
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


class WarrantyForwardView(AccessMixin, View):
    """Forward an order under the developer's warranty (from the order's page)."""

    model = WorkOrder
    permission = "service.order.dispatch"

    def post(self, request, pk):
        order = get_object_or_404(restricted(WorkOrder, self.access), pk=pk)
        form = forms.WarrantyForwardForm(request.POST, access=self.access)
        if not form.is_valid():
            messages.error(request, "；".join(form_messages(form)))
            return redirect(order.get_absolute_url())
        try:
            claim = services.forward_to_warranty(order, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(order.get_absolute_url())
        messages.success(request, _("Forwarded to %(vendor)s.") % {"vendor": claim.vendor})
        return redirect(claim.get_absolute_url())
