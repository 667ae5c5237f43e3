"""Expense claims 报销 (FIN-03).

Any member of staff makes a claim (numbered without gaps when it is made), adds its lines
(category, amount, invoice type and number — an invoice is claimed once in the service center)
and its documents (PDF or pictures, checked by content), and submits it. Finance pre-reviews it
against the checklist of its categories' required documents: a claim with any missing is returned
naming them, the claimant completes it and submits again. The manager approves it; above the
community's amount the company approves it too. Nobody reviews or approves his own claim. Finance
pays it from petty cash or the bank (never from the counter's cash), the journal entry made here.
A claim is never deleted: it is rejected with a reason, or paid.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import actor_can, require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.money import q2
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.core.photos import clean_documents
from wuye.org.models import User, post_holders

from ..choices import CLAIM_EDITABLE, ClaimStatus, InvoiceType
from ..models import ClaimDocument, ClaimLine, ExpenseCategory, ExpenseClaim, FundAccount
from . import cash

# The categories a service center starts with (FIN-08's expense lines) and what each needs.
STANDARD_CATEGORIES = (
    ("RG", "人工", ["工资表"]),
    ("NH", "能耗", ["发票"]),
    ("WX", "维修", ["发票", "验收单"]),
    ("QJ", "清洁", ["发票", "验收单"]),
    ("LH", "绿化", ["发票", "验收单"]),
    ("BA", "保安外包", ["发票", "合同"]),
    ("BG", "办公", ["发票"]),
    ("CL", "差旅", ["发票", "行程单"]),
    ("QT", "其他", ["发票"]),
)

OTHER_DOCUMENT = "其他"
MAX_LINES = 50


def ensure_categories(community: Any, actor: User | None) -> None:
    """The standard categories, made the first time the service center needs them."""
    if ExpenseCategory.objects.filter(community=community).exists():
        return
    for code, name, documents in STANDARD_CATEGORIES:
        ExpenseCategory.objects.get_or_create(
            community=community,
            code=code,
            defaults={"name": name, "required_documents": documents, "created_by": actor},
        )


def split_documents(text: str) -> list[str]:
    """“发票、验收单,合同” → ["发票", "验收单", "合同"] (each once, in order)."""
    names = [n.strip() for n in re.split(r"[、,，;；/\s]+", text or "") if n.strip()]
    return list(dict.fromkeys(names))


def required_documents(claim: ExpenseClaim) -> list[str]:
    """The checklist of the claim: every document its lines' categories require, in order."""
    names: list[str] = []
    for line in claim.lines.select_related("category").order_by("id"):
        names += line.category.required_documents or []
    return list(dict.fromkeys(names))


def handed_in(claim: ExpenseClaim) -> set[str]:
    return set(claim.documents.values_list("kind", flat=True))


def missing_documents(claim: ExpenseClaim) -> list[str]:
    provided = handed_in(claim)
    return [name for name in required_documents(claim) if name not in provided]


def _notify_after_commit(community: Any, users: Any, text: str, claim: ExpenseClaim) -> None:
    url = reverse("finance:expenseclaim_detail", args=[claim.pk])
    people = list(users)
    transaction.on_commit(lambda: notify_users(community, people, text, url=url))


def _locked(claim: ExpenseClaim) -> ExpenseClaim:
    return ExpenseClaim.objects.select_for_update().select_related("claimant").get(pk=claim.pk)


def _own_and_open(claim: ExpenseClaim, actor: User) -> ExpenseClaim:
    claim = _locked(claim)
    if claim.claimant_id != actor.pk:
        raise PermissionDeniedError(_("Only the claimant changes his claim."))
    if claim.status not in CLAIM_EDITABLE:
        raise DomainError(
            _("The claim is %(status)s; it can no longer be changed.")
            % {"status": claim.get_status_display()}
        )
    return claim


def _not_own(claim: ExpenseClaim, actor: User) -> None:
    if claim.claimant_id == actor.pk:
        raise PermissionDeniedError(_("Nobody reviews or approves his own claim."))


def _retotal(claim: ExpenseClaim) -> None:
    claim.total = q2(claim.lines.aggregate(total=Sum("amount"))["total"])
    claim.save(update_fields=["total", "updated_at"])


def _check_budgets(claim: ExpenseClaim, year: int) -> None:
    """Every category of the claim still within its budget, this claim's lines included."""
    from .budgets import check_claim_budget  # budgets read the claims: imported when used

    categories = {line.category for line in claim.lines.select_related("category")}
    for category in sorted(categories, key=lambda c: c.pk):
        check_claim_budget(claim, category, Decimal("0"), year)


@transaction.atomic
def create_claim(*, community: Any, actor: User, purpose: str) -> ExpenseClaim:
    require(actor, community, "finance.claim.change", _("You may not make expense claims."))
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError(_("Say what the money was spent on."), field="purpose")
    ensure_categories(community, actor)
    claim = ExpenseClaim.objects.create(
        community=community,
        number=next_number(community, "expense.claim", prefix="BX", width=5),
        claimant=actor,
        purpose=purpose,
        created_by=actor,
    )
    record_event(verb="claim.created", actor=actor, community=community, target=claim)
    return claim


def normalize_invoice_number(text: str) -> str:
    return re.sub(r"[\s\-]", "", (text or "")).upper()


@transaction.atomic
def add_line(
    claim: ExpenseClaim,
    *,
    actor: User,
    category: ExpenseCategory,
    amount: Decimal,
    invoice_type: str,
    invoice_number: str = "",
    description: str = "",
) -> ClaimLine:
    claim = _own_and_open(claim, actor)
    community = claim.community
    if category.community_id != community.pk or not category.is_active:
        raise DomainError(_("Choose a category in use in this service center."), field="category")
    amount = q2(amount)
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), field="amount")
    from .budgets import check_claim_budget  # budgets read the claims: imported when used

    check_claim_budget(claim, category, amount, timezone.localdate().year)
    if claim.lines.count() >= MAX_LINES:
        raise DomainError(_("A claim has at most %(n)d lines.") % {"n": MAX_LINES})
    number = normalize_invoice_number(invoice_number)
    if invoice_type != InvoiceType.RECEIPT and not number:
        raise DomainError(_("Give the invoice number."), field="invoice_number")
    if number:
        held = (
            ClaimLine.objects.filter(community=community, invoice_number=number)
            .select_related("claim")
            .first()
        )
        if held is not None:
            raise DomainError(
                _("Invoice %(number)s has been claimed already, in claim %(claim)s.")
                % {"number": number, "claim": held.claim.number},
                field="invoice_number",
            )
    try:
        with transaction.atomic():
            line = ClaimLine.objects.create(
                community=community,
                claim=claim,
                category=category,
                amount=amount,
                invoice_type=invoice_type,
                invoice_number=number,
                description=(description or "").strip(),
                created_by=actor,
            )
    except IntegrityError:  # claimed at the same moment in another claim
        raise DomainError(
            _("Invoice %(number)s has been claimed already.") % {"number": number},
            field="invoice_number",
        ) from None
    _retotal(claim)
    return line


@transaction.atomic
def remove_line(claim: ExpenseClaim, *, actor: User, line: int) -> ExpenseClaim:
    claim = _own_and_open(claim, actor)
    removed, _count = ClaimLine.objects.filter(claim=claim, pk=line).delete()
    if not removed:
        raise DomainError(_("That line is not on this claim."), field="line")
    _retotal(claim)
    return claim


@transaction.atomic
def attach(claim: ExpenseClaim, *, actor: User, kind: str, uploads: list[Any]) -> ExpenseClaim:
    """Documents handed in for a checklist item (or “其他”), each a PDF or a picture."""
    claim = _own_and_open(claim, actor)
    kind = (kind or "").strip()
    allowed = [*required_documents(claim), OTHER_DOCUMENT]
    if kind not in allowed:
        raise DomainError(
            _("Choose one of: %(items)s.") % {"items": "、".join(allowed)}, field="kind"
        )
    files = clean_documents(uploads, field="uploads")
    if not files:
        raise DomainError(_("Choose the files to attach."), field="uploads")
    for upload in files:
        ClaimDocument.objects.create(
            community=claim.community, claim=claim, kind=kind, file=upload, created_by=actor
        )
    return claim


@transaction.atomic
def submit_claim(claim: ExpenseClaim, *, actor: User) -> ExpenseClaim:
    claim = _own_and_open(claim, actor)
    if not claim.lines.exists():
        raise DomainError(_("Add at least one line before submitting."))
    # A draft does not hold budget; submitting does: checked again under the budget's lock, so
    # two drafts saved side by side cannot both be submitted beyond it.
    _check_budgets(claim, timezone.now().year)
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = timezone.now()
    claim.missing = missing_documents(claim)
    claim.save(update_fields=["status", "submitted_at", "missing", "updated_at"])
    record_event(verb="claim.submitted", actor=actor, community=claim.community, target=claim)
    _notify_after_commit(
        claim.community,
        (u for u in post_holders(claim.community, ("FIN",)) if u.pk != actor.pk),
        _("Expense claim %(number)s (%(total)s) is waiting for your review.")
        % {"number": claim.number, "total": claim.total},
        claim,
    )
    return claim


@transaction.atomic
def review_claim(
    claim: ExpenseClaim, *, actor: User, missing_items: list[str] | None = None, note: str = ""
) -> ExpenseClaim:
    """Finance's pre-review: the documents the checklist needs and does not find, with those
    finance marks as missing or unusable, send the claim back naming them; none, it goes on to
    the manager."""
    community = claim.community
    require(actor, community, "finance.claim.review", _("You may not review expense claims."))
    claim = _locked(claim)
    _not_own(claim, actor)
    if claim.status != ClaimStatus.SUBMITTED:
        raise DomainError(_("Only a submitted claim is reviewed."))
    checklist = [*required_documents(claim), OTHER_DOCUMENT]
    chosen = [m for m in (missing_items or []) if m]
    unknown = [m for m in chosen if m not in checklist]
    if unknown:
        raise DomainError(
            _("Not on the checklist: %(items)s.") % {"items": "、".join(unknown)},
            field="missing_items",
        )
    missing = list(dict.fromkeys([*missing_documents(claim), *chosen]))
    note = (note or "").strip()
    claim.reviewed_by = actor
    claim.review_note = note
    claim.missing = missing
    if missing:
        claim.status = ClaimStatus.RETURNED
        text = _("Expense claim %(number)s is returned: %(items)s missing.") % {
            "number": claim.number,
            "items": "、".join(missing),
        }
        people = [claim.claimant]
    else:
        claim.status = ClaimStatus.REVIEWED
        text = _("Expense claim %(number)s (%(total)s) is reviewed and waits for approval.") % {
            "number": claim.number,
            "total": claim.total,
        }
        people = [u for u in post_holders(community, ("MGR",)) if u.pk != claim.claimant_id]
    claim.save(update_fields=["status", "reviewed_by", "review_note", "missing", "updated_at"])
    record_event(
        verb="claim.returned" if missing else "claim.reviewed",
        actor=actor,
        community=community,
        target=claim,
        message="、".join(missing) or note,
    )
    _notify_after_commit(community, people, text + (f"（{note}）" if note else ""), claim)
    return claim


@transaction.atomic
def approve_claim(claim: ExpenseClaim, *, actor: User) -> ExpenseClaim:
    """The manager approves a reviewed claim; above the community's amount it goes on to the
    company."""
    community = claim.community
    require(actor, community, "finance.claim.approve", _("You may not approve expense claims."))
    claim = _locked(claim)
    _not_own(claim, actor)
    if claim.status != ClaimStatus.REVIEWED:
        raise DomainError(_("Only a claim finance has reviewed is approved."))
    if claim.reviewed_by_id == actor.pk:
        raise PermissionDeniedError(_("Who reviewed a claim does not approve it too."))
    _check_budgets(claim, (claim.submitted_at or timezone.now()).year)  # still within it
    claim.approved_by = actor
    claim.approved_at = timezone.now()
    limit = cash.settings_for(community).claim_company_over
    claim.status = ClaimStatus.AWAITING_COMPANY if claim.total > limit else ClaimStatus.APPROVED
    claim.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    record_event(verb="claim.approved", actor=actor, community=community, target=claim)
    if claim.status == ClaimStatus.APPROVED:
        _tell_finance_to_pay(claim)
    return claim


def _tell_finance_to_pay(claim: ExpenseClaim) -> None:
    _notify_after_commit(
        claim.community,
        post_holders(claim.community, ("FIN",)),
        _("Expense claim %(number)s (%(total)s) is approved: pay it.")
        % {"number": claim.number, "total": claim.total},
        claim,
    )


@transaction.atomic
def company_approve_claim(claim: ExpenseClaim, *, actor: User) -> ExpenseClaim:
    community = claim.community
    require(
        actor,
        community,
        "finance.claim.company",
        _("The company approves claims above the service center's amount."),
    )
    claim = _locked(claim)
    _not_own(claim, actor)
    if claim.status != ClaimStatus.AWAITING_COMPANY:
        raise DomainError(_("This claim is not waiting for the company."))
    if actor.pk in (claim.approved_by_id, claim.reviewed_by_id):
        raise PermissionDeniedError(_("The company's approval is someone else's."))
    claim.company_approved_by = actor
    claim.status = ClaimStatus.APPROVED
    claim.save(update_fields=["status", "company_approved_by", "updated_at"])
    record_event(verb="claim.company_approved", actor=actor, community=community, target=claim)
    _tell_finance_to_pay(claim)
    return claim


@transaction.atomic
def reject_claim(claim: ExpenseClaim, *, actor: User, reason: str) -> ExpenseClaim:
    """Refused for good (not for a missing document: that is a return), with the reason."""
    community = claim.community
    claim = _locked(claim)
    _not_own(claim, actor)
    finance_may = claim.status in (
        ClaimStatus.SUBMITTED,
        ClaimStatus.REVIEWED,
    ) and actor_can(actor, community, "finance.claim.review")
    manager_may = claim.status in (
        ClaimStatus.REVIEWED,
        ClaimStatus.AWAITING_COMPANY,
    ) and actor_can(actor, community, "finance.claim.approve")
    company_may = claim.status == ClaimStatus.AWAITING_COMPANY and actor_can(
        actor, community, "finance.claim.company"
    )
    if not (finance_may or manager_may or company_may):
        raise DomainError(_("This claim cannot be rejected by you now."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for rejecting."), field="reason")
    claim.status = ClaimStatus.REJECTED
    claim.reject_reason = reason
    claim.save(update_fields=["status", "reject_reason", "updated_at"])
    record_event(
        verb="claim.rejected", actor=actor, community=community, target=claim, message=reason
    )
    _notify_after_commit(
        community,
        [claim.claimant],
        _("Expense claim %(number)s is rejected: %(reason)s")
        % {"number": claim.number, "reason": reason},
        claim,
    )
    return claim


@transaction.atomic
def pay_claim(
    claim: ExpenseClaim, *, actor: User, account: FundAccount, date: dt.date
) -> ExpenseClaim:
    """Finance pays an approved claim from petty cash or a bank account: one journal entry."""
    community = claim.community
    require(actor, community, "finance.claim.pay", _("You may not pay expense claims."))
    claim = _locked(claim)
    _not_own(claim, actor)
    if claim.status != ClaimStatus.APPROVED:
        raise DomainError(_("Only an approved claim is paid."))
    entry = cash.pay_expense(
        community=community,
        actor=actor,
        account=account,
        date=date,
        amount=claim.total,
        summary=_("Expense claim %(number)s: %(purpose)s")
        % {"number": claim.number, "purpose": claim.purpose},
        counterparty=claim.claimant.display_name,
    )
    claim.status = ClaimStatus.PAID
    claim.payment = entry
    claim.save(update_fields=["status", "payment", "updated_at"])
    record_event(
        verb="claim.paid",
        actor=actor,
        community=community,
        target=claim,
        message=_("Paid from %(account)s, voucher %(voucher)s")
        % {"account": account, "voucher": entry.voucher_no},
    )
    _notify_after_commit(
        community,
        [claim.claimant],
        _("Expense claim %(number)s is paid: %(total)s.")
        % {"number": claim.number, "total": claim.total},
        claim,
    )
    return claim


def waiting_for(access: Any) -> dict[str, int]:
    """How many claims wait for this person: to review (FIN), to approve (MGR), to pay (FIN)."""
    claims = ExpenseClaim.objects.for_access(access).exclude(claimant=access.user)
    counts = {}
    if access.has("finance.claim.review"):
        counts["review"] = claims.filter(status=ClaimStatus.SUBMITTED).count()
    if access.has("finance.claim.approve"):
        counts["approve"] = claims.filter(status=ClaimStatus.REVIEWED).count()
    if access.has("finance.claim.pay"):
        counts["pay"] = claims.filter(status=ClaimStatus.APPROVED).count()
    return counts
