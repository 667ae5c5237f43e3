"""Expense claims (FIN-03): the claim's page carries its whole course — lines, documents against
the checklist, submit, finance's pre-review, approval, payment — each step for whom it is."""

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
    crud_views,
)

from .. import filtersets, forms, tables
from ..choices import CLAIM_EDITABLE, ClaimAction, ClaimStatus
from ..commands import CLAIM_COMMANDS
from ..models import ClaimDocument, ExpenseCategory, ExpenseClaim
from ..services import claims

(
    ExpenseCategoryListView,
    ExpenseCategoryDetailView,
    ExpenseCategoryEditView,
    _delete,
) = crud_views(
    ExpenseCategory,
    "finance.category",
    filterset=filtersets.ExpenseCategoryFilterSet,
    table=tables.ExpenseCategoryTable,
    form=forms.ExpenseCategoryForm,
)


class ExpenseClaimMixin(ScopedObjectMixin):
    model = ExpenseClaim
    perm_prefix = "finance.claim"
    url_base = "finance:expenseclaim"
    related: tuple[str, ...] = ("claimant",)
    page_actions = ("view", "change")


class ExpenseClaimListView(ExpenseClaimMixin, ObjectListView):
    filterset_class = filtersets.ExpenseClaimFilterSet
    table_class = tables.ExpenseClaimTable


class ExpenseClaimEditView(ExpenseClaimMixin, ObjectEditView):
    """A new claim: its purpose; the lines and documents are added on its page."""

    form_class = forms.ExpenseClaimForm
    create_service = claims.create_claim

    def get_object(self):
        if self.kwargs.get("pk") is not None:
            raise PermissionDenied
        return None


class ExpenseClaimDetailView(CommandPageMixin, ExpenseClaimMixin, ObjectDetailView):
    commands = CLAIM_COMMANDS
    template_name = "finance/expenseclaim_detail.html"
    related: tuple[str, ...] = (
        "claimant",
        "reviewed_by",
        "approved_by",
        "company_approved_by",
        "payment",
    )
    page_forms = {
        ClaimAction.ADD_LINE: "line_form",
        ClaimAction.ATTACH: "attach_form",
        ClaimAction.REVIEW: "review_form",
        ClaimAction.REJECT: "reject_form",
        ClaimAction.PAY: "pay_form",
    }
    detail_fields = [
        "number",
        "claimant",
        "purpose",
        "status",
        "total",
        "submitted_at",
        "reviewed_by",
        "review_note",
        "approved_by",
        "company_approved_by",
        "reject_reason",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        access = self.access
        user = self.request.user
        own = claim.claimant_id == user.pk
        status = ClaimStatus(claim.status)
        context["can_change"] = context["can_delete"] = False
        context["lines"] = claim.lines.select_related("category")
        context["documents"] = claim.documents.all()
        handed = claims.handed_in(claim)
        context["checklist"] = [
            {"name": name, "handed_in": name in handed} for name in claims.required_documents(claim)
        ]
        editable = own and status in CLAIM_EDITABLE and access.has("finance.claim.change")
        context["editable"] = editable
        if editable:
            context.setdefault("line_form", forms.ClaimLineForm(target=claim, access=access))
            context.setdefault("attach_form", forms.AttachForm(target=claim, access=access))
            context["attach_kinds"] = [*claims.required_documents(claim), claims.OTHER_DOCUMENT]
        if not own and status == ClaimStatus.SUBMITTED and access.has("finance.claim.review"):
            context.setdefault("review_form", forms.ReviewClaimForm(target=claim, access=access))
        context["can_approve"] = (
            not own and status == ClaimStatus.REVIEWED and access.has("finance.claim.approve")
        )
        context["can_company_approve"] = (
            not own
            and status == ClaimStatus.AWAITING_COMPANY
            and access.has("finance.claim.company")
        )
        may_reject = not own and (
            (
                status in (ClaimStatus.SUBMITTED, ClaimStatus.REVIEWED)
                and access.has("finance.claim.review")
            )
            or (
                status in (ClaimStatus.REVIEWED, ClaimStatus.AWAITING_COMPANY)
                and access.has("finance.claim.approve")
            )
            or (status == ClaimStatus.AWAITING_COMPANY and access.has("finance.claim.company"))
        )
        if may_reject:
            context.setdefault("reject_form", forms.RejectClaimForm(target=claim, access=access))
        if status == ClaimStatus.APPROVED and access.has("finance.claim.pay"):
            context.setdefault(
                "pay_form",
                forms.PayClaimForm(
                    target=claim, access=access, initial={"date": timezone.localdate()}
                ),
            )
        return context


class ClaimDocumentFileView(StoredFileView):
    """A claim's document, to those who may see the claim."""

    model = ClaimDocument
    field = "file"
    permission = "finance.claim.view"

    def get(self, request, pk):
        document = ClaimDocument.objects.filter(pk=pk).values_list("claim_id", flat=True).first()
        if (
            document is None
            or not ExpenseClaim.objects.for_access(self.access).filter(pk=document).exists()
        ):
            from django.http import Http404

            raise Http404
        return super().get(request, pk)
