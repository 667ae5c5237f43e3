"""Pages of deposits, refunds and waivers: requests and finance's decisions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wuye.core.commands import CommandMixin, submit_form
from wuye.core.views import BatchAction, ObjectDetailView, ObjectListView, ScopedObjectMixin

from .. import filtersets, forms, tables
from ..choices import ApprovalStatus, DepositStatus
from ..commands import DEPOSIT_COMMANDS, REFUND_COMMANDS, WAIVER_COMMANDS
from ..models import Bill, Deposit, Refund, Waiver
from ..services.approvals import (
    decide_waivers,
    request_waiver,
)
from .bills import BillMixin


class DepositMixin(ScopedObjectMixin):
    model = Deposit
    perm_prefix = "billing.deposit"
    url_base = "billing:deposit"
    related = ("unit__building", "payment__receipt")
    page_actions = ("view",)


class DepositListView(DepositMixin, ObjectListView):
    filterset_class = filtersets.DepositFilterSet
    table_class = tables.DepositTable


class DepositDetailView(CommandMixin, DepositMixin, ObjectDetailView):
    commands = DEPOSIT_COMMANDS
    template_name = "billing/deposit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["refunds"] = self.object.refunds.all()
        context["can_request"] = (
            self.access.has("billing.refund.change") and self.object.status == DepositStatus.HELD
        )
        context["refund_form"] = forms.DepositRefundForm()
        return context

    def post(self, request, pk):
        return self.run_command(request, self.get_object())


class RefundMixin(ScopedObjectMixin):
    model = Refund
    perm_prefix = "billing.refund"
    url_base = "billing:refund"
    related = ("unit__building", "deposit", "decided_by", "created_by")
    page_actions = ("view",)


class RefundListView(RefundMixin, ObjectListView):
    filterset_class = filtersets.RefundFilterSet
    table_class = tables.RefundTable


class DecisionMixin(CommandMixin, ObjectDetailView):
    """approve / reject with a note (the `decide` command), for refunds and waivers."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = (
            self.commands["decide"].allowed(self.access)
            and self.object.status == ApprovalStatus.REQUESTED
        )
        context["decision_form"] = forms.DecisionForm()
        return context

    def post(self, request, pk):
        self.object = self.get_object()
        return self.run_command(request, self.object)


class RefundDetailView(RefundMixin, DecisionMixin):
    template_name = "billing/approval_detail.html"
    detail_fields = [
        "kind",
        "unit",
        "deposit",
        "amount",
        "reason",
        "channel",
        *Refund.DECISION_FIELDS,
        "paid_out_at",
        "paid_out_by",
        "payout_reference",
    ]
    commands = REFUND_COMMANDS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if (
            self.object.status == ApprovalStatus.APPROVED
            and self.object.paid_out_at is None
            and self.object.decided_by_id != self.request.user.pk
            and self.access.has("billing.refund.pay")
        ):
            context.setdefault(
                "payout_form", forms.RefundPayoutForm(initial={"channel": self.object.channel})
            )
        return context

    def command_invalid(self, command, target, form):
        if command.name != "pay_out":
            return super().command_invalid(command, target, form)
        # The payout form is on this page: shown again with its errors.
        return self.render_to_response(
            self.get_context_data(object=target, payout_form=form), status=400
        )


class WaiverMixin(ScopedObjectMixin):
    model = Waiver
    perm_prefix = "billing.waiver"
    url_base = "billing:waiver"
    related = ("bill__unit__building", "line__fee_item", "decided_by", "created_by")
    page_actions = ("view",)


class WaiverListView(WaiverMixin, ObjectListView):
    filterset_class = filtersets.WaiverFilterSet
    table_class = tables.WaiverTable
    batch_actions = (
        BatchAction(
            "approve",
            gettext_lazy("Approve"),
            "billing.waiver.approve",
            icon="ti-check",
            confirm=gettext_lazy("Approve every ticked waiver?"),
            note=gettext_lazy("decision note"),
        ),
        BatchAction(
            "reject",
            gettext_lazy("Reject"),
            "billing.waiver.approve",
            icon="ti-x",
            confirm=gettext_lazy("Reject every ticked waiver?"),
            note=gettext_lazy("decision note"),
        ),
    )

    def batch_approve(self, waivers, approve=True):
        """Decide the ticked waivers together (BIL-10, `services.approvals.decide_waivers`)."""
        form = forms.DecisionForm({"approve": approve, "note": self.request.POST.get("note", "")})
        note = form.cleaned_data["note"] if form.is_valid() else ""
        decided, refused = decide_waivers(
            waivers, approve=approve, note=note, actor=self.request.user
        )
        if decided:
            messages.success(
                self.request,
                (_("%(count)d waivers approved.") if approve else _("%(count)d waivers rejected."))
                % {"count": decided},
            )
        if refused:
            messages.error(
                self.request,
                _("Not decided: %(list)s")
                % {"list": "；".join([*refused[:10], "…"] if len(refused) > 10 else refused)},
            )
        return redirect(self.batch_back)

    def batch_reject(self, waivers):
        return self.batch_approve(waivers, approve=False)


class WaiverDetailView(WaiverMixin, DecisionMixin):
    template_name = "billing/approval_detail.html"
    detail_fields = ["bill", "line", "amount", "reason", *Waiver.DECISION_FIELDS]
    commands = WAIVER_COMMANDS


class WaiverRequestView(BillMixin, View):
    """From a bill: ask the manager to waive part of one of its lines."""

    perm_prefix = "billing.waiver"
    action = "change"
    page_actions = ("view", "change")

    def post(self, request, pk):
        bill = get_object_or_404(Bill.objects.for_access(self.access), pk=pk)
        return submit_form(
            request,
            forms.WaiverForm(request.POST, target=bill, access=self.access),
            lambda data: request_waiver(
                line=data["line"], amount=data["amount"], reason=data["reason"], actor=request.user
            ),
            back=bill.get_absolute_url(),
            done=lambda _waiver: _("Waiver requested; the manager decides."),
            goto=lambda waiver: waiver.get_absolute_url(),
        )
