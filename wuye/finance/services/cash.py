"""Cash, petty cash and bank (FIN-04, FIN-05): the journals of the community's money accounts.

Every posting locks the accounts it touches (in id order), refuses a date in a closed month or
ahead of today, never lets an account's balance go below zero on any day, takes a voucher number
without gaps (per account kind and year) and writes one entry per account. Nothing is edited or
deleted: a mistake is reversed by a new entry (冲销).

The counter's money arrives by itself: a confirmed daily closing puts its counted cash into the
cash account, a bank deposit recorded against it moves that much from the cash account to the
deposit bank account — each once (`source`), whatever happens twice.

Cash collected at the counter is never spent (no 坐支, 现金管理暂行条例 §11): the cash account
pays out only into a bank account; expenses and advances come from petty cash or the bank.

Cash on hand — the cash account and the petty cash floats together — above the community's limit
(default ¥2,000) opens a breach: the finance office and the manager are told in the bell and on
their home page until a posting (normally a deposit) brings it back under; the breaches are kept
as a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError
from wuye.core.money import ZERO, q2
from wuye.core.notifications import notify_users
from wuye.core.numbering import next_number
from wuye.core.periods import check_period_open
from wuye.org.models import Community, Membership, User, post_holders

from ..choices import CASH_KINDS, AccountKind, AdvanceStatus, EntryKind
from ..models import CashLimitBreach, FinanceSettings, FundAccount, JournalEntry, PettyAdvance

VOUCHER_PREFIX = {AccountKind.CASH: "XJ", AccountKind.PETTY: "BY", AccountKind.BANK: "YH"}

NO_SPENDING_TAKINGS = (
    "现金管理暂行条例第十一条：收银收取的现金不得坐支，只能存入银行；"
    "费用和借支请从备用金或银行账户支付。"
)


# --- Settings ----------------------------------------------------------------------------------


def settings_for(community: Any) -> FinanceSettings:
    """The community's finance settings; the defaults until edited."""
    return FinanceSettings.objects.filter(community=community).first() or FinanceSettings(
        community=community
    )


@transaction.atomic
def save_settings(
    *,
    community: Any,
    actor: User,
    cash_limit: Decimal,
    claim_company_over: Decimal | None = None,
    budget_alert_percent: Decimal | None = None,
) -> FinanceSettings:
    require(actor, community, "finance.settings.change", _("You may not change these settings."))
    cash_limit = q2(cash_limit)
    if cash_limit <= 0:
        raise DomainError(_("The limit must be more than zero."), field="cash_limit")
    _lock_community(community)
    settings = settings_for(community)
    settings.cash_limit = cash_limit
    if claim_company_over is not None:
        if q2(claim_company_over) <= 0:
            raise DomainError(_("The limit must be more than zero."), field="claim_company_over")
        settings.claim_company_over = q2(claim_company_over)
    if budget_alert_percent is not None:
        if not 0 <= budget_alert_percent <= 100:
            raise DomainError(_("A percentage from 0 to 100."), field="budget_alert_percent")
        settings.budget_alert_percent = q2(budget_alert_percent)
    if settings.pk is None:
        settings.created_by = actor
    settings.save()
    record_event(
        verb="finance.settings_saved",
        actor=actor,
        community=community,
        target=settings,
        message=_("Cash on hand limit set to %(limit)s") % {"limit": cash_limit},
    )
    _watch_cash_limit(community, None, actor)
    return settings


# --- Accounts ----------------------------------------------------------------------------------


def _check_account_fields(
    community: Any, kind: str, custodian: User | None, receives_deposits: bool, pk: int | None
) -> None:
    if receives_deposits and kind != AccountKind.BANK:
        raise DomainError(
            _("Only a bank account receives the cash deposits."), field="receives_deposits"
        )
    if kind == AccountKind.CASH:
        other = FundAccount.objects.filter(community=community, kind=AccountKind.CASH)
        if pk is not None:
            other = other.exclude(pk=pk)
        if other.exists():
            raise DomainError(
                _("The counter's cash has one account per service center already."), field="kind"
            )
    if kind == AccountKind.PETTY and custodian is None:
        raise DomainError(_("A petty cash float has a custodian."), field="custodian")
    if (
        custodian is not None
        and not Membership.objects.filter(
            community=community, user=custodian, is_active=True
        ).exists()
    ):
        raise DomainError(_("Choose a member of staff of this service center."), field="custodian")


def _only_deposit_account(community: Any, account: FundAccount) -> None:
    if account.receives_deposits:
        FundAccount.objects.filter(community=community, receives_deposits=True).exclude(
            pk=account.pk
        ).update(receives_deposits=False)


@transaction.atomic
def add_account(
    *,
    community: Any,
    actor: User,
    kind: str,
    name: str,
    opening_date: dt.date,
    opening_balance: Decimal = ZERO,
    bank_name: str = "",
    account_number: str = "",
    custodian: User | None = None,
    float_amount: Decimal = ZERO,
    receives_deposits: bool = False,
    is_active: bool = True,
) -> FundAccount:
    require(actor, community, "finance.account.change", _("You may not keep money accounts."))
    _lock_community(community)
    _check_account_fields(community, kind, custodian, receives_deposits, None)
    if q2(opening_balance) < 0 or q2(float_amount) < 0:
        raise DomainError(_("Amounts cannot be negative."), field="opening_balance")
    if FundAccount.objects.filter(community=community, name=name.strip()).exists():
        raise DomainError(_("Another account has this name."), field="name")
    account = FundAccount(
        community=community,
        kind=kind,
        name=name.strip(),
        bank_name=bank_name.strip(),
        account_number=account_number.strip(),
        custodian=custodian,
        float_amount=q2(float_amount),
        opening_balance=q2(opening_balance),
        opening_date=opening_date,
        receives_deposits=receives_deposits,
        is_active=is_active,
        created_by=actor,
    )
    _only_deposit_account(community, account)
    account.save()
    record_event(verb="account.added", actor=actor, community=community, target=account)
    if kind in CASH_KINDS and account.opening_balance:
        _watch_cash_limit(community, None, actor)
    return account


@transaction.atomic
def change_account(
    account: FundAccount,
    *,
    actor: User,
    kind: str,
    name: str,
    opening_date: dt.date,
    opening_balance: Decimal = ZERO,
    bank_name: str = "",
    account_number: str = "",
    custodian: User | None = None,
    float_amount: Decimal = ZERO,
    receives_deposits: bool = False,
    is_active: bool = True,
) -> FundAccount:
    """Names, bank details, custodian and float change freely; the kind, the opening balance
    and its date only while the account has no entries (they would change every balance)."""
    community = account.community
    require(actor, community, "finance.account.change", _("You may not keep money accounts."))
    _lock_community(community)
    account = FundAccount.objects.select_for_update().get(pk=account.pk)
    has_entries = account.entries.exists()
    if has_entries and (
        kind != account.kind
        or q2(opening_balance) != account.opening_balance
        or opening_date != account.opening_date
    ):
        raise DomainError(
            _(
                "The account has entries: its kind, opening balance and opening date can no "
                "longer change."
            ),
            field="opening_balance",
        )
    _check_account_fields(community, kind, custodian, receives_deposits, account.pk)
    if q2(opening_balance) < 0 or q2(float_amount) < 0:
        raise DomainError(_("Amounts cannot be negative."), field="opening_balance")
    if (
        FundAccount.objects.filter(community=community, name=name.strip())
        .exclude(pk=account.pk)
        .exists()
    ):
        raise DomainError(_("Another account has this name."), field="name")
    if not is_active and account.is_active and balance(account) != 0:
        raise DomainError(
            _("Only an account whose balance is zero can be taken out of use."),
            field="is_active",
        )
    if not is_active and account.is_active and outstanding_advances(account):
        raise DomainError(
            _("Advances paid from this float are still out; settle them first."),
            field="is_active",
        )
    account.kind = kind
    account.name = name.strip()
    account.bank_name = bank_name.strip()
    account.account_number = account_number.strip()
    account.custodian = custodian
    account.float_amount = q2(float_amount)
    account.opening_balance = q2(opening_balance)
    account.opening_date = opening_date
    account.receives_deposits = receives_deposits
    account.is_active = is_active
    _only_deposit_account(community, account)
    account.save()
    record_event(verb="account.changed", actor=actor, community=community, target=account)
    _watch_cash_limit(community, None, actor)
    return account


def _lock_community(community: Any) -> None:
    """The community's row stands for its accounts and its cash on hand while a posting that
    moves cash decides (one breach open at a time, one counter cash account)."""
    Community.objects.select_for_update().filter(pk=community.pk).values_list("pk").first()


def _standard_account(
    community: Any, kind: str, actor: User | None, opened: dt.date
) -> FundAccount:
    """The counter's cash account, or the bank account the deposits go to — made (with a
    plain name FIN can change, opened on `opened`) the first time the counter needs it."""
    if kind == AccountKind.CASH:
        found = FundAccount.objects.filter(community=community, kind=AccountKind.CASH).first()
        name, receives = "库存现金", False
    else:
        found = FundAccount.objects.filter(community=community, receives_deposits=True).first()
        name, receives = "银行存款（收款账户）", True
    if found is not None:
        return found
    if FundAccount.objects.filter(community=community, name=name).exists():
        name = f"{name}{timezone.localdate():%Y%m%d}"
    try:
        with transaction.atomic():
            return FundAccount.objects.create(
                community=community,
                kind=kind,
                name=name,
                opening_date=min(opened, timezone.localdate()),
                receives_deposits=receives,
                created_by=actor,
            )
    except IntegrityError:  # made by another transaction meanwhile
        if kind == AccountKind.CASH:
            return FundAccount.objects.get(community=community, kind=AccountKind.CASH)
        return FundAccount.objects.get(community=community, receives_deposits=True)


# --- Balances ----------------------------------------------------------------------------------


def _net(entries: Any) -> Decimal:
    sums = entries.aggregate(i=Sum("amount_in"), o=Sum("amount_out"))
    return q2(sums["i"]) - q2(sums["o"])


def balance(account: FundAccount, on: dt.date | None = None) -> Decimal:
    """The account's balance at the end of `on` (today's and later entries included if None)."""
    entries = JournalEntry.objects.filter(account=account)
    if on is not None:
        entries = entries.filter(date__lte=on)
    # The opening balance stands from the opening date; nothing is entered before it.
    return account.opening_balance + _net(entries)


def balance_before(account: FundAccount, day: dt.date) -> Decimal:
    return balance(account, day - dt.timedelta(days=1))


def cash_on_hand(community: Any) -> Decimal:
    """The cash the community holds: the counter's cash account and the petty cash floats."""
    accounts = FundAccount.objects.filter(community=community, kind__in=CASH_KINDS)
    opening = q2(accounts.aggregate(total=Sum("opening_balance"))["total"])
    return opening + _net(JournalEntry.objects.filter(account__in=accounts))


def _lowest_balance_from(account: FundAccount, day: dt.date) -> tuple[Decimal, dt.date]:
    """The lowest end-of-day balance from `day` on, and the day it falls on."""
    running = balance_before(account, day)
    lowest, lowest_day = None, day
    days = (
        JournalEntry.objects.filter(account=account, date__gte=day)
        .order_by()
        .values("date")
        .annotate(i=Sum("amount_in"), o=Sum("amount_out"))
        .order_by("date")
    )
    for row in days:
        running += q2(row["i"]) - q2(row["o"])
        if lowest is None or running < lowest:
            lowest, lowest_day = running, row["date"]
    return (running if lowest is None else lowest), lowest_day


def journal(account: FundAccount, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The account's journal from `start` to `end`: the balance brought forward, each entry with
    its running balance, the totals and the balance carried forward."""
    opening = balance_before(account, start)
    running = opening
    rows = []
    entries = (
        JournalEntry.objects.filter(account=account, date__gte=start, date__lte=end)
        .select_related("reversal_of", "cashier", "created_by")
        .order_by("date", "id")
    )
    total_in = total_out = ZERO
    for entry in entries:
        running += entry.amount_in - entry.amount_out
        total_in += entry.amount_in
        total_out += entry.amount_out
        rows.append({"entry": entry, "balance": running})
    return {
        "opening": opening,
        "rows": rows,
        "total_in": total_in,
        "total_out": total_out,
        "closing": running,
    }


def daily_balances(account: FundAccount, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Each day with entries between `start` and `end`: opening, in, out, closing."""
    running = balance_before(account, start)
    days = (
        JournalEntry.objects.filter(account=account, date__gte=start, date__lte=end)
        .order_by()
        .values("date")
        .annotate(i=Sum("amount_in"), o=Sum("amount_out"))
        .order_by("date")
    )
    result = []
    for row in days:
        money_in, money_out = q2(row["i"]), q2(row["o"])
        result.append(
            {
                "day": row["date"],
                "opening": running,
                "in": money_in,
                "out": money_out,
                "closing": running + money_in - money_out,
            }
        )
        running += money_in - money_out
    return result


def monthly_balances(account: FundAccount, year: int) -> list[dict[str, Any]]:
    """The twelve months of `year`: opening, in, out, closing (months without entries too)."""
    start = dt.date(year, 1, 1)
    running = balance_before(account, start)
    sums = {
        row["month"]: (q2(row["i"]), q2(row["o"]))
        for row in JournalEntry.objects.filter(account=account, date__year=year)
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(i=Sum("amount_in"), o=Sum("amount_out"))
    }
    by_month = {(m.year, m.month): v for m, v in sums.items()}
    result = []
    for month in range(1, 13):
        money_in, money_out = by_month.get((year, month), (ZERO, ZERO))
        result.append(
            {
                "month": dt.date(year, month, 1),
                "opening": running,
                "in": money_in,
                "out": money_out,
                "closing": running + money_in - money_out,
            }
        )
        running += money_in - money_out
    return result


def counter_cash_tie(community: Any) -> dict[str, Any]:
    """The cash account against the counter's closings: the counted cash of the confirmed days
    not yet handed to the bank should be what the cash account holds (less what finance put in
    or took out by hand), and the last confirmed day's count is shown beside it."""
    from wuye.billing.choices import ClosingStatus
    from wuye.billing.models import DailyClosing

    account = FundAccount.objects.filter(community=community, kind=AccountKind.CASH).first()
    confirmed = DailyClosing.objects.filter(community=community, status=ClosingStatus.CONFIRMED)
    sums = confirmed.aggregate(counted=Sum("counted_cash"), banked=Sum("bank_amount"))
    from_closings = q2(sums["counted"]) - q2(sums["banked"])
    last = confirmed.order_by("-business_date", "-confirmed_at").select_related("cashier").first()
    book = balance(account) if account is not None else ZERO
    by_hand = (
        account.opening_balance + _net(JournalEntry.objects.filter(account=account, source=""))
        if account is not None
        else ZERO
    )
    return {
        "account": account,
        "book": book,
        "from_closings": from_closings,
        "by_hand": by_hand,
        "difference": book - by_hand - from_closings,
        "last_closing": last,
    }


# --- Postings ----------------------------------------------------------------------------------


def _lock_accounts(accounts: Iterable[FundAccount]) -> dict[int, FundAccount]:
    ids = sorted({a.pk for a in accounts})
    locked = {a.pk: a for a in FundAccount.objects.select_for_update().filter(pk__in=ids)}
    return {pk: locked[pk] for pk in ids}


def _check_day(community: Any, day: dt.date, account: FundAccount, field: str = "date") -> None:
    if day > timezone.localdate():
        raise DomainError(_("An entry is written when the money moves, not ahead."), field=field)
    if day < account.opening_date:
        raise DomainError(
            _("%(account)s opened on %(day)s; nothing is entered before that.")
            % {"account": account, "day": account.opening_date},
            field=field,
        )
    check_period_open(community, day)


def _post(
    account: FundAccount,
    *,
    day: dt.date,
    kind: str,
    summary: str,
    money_in: Decimal = ZERO,
    money_out: Decimal = ZERO,
    actor: User | None,
    counterparty: str = "",
    source: str = "",
    cashier: User | None = None,
    reversal_of: JournalEntry | None = None,
    advance: PettyAdvance | None = None,
) -> JournalEntry:
    """One entry in a locked account (the caller checked the day and the amounts)."""
    kind_of_account = AccountKind(account.kind)
    return JournalEntry.objects.create(
        community_id=account.community_id,
        account=account,
        date=day,
        voucher_no=next_number(
            account.community_id,
            f"journal.{kind_of_account.value}",
            prefix=VOUCHER_PREFIX[kind_of_account],
            width=5,
        ),
        kind=kind,
        summary=summary[:120],
        counterparty=counterparty[:100],
        amount_in=q2(money_in),
        amount_out=q2(money_out),
        source=source,
        cashier=cashier,
        reversal_of=reversal_of,
        advance=advance,
        created_by=actor,
    )


def _check_funds(account: FundAccount, day: dt.date, field: str = "amount") -> None:
    """After a money-out entry: the account may not fall below zero on that day or any later."""
    lowest, on = _lowest_balance_from(account, day)
    if lowest < 0:
        raise DomainError(
            _("%(account)s would be %(amount)s short on %(day)s: there is not that much in it.")
            % {"account": account, "amount": -lowest, "day": on},
            field=field,
        )


def _positive(amount: Decimal, field: str = "amount") -> Decimal:
    amount = q2(amount)
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), field=field)
    return amount


def _usable(account: FundAccount, community: Any, field: str = "account") -> None:
    if account.community_id != community.pk:
        raise DomainError(_("Choose an account of this service center."), field=field)
    if not account.is_active:
        raise DomainError(_("This account is no longer in use."), field=field)


def _after_cash_moved(community: Any, entries: Iterable[JournalEntry], actor: User | None) -> None:
    touched = [e for e in entries if e.account.kind in CASH_KINDS]
    if touched:
        _watch_cash_limit(community, touched[-1], actor)


@transaction.atomic
def record_entry(
    *,
    community: Any,
    actor: User,
    account: FundAccount,
    date: dt.date,
    kind: str,
    amount: Decimal,
    summary: str,
    counterparty: str = "",
    direction: str = "",
) -> JournalEntry:
    """An entry finance writes by hand: other income, an expense paid (petty cash or bank only),
    a bank's charges or interest. Transfers, advances and the counter's money have their own
    services."""
    require(actor, community, "finance.journal.change", _("You may not write journal entries."))
    _usable(account, community)
    amount = _positive(amount)
    if kind not in (EntryKind.INCOME, EntryKind.EXPENSE, EntryKind.BANK_CHARGE):
        raise DomainError(
            _("Transfers, advances and the counter's takings are entered by their own forms."),
            field="kind",
        )
    if kind == EntryKind.EXPENSE and account.kind == AccountKind.CASH:
        raise DomainError(NO_SPENDING_TAKINGS, field="account")
    if kind == EntryKind.BANK_CHARGE and account.kind != AccountKind.BANK:
        raise DomainError(_("Bank charges and interest are a bank account's."), field="kind")
    if kind == EntryKind.BANK_CHARGE:
        if direction not in ("in", "out"):
            raise DomainError(
                _("Say whether the money came in (interest) or went out (charges)."),
                field="direction",
            )
        money_in = direction == "in"
    else:
        money_in = kind == EntryKind.INCOME
        if direction and direction != ("in" if money_in else "out"):
            raise DomainError(_("Income comes in and an expense goes out."), field="direction")
    if not summary.strip():
        raise DomainError(_("Write the summary (摘要)."), field="summary")
    if account.kind in CASH_KINDS:
        _lock_community(community)
    account = _lock_accounts([account])[account.pk]
    _check_day(community, date, account)
    entry = _post(
        account,
        day=date,
        kind=kind,
        summary=summary.strip(),
        counterparty=counterparty.strip(),
        money_in=amount if money_in else ZERO,
        money_out=ZERO if money_in else amount,
        actor=actor,
    )
    if not money_in:
        _check_funds(account, date)
    record_event(verb="journal.entered", actor=actor, community=community, target=entry)
    _after_cash_moved(community, [entry], actor)
    return entry


def pay_expense(
    *,
    community: Any,
    actor: User,
    account: FundAccount,
    date: dt.date,
    amount: Decimal,
    summary: str,
    counterparty: str = "",
    field: str = "account",
) -> JournalEntry:
    """An expense paid from petty cash or a bank account (an expense claim's payment): one
    entry, inside the caller's transaction; never from the counter's cash (坐支)."""
    _usable(account, community, field=field)
    if account.kind == AccountKind.CASH:
        raise DomainError(NO_SPENDING_TAKINGS, field=field)
    amount = _positive(amount)
    if account.kind in CASH_KINDS:
        _lock_community(community)
    account = _lock_accounts([account])[account.pk]
    _check_day(community, date, account)
    entry = _post(
        account,
        day=date,
        kind=EntryKind.EXPENSE,
        summary=summary,
        counterparty=counterparty,
        money_out=amount,
        actor=actor,
    )
    _check_funds(account, date, field=field)
    _after_cash_moved(community, [entry], actor)
    return entry


def receive_income(
    *,
    community: Any,
    actor: User,
    account: FundAccount,
    date: dt.date,
    amount: Decimal,
    summary: str,
    counterparty: str = "",
    field: str = "account",
) -> JournalEntry:
    """Money received outside the counter (a contract's instalment) into a bank account or a
    petty cash float: one entry, inside the caller's transaction. The counter's cash account
    holds the counter's takings only (its tie to the closings)."""
    _usable(account, community, field=field)
    if account.kind == AccountKind.CASH:
        raise DomainError(
            _(
                "The counter's cash account holds the counter's takings only; choose a bank account."
            ),
            field=field,
        )
    amount = _positive(amount)
    if account.kind in CASH_KINDS:
        _lock_community(community)
    account = _lock_accounts([account])[account.pk]
    _check_day(community, date, account)
    entry = _post(
        account,
        day=date,
        kind=EntryKind.INCOME,
        summary=summary,
        counterparty=counterparty,
        money_in=amount,
        actor=actor,
    )
    _after_cash_moved(community, [entry], actor)
    return entry


def _transfer(
    community: Any,
    source: FundAccount,
    target: FundAccount,
    *,
    day: dt.date,
    amount: Decimal,
    summary: str,
    actor: User | None,
    key: str = "",
    cashier: User | None = None,
) -> tuple[JournalEntry, JournalEntry]:
    """Money from one locked account to another: two entries, each the other's leg."""
    kind = (
        EntryKind.DEPOSIT
        if source.kind == AccountKind.CASH and target.kind == AccountKind.BANK
        else EntryKind.TRANSFER
    )
    out = _post(
        source,
        day=day,
        kind=kind,
        summary=summary,
        money_out=amount,
        counterparty=target.name,
        actor=actor,
        source=key,
        cashier=cashier,
    )
    into = _post(
        target,
        day=day,
        kind=kind,
        summary=summary,
        money_in=amount,
        counterparty=source.name,
        actor=actor,
        source=key,
        cashier=cashier,
    )
    out.counter_entry = into
    out.save(update_fields=["counter_entry"])
    into.counter_entry = out
    into.save(update_fields=["counter_entry"])
    _check_funds(source, day)
    return out, into


@transaction.atomic
def transfer(
    account: FundAccount,
    *,
    actor: User,
    to_account: FundAccount,
    date: dt.date,
    amount: Decimal,
    summary: str = "",
) -> JournalEntry:
    """Money moved from `account` to `to_account`: cash to the bank (a deposit), the bank to a
    petty cash float (topping it up), between banks. The counter's cash goes only to a bank."""
    community = account.community
    require(actor, community, "finance.journal.change", _("You may not write journal entries."))
    _usable(account, community)
    _usable(to_account, community, field="to_account")
    if to_account.pk == account.pk:
        raise DomainError(_("Choose another account to move the money to."), field="to_account")
    if account.kind == AccountKind.CASH and to_account.kind != AccountKind.BANK:
        raise DomainError(NO_SPENDING_TAKINGS, field="to_account")
    amount = _positive(amount)
    if account.kind in CASH_KINDS or to_account.kind in CASH_KINDS:
        _lock_community(community)
    locked = _lock_accounts([account, to_account])
    source, target = locked[account.pk], locked[to_account.pk]
    _check_day(community, date, source)
    _check_day(community, date, target)
    if not summary.strip():
        summary = (
            _("Cash handed to the bank")
            if source.kind == AccountKind.CASH
            else _("Transfer to %(account)s") % {"account": target}
        )
    out, into = _transfer(
        community, source, target, day=date, amount=amount, summary=summary.strip(), actor=actor
    )
    record_event(
        verb="journal.transfer",
        actor=actor,
        community=community,
        target=out,
        message=_("%(amount)s from %(source)s to %(target)s")
        % {"amount": amount, "source": source, "target": target},
    )
    _after_cash_moved(community, [out, into], actor)
    return out


@transaction.atomic
def reverse_entry(entry: JournalEntry, *, actor: User, reason: str) -> JournalEntry:
    """A mistaken entry reversed today by its opposite (both legs of a transfer). The counter's
    entries are put right in the closing they come from; an advance by settling it."""
    community = entry.community
    require(actor, community, "finance.journal.change", _("You may not write journal entries."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the reversal."), field="reason")
    entry = JournalEntry.objects.select_related("account").get(pk=entry.pk)
    if entry.source:
        raise DomainError(
            _(
                "This entry comes from the counter's daily closing; correct the closing's bank "
                "deposit instead."
            )
        )
    if entry.advance_id is not None:
        raise DomainError(_("An advance is put right by settling it."))
    if JournalEntry.objects.filter(pk=entry.pk, claim__isnull=False).exists():
        raise DomainError(_("This entry pays an expense claim; it is not reversed by hand."))
    if JournalEntry.objects.filter(pk=entry.pk, instalment__isnull=False).exists():
        raise DomainError(
            _("This entry settles a contract's instalment; it is not reversed by hand.")
        )
    if entry.kind == EntryKind.REVERSAL:
        raise DomainError(_("A reversal is not reversed; write the entry again instead."))
    ids = [entry.pk] + ([entry.counter_entry_id] if entry.counter_entry_id else [])
    legs = sorted(
        JournalEntry.objects.select_related("account").filter(pk__in=ids),
        key=lambda leg: leg.pk != entry.pk,  # the entry itself first
    )
    if any(account.kind in CASH_KINDS for account in (leg.account for leg in legs)):
        _lock_community(community)
    locked = _lock_accounts([leg.account for leg in legs])
    if JournalEntry.objects.filter(reversal_of__in=legs).exists():
        raise DomainError(_("This entry has been reversed already."))
    today = timezone.localdate()
    check_period_open(community, today)
    reversals = []
    for leg in legs:
        account = locked[leg.account_id]
        reversals.append(
            _post(
                account,
                day=today,
                kind=EntryKind.REVERSAL,
                summary=_("Reversal of %(voucher)s: %(reason)s")
                % {"voucher": leg.voucher_no, "reason": reason},
                counterparty=leg.counterparty,
                money_in=leg.amount_out,
                money_out=leg.amount_in,
                actor=actor,
                reversal_of=leg,
                cashier=leg.cashier,
            )
        )
    for leg in legs:
        if leg.amount_in:  # its reversal takes the money out again
            _check_funds(locked[leg.account_id], today, field="reason")
    record_event(
        verb="journal.reversed",
        actor=actor,
        community=community,
        target=entry,
        message=reason,
    )
    _after_cash_moved(community, reversals, actor)
    return reversals[0]


# --- Petty cash advances -----------------------------------------------------------------------


@transaction.atomic
def issue_advance(
    *,
    community: Any,
    actor: User,
    account: FundAccount,
    borrower: User,
    amount: Decimal,
    purpose: str,
    issued_on: dt.date,
) -> PettyAdvance:
    """Cash advanced from a petty cash float to a member of staff (借支)."""
    require(actor, community, "finance.advance.change", _("You may not pay or settle advances."))
    _usable(account, community)
    if account.kind != AccountKind.PETTY:
        raise DomainError(
            NO_SPENDING_TAKINGS
            if account.kind == AccountKind.CASH
            else _("Advances are paid from a petty cash float."),
            field="account",
        )
    if not Membership.objects.filter(community=community, user=borrower, is_active=True).exists():
        raise DomainError(_("Choose a member of staff of this service center."), field="borrower")
    amount = _positive(amount)
    if not purpose.strip():
        raise DomainError(_("Say what the advance is for."), field="purpose")
    _lock_community(community)
    account = _lock_accounts([account])[account.pk]
    _check_day(community, issued_on, account, field="issued_on")
    advance = PettyAdvance.objects.create(
        community=community,
        number=next_number(community, "petty.advance", prefix="JZ", width=4),
        account=account,
        borrower=borrower,
        amount=amount,
        purpose=purpose.strip(),
        issued_on=issued_on,
        created_by=actor,
    )
    entry = _post(
        account,
        day=issued_on,
        kind=EntryKind.ADVANCE,
        summary=_("Advance %(number)s: %(purpose)s")
        % {"number": advance.number, "purpose": advance.purpose},
        counterparty=borrower.display_name,
        money_out=amount,
        actor=actor,
        advance=advance,
    )
    _check_funds(account, issued_on)
    record_event(verb="advance.issued", actor=actor, community=community, target=advance)
    _after_cash_moved(community, [entry], actor)
    return advance


@transaction.atomic
def settle_advance(
    advance: PettyAdvance,
    *,
    actor: User,
    spent: Decimal,
    settled_on: dt.date,
    settlement_note: str = "",
) -> PettyAdvance:
    """The borrower brings the receipts for what was `spent`: the rest of the cash comes back
    into the float, or the float pays him what he laid out over the advance."""
    community = advance.community
    require(actor, community, "finance.advance.change", _("You may not pay or settle advances."))
    spent = q2(spent)
    if spent < 0:
        raise DomainError(_("What was spent cannot be negative."), field="spent")
    _lock_community(community)
    advance = PettyAdvance.objects.select_for_update().get(pk=advance.pk)
    if advance.status != AdvanceStatus.OUTSTANDING:
        raise DomainError(_("This advance has been settled already."))
    if settled_on < advance.issued_on:
        raise DomainError(_("An advance is settled after it was paid."), field="settled_on")
    account = _lock_accounts([advance.account])[advance.account_id]
    _check_day(community, settled_on, account, field="settled_on")
    note = settlement_note.strip()
    entries = []
    returned = advance.amount - spent
    if returned:
        entries.append(
            _post(
                account,
                day=settled_on,
                kind=EntryKind.ADVANCE_RETURN if returned > 0 else EntryKind.EXPENSE,
                summary=(
                    _("Advance %(number)s settled: cash returned")
                    if returned > 0
                    else _("Advance %(number)s settled: spent over the advance, paid back")
                )
                % {"number": advance.number},
                counterparty=advance.borrower.display_name,
                money_in=max(returned, ZERO),
                money_out=max(-returned, ZERO),
                actor=actor,
                advance=advance,
            )
        )
        if returned < 0:
            _check_funds(account, settled_on, field="spent")
    advance.status = AdvanceStatus.SETTLED
    advance.spent = spent
    advance.settled_on = settled_on
    advance.settlement_note = note
    advance.save(update_fields=["status", "spent", "settled_on", "settlement_note", "updated_at"])
    record_event(
        verb="advance.settled",
        actor=actor,
        community=community,
        target=advance,
        message=_("Spent %(spent)s of %(amount)s") % {"spent": spent, "amount": advance.amount},
    )
    _after_cash_moved(community, entries, actor)
    return advance


def outstanding_advances(account: FundAccount) -> Decimal:
    return q2(
        PettyAdvance.objects.filter(account=account, status=AdvanceStatus.OUTSTANDING).aggregate(
            total=Sum("amount")
        )["total"]
    )


def top_up_needed(account: FundAccount) -> Decimal:
    """What brings a petty cash float back to its fixed amount: the float less the cash in it
    and the advances still out (定额备用金)."""
    if account.kind != AccountKind.PETTY:
        return ZERO
    return max(account.float_amount - balance(account) - outstanding_advances(account), ZERO)


# --- The counter's money (billing's signals) ---------------------------------------------------


def closing_confirmed(closing: Any, actor: User | None) -> JournalEntry | None:
    """A confirmed day's counted cash into the cash account, once (called inside billing's
    transaction, so a closed month refuses the confirmation itself)."""
    counted = q2(closing.counted_cash)
    if counted <= 0:
        return None
    community = closing.community
    key = f"closing:{closing.pk}"
    _lock_community(community)
    account = _standard_account(community, AccountKind.CASH, actor, closing.business_date)
    account = _lock_accounts([account])[account.pk]
    if JournalEntry.objects.filter(account=account, source=key).exists():
        return None
    day = max(closing.business_date, account.opening_date)
    check_period_open(community, day)
    entry = _post(
        account,
        day=day,
        kind=EntryKind.CLOSING,
        summary=_("Counter takings of %(day)s, %(cashier)s")
        % {"day": closing.business_date, "cashier": closing.cashier.display_name},
        counterparty=closing.cashier.display_name,
        money_in=counted,
        actor=actor,
        source=key,
        cashier=closing.cashier,
    )
    _after_cash_moved(community, [entry], actor)
    return entry


def closing_banked(closing: Any, actor: User | None) -> JournalEntry | None:
    """A day's cash handed to the bank: from the cash account to the deposit account, once per
    recorded deposit; a corrected deposit reverses the one it replaces."""
    closing = type(closing).objects.select_related("community", "cashier").get(pk=closing.pk)
    community = closing.community
    amount = q2(closing.bank_amount)
    if amount <= 0:
        return None
    day = closing.bank_date or timezone.localdate()
    if day > timezone.localdate() or day < closing.business_date:
        raise DomainError(
            _("The cash is handed to the bank on or after its day, and not ahead of today."),
            field="bank_date",
        )
    _lock_community(community)
    cash = _standard_account(community, AccountKind.CASH, actor, closing.business_date)
    bank = _standard_account(community, AccountKind.BANK, actor, day)
    prefix = f"deposit:{closing.pk}"
    legs = list(
        JournalEntry.objects.filter(source__startswith=prefix, community=community)
        .filter(Q(source=prefix) | Q(source__startswith=f"{prefix}:"))
        .select_related("account")
        .order_by("id")
    )
    # Every account a deposit of this day ever went through: the deposit account may have
    # changed since, and a correction takes money out of the old one.
    locked = _lock_accounts([cash, bank, *(leg.account for leg in legs)])
    cash, bank = locked[cash.pk], locked[bank.pk]
    closing_confirmed(closing, actor)  # its cash is in the account before it leaves
    live = [leg for leg in legs if leg.kind == EntryKind.DEPOSIT and not _reversed(leg)]
    current = next((leg for leg in live if leg.account_id == cash.pk), None)
    day = max(day, cash.opening_date, bank.opening_date)
    if current is not None and current.amount_out == amount and current.date == day:
        return None  # recorded already
    check_period_open(community, day)
    cashier = closing.cashier
    touched: dict[int, dt.date] = {}
    if current is not None:  # a corrected deposit: the one recorded before is reversed
        for leg in live:
            undone = max(day, leg.date)  # never before the entry it reverses
            touched[leg.account_id] = min(touched.get(leg.account_id, undone), undone)
            _post(
                locked[leg.account_id],
                day=undone,
                kind=EntryKind.REVERSAL,
                summary=_("Reversal of %(voucher)s: deposit corrected")
                % {"voucher": leg.voucher_no},
                counterparty=leg.counterparty,
                money_in=leg.amount_out,
                money_out=leg.amount_in,
                actor=actor,
                reversal_of=leg,
                cashier=cashier,
                source=f"{leg.source}:r",
            )
    count = len({leg.source for leg in legs if leg.kind == EntryKind.DEPOSIT})
    key = prefix if count == 0 else f"{prefix}:{count + 1}"
    out, into = _transfer(
        community,
        cash,
        bank,
        day=day,
        amount=amount,
        summary=_("Takings of %(day)s to the bank, slip %(slip)s")
        % {"day": closing.business_date, "slip": closing.bank_reference},
        actor=actor,
        key=key,
        cashier=cashier,
    )
    for account_id, since in touched.items():  # no account short after the correction
        _check_funds(locked[account_id], min(since, day), field="bank_amount")
    _after_cash_moved(community, [out, into], actor)
    return out


def on_closing_confirmed(sender: Any, *, closing: Any, actor: Any, **kwargs: Any) -> None:
    closing_confirmed(closing, actor)


def on_closing_banked(sender: Any, *, closing: Any, actor: Any, **kwargs: Any) -> None:
    closing_banked(closing, actor)


def _reversed(entry: JournalEntry) -> bool:
    return JournalEntry.objects.filter(reversal_of=entry).exists()


# --- The cash on hand limit (FIN-04) -----------------------------------------------------------


def _watch_cash_limit(community: Any, entry: JournalEntry | None, actor: User | None) -> None:
    """Open a breach when the cash on hand goes over the limit, follow its peak, close it when
    the cash is back under. The caller holds the community's lock."""
    limit = settings_for(community).cash_limit
    held = cash_on_hand(community)
    breach = CashLimitBreach.objects.filter(community=community, ended_at__isnull=True).first()
    now = timezone.now()
    if held > limit:
        if breach is None:
            if entry is None:  # a lower limit set in the settings: the last cash entry opened it
                entry = (
                    JournalEntry.objects.filter(community=community, account__kind__in=CASH_KINDS)
                    .order_by("-id")
                    .first()
                )
                if entry is None:
                    return
            CashLimitBreach.objects.create(
                community=community,
                started_at=now,
                limit=limit,
                peak=held,
                started_by=entry,
                created_by=actor,
            )
            text = _(
                "Cash on hand is %(held)s, over the limit of %(limit)s: hand the cash over the "
                "limit to the bank today."
            ) % {"held": held, "limit": limit}
            url = reverse("finance:cashlimitbreach_list")
            transaction.on_commit(
                lambda: notify_users(
                    community, post_holders(community, ("FIN", "MGR")), text, url=url
                )
            )
        elif held > breach.peak:
            breach.peak = held
            breach.save(update_fields=["peak", "updated_at"])
    elif breach is not None:
        breach.ended_at = now
        breach.ended_by = entry
        breach.save(update_fields=["ended_at", "ended_by", "updated_at"])


def open_breach(community: Any) -> CashLimitBreach | None:
    return CashLimitBreach.objects.filter(community=community, ended_at__isnull=True).first()
