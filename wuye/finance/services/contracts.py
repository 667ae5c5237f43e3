"""Contracts (FIN-09): made with their payment schedule (the contract amount split over the
periods in whole fen, the remainder on the last instalment); an income instalment is received
into a bank account or petty cash, an expense instalment paid from one (never from the counter's
cash), each by one journal entry; instalments due within 30 days and overdue are listed and told
to finance by the bell, once each; renewal makes the next contract, termination cancels what was
still to come. Nothing is deleted."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from functools import partial
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.billing.engine import add_months
from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.core.photos import clean_documents
from wuye.org.models import User, post_holders

from ..choices import (
    INCOME_CATEGORIES,
    SCHEDULE_MONTHS,
    ContractKind,
    ContractStatus,
    InstalmentStatus,
    PaymentSchedule,
)
from ..models import Contract, ContractDocument, ContractInstalment, FundAccount
from . import cash

MAX_INSTALMENTS = 120
DUE_SOON_DAYS = 30


def split(amount: Decimal, starts_on: dt.date, ends_on: dt.date, schedule: str) -> list:
    """[(due date, amount)]: one instalment at the start of each period from `starts_on` to
    `ends_on`, the amount split in whole fen, the remainder on the last instalment."""
    if schedule == PaymentSchedule.ONCE:
        return [(starts_on, q2(amount))]
    step = SCHEDULE_MONTHS[PaymentSchedule(schedule)]
    dues = []
    due = starts_on
    n = 0
    while due <= ends_on:
        dues.append(due)
        n += 1
        due = add_months(starts_on, step * n)
        if n > MAX_INSTALMENTS:
            raise DomainError(
                _("At most %(n)d instalments; choose a longer period.") % {"n": MAX_INSTALMENTS},
                field="schedule",
            )
    each = (amount / len(dues)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    amounts = [each] * len(dues)
    amounts[-1] = q2(amount - each * (len(dues) - 1))
    return list(zip(dues, amounts, strict=True))


def _check(kind: str, category: str, vendor: Any, community: Any, starts_on, ends_on, amount):
    if (category in INCOME_CATEGORIES) != (kind == ContractKind.INCOME):
        raise DomainError(
            _("This category belongs to the other kind of contract."), field="category"
        )
    if vendor.community_id != community.pk:
        raise DomainError(_("Choose a counter-party of this service center."), field="vendor")
    if ends_on < starts_on:
        raise DomainError(_("The contract ends before it starts."), field="ends_on")
    if q2(amount) <= 0:
        raise DomainError(_("The amount must be more than zero."), field="amount")


def _make(
    community: Any,
    actor: Any,
    *,
    kind: str,
    category: str,
    title: str,
    vendor: Any,
    starts_on: dt.date,
    ends_on: dt.date,
    amount: Decimal,
    schedule: str,
    public_income: bool,
    note: str,
    renewed_from: Contract | None = None,
) -> Contract:
    _check(kind, category, vendor, community, starts_on, ends_on, amount)
    if not (title or "").strip():
        raise DomainError(_("Give the contract a title."), field="title")
    plan = split(q2(amount), starts_on, ends_on, schedule)
    contract = Contract.objects.create(
        community=community,
        number=next_number(community, "finance.contract", prefix="HT", width=4),
        kind=kind,
        category=category,
        title=title.strip(),
        vendor=vendor,
        starts_on=starts_on,
        ends_on=ends_on,
        amount=q2(amount),
        schedule=schedule,
        public_income=bool(public_income) and kind == ContractKind.INCOME,
        note=(note or "").strip(),
        renewed_from=renewed_from,
        created_by=actor,
    )
    ContractInstalment.objects.bulk_create(
        ContractInstalment(
            community=community,
            contract=contract,
            sequence=n,
            due_date=due,
            amount=part,
            created_by=actor,
        )
        for n, (due, part) in enumerate(plan, start=1)
    )
    return contract


@transaction.atomic
def create_contract(
    *,
    community: Any,
    actor: Any,
    kind: str,
    category: str,
    title: str,
    vendor: Any,
    starts_on: dt.date,
    ends_on: dt.date,
    amount: Decimal,
    schedule: str,
    public_income: bool = False,
    note: str = "",
) -> Contract:
    require(actor, community, "finance.contract.change", _("You may not keep contracts."))
    contract = _make(
        community,
        actor,
        kind=kind,
        category=category,
        title=title,
        vendor=vendor,
        starts_on=starts_on,
        ends_on=ends_on,
        amount=amount,
        schedule=schedule,
        public_income=public_income,
        note=note,
    )
    record_event(verb="contract.made", actor=actor, community=community, target=contract)
    return contract


def _cancel_after(contract: Contract, day: dt.date) -> int:
    return ContractInstalment.objects.filter(
        contract=contract, status=InstalmentStatus.PENDING, due_date__gt=day
    ).update(status=InstalmentStatus.CANCELLED, updated_at=timezone.now())


@transaction.atomic
def attach_documents(
    contract: Contract, *, actor: User, title: str, uploads: list[Any]
) -> Contract:
    """The contract's signed text, annexes, supplements: PDF or pictures, checked by content."""
    require(actor, contract.community, "finance.contract.change", _("You may not keep contracts."))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Name the document (合同正本, 补充协议…)."), field="title")
    files = clean_documents(uploads, field="uploads")
    if not files:
        raise DomainError(_("Choose the files to attach."), field="uploads")
    for upload in files:
        ContractDocument.objects.create(
            community=contract.community,
            contract=contract,
            title=title,
            file=upload,
            created_by=actor,
        )
    record_event(
        verb="contract.document",
        actor=actor,
        community=contract.community,
        target=contract,
        message=title,
    )
    return contract


@transaction.atomic
def terminate_contract(
    contract: Contract, *, actor: Any, terminated_on: dt.date, reason: str
) -> Contract:
    """Ended early: the instalments due after the day are cancelled; those due by it stay."""
    community = contract.community
    require(actor, community, "finance.contract.change", _("You may not keep contracts."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != ContractStatus.ACTIVE:
        raise DomainError(_("Only a contract in force is terminated."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for terminating."), field="reason")
    if not contract.starts_on <= terminated_on <= contract.ends_on:
        raise DomainError(
            _("The day of termination falls within the contract's period."),
            field="terminated_on",
        )
    cancelled = _cancel_after(contract, terminated_on)
    contract.status = ContractStatus.TERMINATED
    contract.terminated_on = terminated_on
    contract.termination_reason = reason
    contract.save(update_fields=["status", "terminated_on", "termination_reason", "updated_at"])
    record_event(
        verb="contract.terminated",
        actor=actor,
        community=community,
        target=contract,
        message=_("%(reason)s; %(n)d instalments cancelled") % {"reason": reason, "n": cancelled},
    )
    return contract


@transaction.atomic
def renew_contract(
    contract: Contract, *, actor: Any, ends_on: dt.date, amount: Decimal, schedule: str
) -> Contract:
    """The next contract with the same party, from the day after this one ends."""
    community = contract.community
    require(actor, community, "finance.contract.change", _("You may not keep contracts."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != ContractStatus.ACTIVE:
        raise DomainError(_("Only a contract in force is renewed."))
    starts_on = contract.ends_on + dt.timedelta(days=1)
    if ends_on < starts_on:
        raise DomainError(
            _("The renewal runs from %(day)s; it ends after that.") % {"day": starts_on},
            field="ends_on",
        )
    renewal = _make(
        community,
        actor,
        kind=contract.kind,
        category=contract.category,
        title=contract.title,
        vendor=contract.vendor,
        starts_on=starts_on,
        ends_on=ends_on,
        amount=amount,
        schedule=schedule,
        public_income=contract.public_income,
        note=contract.note,
        renewed_from=contract,
    )
    contract.status = ContractStatus.RENEWED
    contract.save(update_fields=["status", "updated_at"])
    record_event(
        verb="contract.renewed",
        actor=actor,
        community=community,
        target=contract,
        message=renewal.number,
    )
    return renewal


@transaction.atomic
def settle_instalment(
    instalment: ContractInstalment, *, actor: Any, account: FundAccount, date: dt.date
) -> ContractInstalment:
    """An income instalment received, or an expense instalment paid: one journal entry."""
    community = instalment.community
    require(actor, community, "finance.contract.change", _("You may not keep contracts."))
    instalment = (
        ContractInstalment.objects.select_for_update()
        .select_related("contract__vendor")
        .get(pk=instalment.pk)
    )
    if instalment.status != InstalmentStatus.PENDING:
        raise DomainError(_("This instalment is not due any more."))
    contract = instalment.contract
    summary = _("Contract %(number)s, instalment %(n)d: %(title)s") % {
        "number": contract.number,
        "n": instalment.sequence,
        "title": contract.title,
    }
    post = cash.receive_income if contract.kind == ContractKind.INCOME else cash.pay_expense
    entry = post(
        community=community,
        actor=actor,
        account=account,
        date=date,
        amount=instalment.amount,
        summary=summary,
        counterparty=contract.vendor.name,
    )
    instalment.status = InstalmentStatus.SETTLED
    instalment.settled_on = date
    instalment.entry = entry
    instalment.save(update_fields=["status", "settled_on", "entry", "updated_at"])
    record_event(
        verb="contract.instalment_settled",
        actor=actor,
        community=community,
        target=contract,
        message=summary,
    )
    return instalment


def due_soon(instalments: Any, today: dt.date) -> Any:
    return instalments.filter(
        status=InstalmentStatus.PENDING,
        due_date__gte=today,
        due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
    )


def overdue(instalments: Any, today: dt.date) -> Any:
    return instalments.filter(status=InstalmentStatus.PENDING, due_date__lt=today)


def remind(community: Any, today: dt.date | None = None) -> int:
    """Tell finance, by the bell, of each instalment coming due within 30 days and of each one
    overdue — once for each."""
    today = today or timezone.localdate()
    people = post_holders(community, ("FIN",))
    told = 0
    base = ContractInstalment.objects.filter(community=community).select_related("contract")
    with transaction.atomic():
        for stage, rows, flag in (
            ("due", due_soon(base, today).filter(reminded_due=False), "reminded_due"),
            ("overdue", overdue(base, today).filter(reminded_overdue=False), "reminded_overdue"),
        ):
            rows = list(rows.select_for_update(of=("self",)))
            for instalment in rows:
                contract = instalment.contract
                words = (
                    _(
                        "Contract %(number)s %(title)s: instalment %(n)d of %(amount)s due on %(day)s."
                    )
                    if stage == "due"
                    else _(
                        "Contract %(number)s %(title)s: instalment %(n)d of %(amount)s was due "
                        "on %(day)s and is overdue."
                    )
                )
                text = words % {
                    "number": contract.number,
                    "title": contract.title,
                    "n": instalment.sequence,
                    "amount": instalment.amount,
                    "day": instalment.due_date,
                }
                url = reverse("finance:contract_detail", args=[contract.pk])
                transaction.on_commit(partial(notify_users, community, people, text, url=url))
                told += 1
            ContractInstalment.objects.filter(pk__in=[r.pk for r in rows]).update(**{flag: True})
    return told
