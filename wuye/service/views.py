from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.models import restricted
from wuye.core.views import AccessMixin, ObjectDetailView, ObjectListView, crud_views

from . import filtersets, forms, services, tables
from .choices import OPEN_STATUSES, OrderStatus
from .models import (
    Category,
    Escalation,
    ReturnVisit,
    TimeLimit,
    WorkOrder,
    WorkOrderPhoto,
)

# --- Work orders (SRV-01, SRV-02) ---------------------------------------------------------------


class WorkOrderMixin:
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", forms.WorkOrderForm(access=self.access))
        context["breadcrumbs"] = [(_("Work orders"), reverse("service:workorder_list"))]
        return context

    def post(self, request):
        form = forms.WorkOrderForm(request.POST, access=self.access)
        if form.is_valid():
            data = dict(form.cleaned_data)
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
        status = order.status
        context.update(
            events=order.events.select_related("created_by", "assignee"),
            photos=order.photos.all(),
            visits=order.visits.select_related("visited_by"),
            escalations=order.escalations.all(),
            overdue=order.overdue_deadlines(),
            can_dispatch=dispatcher and status == OrderStatus.REGISTERED,
            can_reassign=dispatcher
            and status in (OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.ARRIVED),
            can_work=mine or dispatcher,
            can_pause=dispatcher
            and status in (OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.ARRIVED),
            can_resume=dispatcher and status == OrderStatus.PAUSED,
            can_cancel=dispatcher and status in OPEN_STATUSES - {OrderStatus.ARRIVED},
            can_reopen=dispatcher
            and status in (OrderStatus.COMPLETED, OrderStatus.VISITED, OrderStatus.CLOSED),
            can_note=access.has("service.order.change") or mine,
            dispatch_form=forms.DispatchForm(access=access),
            complete_form=forms.CompleteForm(),
            workload=services.workload(access.community) if dispatcher else {},
            suggested=services.suggest_department(order),
        )
        return context


ACTIONS = {
    "dispatch": "dispatch",
    "reassign": "dispatch",
    "accept": "work",
    "arrive": "work",
    "complete": "work",
    "return": "work",
    "pause": "reason",
    "resume": "none",
    "cancel": "reason",
    "reopen": "reason",
    "note": "reason",
}


class WorkOrderActionView(AccessMixin, View):
    """One action of the transition map on one order, from its page or the task list."""

    model = WorkOrder
    permission = "service.order.view"

    def post(self, request, pk):
        order = get_object_or_404(restricted(WorkOrder, self.access), pk=pk)
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise Http404
        back = request.POST.get("next") or order.get_absolute_url()
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = order.get_absolute_url()
        try:
            self.apply(order, action, request)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("%(number)s: done.") % {"number": order.number})
        return redirect(back)

    def apply(self, order, action, request):
        user = request.user
        if ACTIONS[action] == "dispatch":
            form = forms.DispatchForm(request.POST, access=self.access)
            if not form.is_valid():
                raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
            service = services.dispatch_order if action == "dispatch" else services.reassign_order
            return service(
                order,
                assignee=form.cleaned_data["assignee"],
                actor=user,
                note=form.cleaned_data["note"],
            )
        note = request.POST.get("note", "")
        if action == "accept":
            return services.accept_order(order, actor=user)
        if action == "arrive":
            return services.arrive_order(order, actor=user)
        if action == "complete":
            form = forms.CompleteForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
            data = form.cleaned_data
            return services.complete_order(
                order,
                actor=user,
                result=data["result"],
                materials=data["materials"],
                material_cost=data["material_cost"],
                labour_cost=data["labour_cost"],
                photos=request.FILES.getlist("photos"),
            )
        handlers = {
            "return": services.return_order,
            "pause": services.pause_order,
            "resume": services.resume_order,
            "cancel": services.cancel_order,
            "reopen": services.reopen_order,
        }
        if action == "note":
            return services.add_note(order, actor=user, note=note)
        return handlers[action](order, actor=user, note=note)


class MyTasksView(AccessMixin, TemplateView):
    """A technician's orders on the phone: accept, arrive, complete with photos."""

    template_name = "service/my_tasks.html"
    permission = "service.order.view"
    title = gettext_lazy("My tasks")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = (
            restricted(WorkOrder, self.access, related=("unit", "category", "facility"))
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
    """The dispatcher's board (refreshes itself): new orders, due soon, overdue, paused."""

    template_name = "service/board.html"
    permission = "service.order.dispatch"
    title = gettext_lazy("Dispatch board")
    LIMIT = 100

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "board":
            return ["service/board.html#board"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        import datetime as dt

        context = super().get_context_data(**kwargs)
        now = timezone.now()
        soon = now + dt.timedelta(hours=2)
        orders = restricted(
            WorkOrder, self.access, related=("unit", "category", "assignee", "facility")
        ).open()
        overdue = orders.overdue(now).order_by("completion_due")
        context.update(
            now=now,
            new=orders.filter(status=OrderStatus.REGISTERED).order_by("created_at")[: self.LIMIT],
            overdue=overdue[: self.LIMIT],
            overdue_count=overdue.count(),
            due_soon=orders.exclude(status=OrderStatus.PAUSED)
            .filter(completion_due__gte=now, completion_due__lt=soon)
            .order_by("completion_due")[: self.LIMIT],
            paused=orders.filter(status=OrderStatus.PAUSED).order_by("paused_at")[: self.LIMIT],
            open_count=orders.count(),
        )
        return context


class WorkOrderPhotoView(AccessMixin, View):
    """A photo, only to those who may see its order."""

    model = WorkOrderPhoto
    permission = "service.order.view"

    def get(self, request, pk):
        orders = WorkOrder.objects.for_access(self.access)
        photo = get_object_or_404(WorkOrderPhoto, pk=pk, order__in=orders)
        return FileResponse(photo.image.open("rb"))


# --- Return visits (SRV-04) and escalations (SRV-03) ----------------------------------------------


class ReturnVisitMixin:
    model = ReturnVisit
    perm_prefix = "service.visit"
    url_base = "service:returnvisit"
    related = ("order__unit", "visited_by")
    page_actions = ("view",)


class ReturnVisitListView(ReturnVisitMixin, ObjectListView):
    filterset_class = filtersets.ReturnVisitFilterSet
    table_class = tables.ReturnVisitTable


class ReturnVisitDetailView(ReturnVisitMixin, ObjectDetailView):
    template_name = "service/returnvisit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["order"] = self.object.order
        context["can_record"] = (
            self.access.has("service.visit.change") and self.object.status != "done"
        )
        context.setdefault("form", forms.VisitForm())
        return context

    def post(self, request, pk):
        self.object = visit = self.get_object()
        form = forms.VisitForm(request.POST)
        if form.is_valid():
            try:
                services.record_visit(
                    visit,
                    actor=request.user,
                    reached=form.cleaned_data["reached"],
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                messages.success(request, _("Return visit recorded."))
                return redirect("service:returnvisit_list")
        return self.render_to_response(self.get_context_data(form=form), status=400)


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
    related=("category__parent",),
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
            services.save_policy(form, actor=request.user, community=self.access.community)
            messages.success(request, _("Customer-service settings saved."))
            return redirect("service:policy")
        return self.render_to_response(self.get_context_data(form=form), status=400)
