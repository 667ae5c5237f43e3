"""Contracts (FIN-09): the contracts with their schedules, the instalments due soon and overdue,
receiving and paying an instalment, renewal and termination."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wuye.core.commands import CommandPageMixin
from wuye.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedObjectMixin,
    StoredFileView,
)

from .. import filtersets, forms, tables
from ..choices import ContractAction, ContractStatus, InstalmentAction, InstalmentStatus
from ..commands import CONTRACT_COMMANDS, INSTALMENT_COMMANDS
from ..models import Contract, ContractDocument, ContractInstalment
from ..services import contracts


class ContractMixin(ScopedObjectMixin):
    model = Contract
    perm_prefix = "finance.contract"
    url_base = "finance:contract"
    related: tuple[str, ...] = ("vendor",)
    page_actions = ("view", "change")


class ContractListView(ContractMixin, ObjectListView):
    filterset_class = filtersets.ContractFilterSet
    table_class = tables.ContractTable


class ContractEditView(ContractMixin, ObjectEditView):
    """A new contract and its schedule; afterwards it is renewed or terminated, not edited."""

    form_class = forms.ContractForm
    create_service = contracts.create_contract

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class ContractDetailView(CommandPageMixin, ContractMixin, ObjectDetailView):
    commands = CONTRACT_COMMANDS
    template_name = "finance/contract_detail.html"
    page_forms = {
        ContractAction.ATTACH: "attach_form",
        ContractAction.TERMINATE: "terminate_form",
        ContractAction.RENEW: "renew_form",
    }
    related: tuple[str, ...] = ("vendor", "renewed_from")
    detail_fields = [
        "number",
        "kind",
        "category",
        "title",
        "vendor",
        "starts_on",
        "ends_on",
        "amount",
        "schedule",
        "public_income",
        "status",
        "terminated_on",
        "termination_reason",
        "note",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        context["can_change"] = context["can_delete"] = False
        context["instalments"] = contract.instalments.select_related("entry").order_by("sequence")
        context["today"] = timezone.localdate()
        context["documents"] = contract.documents.all()
        if self.access.has("finance.contract.change"):
            context.setdefault(
                "attach_form", forms.ContractDocumentForm(target=contract, access=self.access)
            )
        context["renewal"] = (
            Contract.objects.for_access(self.access).filter(renewed_from=contract).first()
        )
        if contract.status == ContractStatus.ACTIVE and self.access.has("finance.contract.change"):
            context.setdefault(
                "terminate_form", forms.TerminateContractForm(target=contract, access=self.access)
            )
            context.setdefault(
                "renew_form",
                forms.RenewContractForm(
                    target=contract,
                    access=self.access,
                    initial={"amount": contract.amount, "schedule": contract.schedule},
                ),
            )
        return context


class ContractInstalmentMixin(ScopedObjectMixin):
    model = ContractInstalment
    perm_prefix = "finance.contract"
    url_base = "finance:contractinstalment"
    related: tuple[str, ...] = ("contract", "contract__vendor", "entry")
    page_actions = ("view",)


class ContractInstalmentListView(ContractInstalmentMixin, ObjectListView):
    filterset_class = filtersets.ContractInstalmentFilterSet
    table_class = tables.ContractInstalmentTable


class ContractInstalmentDetailView(CommandPageMixin, ContractInstalmentMixin, ObjectDetailView):
    commands = INSTALMENT_COMMANDS
    template_name = "finance/contractinstalment_detail.html"
    page_forms = {InstalmentAction.SETTLE: "settle_form"}
    detail_fields = ["contract", "sequence", "due_date", "amount", "status", "settled_on", "entry"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = context["can_delete"] = False
        if self.object.status == InstalmentStatus.PENDING and self.access.has(
            "finance.contract.change"
        ):
            context.setdefault(
                "settle_form",
                forms.SettleInstalmentForm(
                    target=self.object,
                    access=self.access,
                    initial={"date": timezone.localdate()},
                ),
            )
        return context


class ContractDocumentFileView(StoredFileView):
    """A contract's document, to those who may see contracts."""

    model = ContractDocument
    field = "file"
    permission = "finance.contract.view"
