"""Pages of billing runs: list, preview and progress, a new run."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wuye.core.errors import DomainError
from wuye.core.views import ObjectDetailView, ObjectListView, ScopedObjectMixin

from .. import filtersets, forms, tables
from ..choices import RunStatus
from ..engine import month_start
from ..models import BillingRun
from ..services.runs import cancel_run, confirm_run, preview_run

# --- Billing runs ---------------------------------------------------------------------------------------


class BillingRunMixin(ScopedObjectMixin):
    model = BillingRun
    perm_prefix = "billing.run"
    url_base = "billing:billingrun"
    related = ("created_by",)


class BillingRunListView(BillingRunMixin, ObjectListView):
    filterset_class = filtersets.BillingRunFilterSet
    table_class = tables.BillingRunTable


class BillingRunDetailView(BillingRunMixin, ObjectDetailView):
    template_name = "billing/billingrun_detail.html"

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)  # django-htmx's middleware sets it
        if htmx and htmx.target == "run-progress":
            return ["billing/billingrun_detail.html#progress"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        context["fee_items"] = run.fee_items.all()
        context["can_confirm"] = self.can("change") and run.status in (
            RunStatus.PREVIEW,
            RunStatus.FAILED,
        )
        context["can_cancel"] = self.can("change") and run.status in (
            RunStatus.PREVIEW,
            RunStatus.DONE,
        )
        context["working"] = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
        context["cancel_form"] = forms.CancelRunForm()
        # Issuing (and cancelling issued bills) asks first, with the figures in the question.
        preview = run.preview or {}
        context["confirm_question"] = _(
            "Issue the bills of %(period)s: %(units)s households, %(lines)s lines, amount %(total)s yuan?"
        ) % {
            "period": f"{run.period:%Y-%m}",
            "units": f"{preview.get('targets', 0):,}",
            "lines": f"{preview.get('lines', 0):,}",
            "total": f"{Decimal(preview.get('total') or 0):,.2f}",
        }
        context["cancel_question"] = (
            _("Cancel the run of %(period)s and its %(bills)s issued bills, amount %(total)s yuan?")
            % {
                "period": f"{run.period:%Y-%m}",
                "bills": f"{run.bills_created:,}",
                "total": f"{run.total_amount:,.2f}",
            }
            if run.status == RunStatus.DONE
            else _("Cancel the run of %(period)s? No bill has been issued from it.")
            % {"period": f"{run.period:%Y-%m}"}
        )
        return context

    def post(self, request, pk):
        if not self.can("change"):
            raise PermissionDenied
        run = self.get_object()
        try:
            if request.POST.get("action") == "confirm":
                confirm_run(run, actor=request.user)
                messages.success(request, _("Run confirmed; the bills are being issued."))
            elif request.POST.get("action") == "cancel":
                form = forms.CancelRunForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Give the reason for cancelling the run."))
                cancel_run(run, reason=form.cleaned_data["cancel_reason"], actor=request.user)
                messages.success(request, _("Run cancelled."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect(run.get_absolute_url())


class BillingRunCreateView(BillingRunMixin, TemplateView):
    """Choose the period and fee items; the next page is the preview."""

    template_name = "core/object_edit.html"
    action = "change"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New billing run")
        context["cancel_url"] = reverse("billing:billingrun_list")
        context.setdefault(
            "form",
            forms.RunForm(
                access=self.access, initial={"period": month_start(timezone.localdate())}
            ),
        )
        context["breadcrumbs"] = [self.list_crumb(), (_("New billing run"), None)]
        return context

    def post(self, request):
        form = forms.RunForm(request.POST, access=self.access)
        if form.is_valid():
            try:
                run = preview_run(
                    community=self.access.community,
                    period=form.cleaned_data["period"],
                    months=form.cleaned_data.get("months"),
                    fee_items=form.cleaned_data["fee_items"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                return redirect(run.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)
