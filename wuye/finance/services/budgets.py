"""Budgets and their execution (FIN-08, MGR-5).

A year's budget is a version: finance starts a draft (the standard lines, or a copy of the
version in force when revising), fills it from Excel in the layout finance offices use (类型,
项目, 1月…12月, 全年合计), and the manager approves it; the version it replaces is kept,
superseded. Nothing approved is changed.

Actuals: an income line counts what was billed for its fee items in the month the service is for
(accrual, cancelled lines left out); an expense line counts its category's paid claims by the day
they were paid. Budget availability for a new claim line counts the claims paid, and those
submitted, reviewed and approved but not yet paid (committed).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.access import require
from wuye.core.audit import record_event
from wuye.core.errors import DomainError, PermissionDeniedError
from wuye.core.excel import ExcelFileError, read_rows
from wuye.core.money import ZERO, q2

from ..choices import BudgetKind, BudgetStatus, ClaimStatus
from ..models import Budget, BudgetLine, ClaimLine, ExpenseCategory
from ..models.budgets import MONTHS
from . import claims as claim_services

# The income lines a budget starts with, and the words that map a fee item to each.
INCOME_LINES = (
    ("物业费", ("物业",)),
    ("停车费", ("停车", "车位")),
    ("公共收益", ("广告", "场地", "公共")),
    ("其他收入", ()),
)
KIND_LABELS = {BudgetKind.INCOME: "收入", BudgetKind.EXPENSE: "支出"}
HEADERS = ["类型", "项目", *[f"{n}月" for n in range(1, 13)], "全年合计"]
COMMITTED = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.REVIEWED,
    ClaimStatus.AWAITING_COMPANY,
    ClaimStatus.APPROVED,
)
FIRST_YEAR = 2000


def in_force(community: Any, year: int) -> Budget | None:
    return Budget.objects.filter(
        community=community, year=year, status=BudgetStatus.APPROVED
    ).first()


def _fee_items(community: Any) -> list[Any]:
    from wuye.billing.models import FeeItem

    return list(FeeItem.objects.filter(community=community).order_by("code"))


def _map_income(name: str, fee_items: list[Any]) -> list[Any]:
    """The fee items an income line counts by default: those whose name has its words; the
    other income line takes those no other line's words take."""
    words = dict(INCOME_LINES)
    if name in words and words[name]:
        return [f for f in fee_items if any(w in f.name for w in words[name])]
    if name == "其他收入":
        taken = [w for _n, ws in INCOME_LINES for w in ws]
        return [f for f in fee_items if not any(w in f.name for w in taken)]
    return []


def _standard_lines(budget: Budget, actor: Any) -> None:
    fee_items = _fee_items(budget.community)
    for position, (name, _words) in enumerate(INCOME_LINES):
        line = BudgetLine.objects.create(
            community=budget.community,
            budget=budget,
            kind=BudgetKind.INCOME,
            name=name,
            position=position,
            created_by=actor,
        )
        line.fee_items.set(_map_income(name, fee_items))
    claim_services.ensure_categories(budget.community, actor)
    categories = ExpenseCategory.objects.filter(community=budget.community, is_active=True)
    for position, category in enumerate(categories.order_by("code")):
        BudgetLine.objects.create(
            community=budget.community,
            budget=budget,
            kind=BudgetKind.EXPENSE,
            name=category.name,
            position=position,
            category=category,
            created_by=actor,
        )


def _copy_lines(source: Budget, budget: Budget, actor: Any) -> None:
    for line in source.lines.prefetch_related("fee_items").order_by("-kind", "position", "id"):
        fee_items = list(line.fee_items.all())
        line.pk = None
        line.id = None
        line._state.adding = True
        line.budget = budget
        line.created_by = actor
        line.save()
        line.fee_items.set(fee_items)


@transaction.atomic
def start_budget(*, community: Any, actor: Any, year: int, note: str = "") -> Budget:
    """A new draft version of the year: a copy of the version in force (a revision), or the
    standard lines at zero."""
    require(actor, community, "finance.budget.change", _("You may not prepare budgets."))
    today = timezone.localdate()
    if not FIRST_YEAR <= year <= today.year + 1:
        raise DomainError(
            _("Budgets are prepared for %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year + 1},
            field="year",
        )
    from wuye.org.models import Community

    Community.objects.select_for_update().filter(pk=community.pk).values_list("pk").first()
    versions = Budget.objects.filter(community=community, year=year)
    if versions.filter(status=BudgetStatus.DRAFT).exists():
        raise DomainError(
            _("A draft of %(year)s is being prepared already; finish it first.") % {"year": year},
            field="year",
        )
    current = versions.filter(status=BudgetStatus.APPROVED).first()
    budget = Budget.objects.create(
        community=community,
        year=year,
        version=(versions.aggregate(v=Max("version"))["v"] or 0) + 1,
        note=(note or "").strip(),
        created_by=actor,
    )
    if current is not None:
        _copy_lines(current, budget, actor)
    else:
        _standard_lines(budget, actor)
    record_event(verb="budget.started", actor=actor, community=community, target=budget)
    return budget


def revise_budget(budget: Budget, *, actor: Any) -> Budget:
    """A revision of the version in force: a new draft, the approved one untouched."""
    if budget.status != BudgetStatus.APPROVED:
        raise DomainError(_("Only the budget in force is revised."))
    return start_budget(community=budget.community, actor=actor, year=budget.year)


def _amount(text: str) -> Decimal:
    text = (text or "").strip().replace(",", "").replace("，", "")
    if not text:
        return ZERO
    value = Decimal(text)
    if (
        not value.is_finite()
        or value < 0
        or value != value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    ):
        raise InvalidOperation
    if value >= Decimal("1000000000000"):
        raise InvalidOperation
    return q2(value)


def parse_budget_rows(community: Any, upload: Any) -> list[dict[str, Any]]:
    """The rows of a budget workbook, or DomainError listing every row that is wrong."""
    try:
        headers, rows = read_rows(upload)
    except ExcelFileError as exc:
        raise DomainError(str(exc), field="file") from None
    headers = [str(h or "").strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if headers not in (HEADERS, HEADERS[:-1]):
        raise DomainError(
            _("The first row must be: %(headers)s (download the template).")
            % {"headers": "、".join(HEADERS)},
            field="file",
        )
    with_total = len(headers) == len(HEADERS)
    categories = {
        c.name: c for c in ExpenseCategory.objects.filter(community=community, is_active=True)
    }
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    errors: list[str] = []
    parsed: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for number, cells in rows:
        cells = [str(c or "").strip() for c in cells] + [""] * len(HEADERS)
        kind = kinds.get(cells[0])
        name = cells[1]
        problems = []
        if kind is None:
            problems.append(_("the kind is 收入 or 支出"))
        if not name or len(name) > 40:
            problems.append(_("the item is 1 to 40 characters"))
        elif kind == BudgetKind.EXPENSE and name not in categories:
            problems.append(_("“%(name)s” is not an expense category in use") % {"name": name})
        elif (str(kind), name) in seen:
            problems.append(_("“%(name)s” appears twice") % {"name": name})
        amounts = []
        for index in range(12):
            try:
                amounts.append(_amount(cells[2 + index]))
            except (InvalidOperation, ValueError):
                problems.append(
                    _("%(month)d月 is not an amount of yuan and fen, 0 or more")
                    % {"month": index + 1}
                )
        if with_total and cells[14] and not problems:
            try:
                total = _amount(cells[14])
            except (InvalidOperation, ValueError):
                total = None
            if total != sum(amounts, ZERO):
                problems.append(
                    _("the year's total %(total)s is not the sum of the months %(sum)s")
                    % {"total": cells[14], "sum": sum(amounts, ZERO)}
                )
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s") % {"row": number, "problems": "；".join(problems)}
            )
            continue
        seen.add((str(kind), name))
        parsed.append(
            {
                "kind": kind,
                "name": name,
                "category": categories.get(name) if kind == BudgetKind.EXPENSE else None,
                "amounts": amounts,
            }
        )
    if errors:
        shown = errors[:20]
        if len(errors) > 20:
            shown.append(_("… and %(n)d more rows.") % {"n": len(errors) - 20})
        raise DomainError("\n".join(shown), field="file")
    if not parsed:
        raise DomainError(_("The workbook has no budget lines."), field="file")
    return parsed


@transaction.atomic
def import_budget(budget: Budget, *, actor: Any, file: Any) -> Budget:
    """The draft's lines replaced by the workbook's, all or nothing."""
    community = budget.community
    require(actor, community, "finance.budget.change", _("You may not prepare budgets."))
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.status != BudgetStatus.DRAFT:
        raise DomainError(_("Only a draft is filled in; start a revision to change a budget."))
    if isinstance(file, list | tuple):  # a command hands every file of its field
        if len(file) != 1:
            raise DomainError(_("Choose one workbook."), field="file")
        file = file[0]
    parsed = parse_budget_rows(community, file)
    kept = {
        line.name: list(line.fee_items.all())
        for line in budget.lines.filter(kind=BudgetKind.INCOME).prefetch_related("fee_items")
    }
    budget.lines.all().delete()
    fee_items = _fee_items(community)
    positions: dict[str, int] = defaultdict(int)
    for row in parsed:
        line = BudgetLine.objects.create(
            community=community,
            budget=budget,
            kind=row["kind"],
            name=row["name"],
            position=positions[row["kind"]],
            category=row["category"],
            created_by=actor,
            **dict(zip(MONTHS, row["amounts"], strict=True)),
        )
        positions[row["kind"]] += 1
        if row["kind"] == BudgetKind.INCOME:
            line.fee_items.set(kept.get(row["name"], _map_income(row["name"], fee_items)))
    record_event(
        verb="budget.imported",
        actor=actor,
        community=community,
        target=budget,
        message=_("%(n)d lines from Excel") % {"n": len(parsed)},
    )
    return budget


@transaction.atomic
def approve_budget(budget: Budget, *, actor: Any) -> Budget:
    """The manager puts a draft in force; the version it replaces is kept, superseded."""
    community = budget.community
    require(actor, community, "finance.budget.approve", _("You may not approve budgets."))
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.status != BudgetStatus.DRAFT:
        raise DomainError(_("Only a draft is approved."))
    if budget.created_by_id == actor.pk:
        raise PermissionDeniedError(_("Someone other than who prepared it approves a budget."))
    if not budget.lines.exists():
        raise DomainError(_("The draft has no lines."))
    Budget.objects.select_for_update().filter(
        community=community, year=budget.year, status=BudgetStatus.APPROVED
    ).update(status=BudgetStatus.SUPERSEDED, updated_at=timezone.now())
    budget.status = BudgetStatus.APPROVED
    budget.approved_by = actor
    budget.approved_at = timezone.now()
    budget.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    record_event(verb="budget.approved", actor=actor, community=community, target=budget)
    return budget


# --- Actuals and execution ---------------------------------------------------------------------


def _zero_months() -> list[Decimal]:
    return [ZERO] * 12


def income_actuals(community_ids: list[int], year: int) -> dict[tuple[int, int], list[Decimal]]:
    """What was billed per (community, fee item) in each month of `year` (the service month)."""
    from wuye.billing.models import BillLine

    result: dict[tuple[int, int], list[Decimal]] = defaultdict(_zero_months)
    rows = (
        BillLine.objects.filter(
            community_id__in=community_ids,
            cancelled=False,
            period__gte=dt.date(year, 1, 1),
            period__lt=dt.date(year + 1, 1, 1),
        )
        .order_by()
        .annotate(month=ExtractMonth("period"))
        .values("community_id", "fee_item_id", "month")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        result[(row["community_id"], row["fee_item_id"])][row["month"] - 1] = q2(row["total"])
    return result


def expense_actuals(community_ids: list[int], year: int) -> dict[tuple[int, int], list[Decimal]]:
    """What was paid per (community, category) in each month of `year` (the day paid)."""
    result: dict[tuple[int, int], list[Decimal]] = defaultdict(_zero_months)
    rows = (
        ClaimLine.objects.filter(
            community_id__in=community_ids,
            claim__status=ClaimStatus.PAID,
            claim__payment__date__gte=dt.date(year, 1, 1),
            claim__payment__date__lt=dt.date(year + 1, 1, 1),
        )
        .order_by()
        .annotate(month=ExtractMonth("claim__payment__date"))
        .values("community_id", "category_id", "month")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        result[(row["community_id"], row["category_id"])][row["month"] - 1] = q2(row["total"])
    return result


def _rate(actual: Decimal, budget: Decimal) -> Decimal | None:
    return q2(actual * 100 / budget) if budget else None


def _off(kind: str, actual: Decimal, budget: Decimal, threshold: Decimal) -> bool:
    """Whether the line is off its budget by more than the threshold: income short of it,
    spending over it."""
    if not budget:
        return bool(actual) and kind == BudgetKind.EXPENSE
    rate = actual * 100 / budget
    return rate > 100 + threshold if kind == BudgetKind.EXPENSE else rate < 100 - threshold


def execution(community: Any, year: int, month: int) -> dict[str, Any]:
    """The budget in force against the actuals: each line's month and year to date, the
    variance and rate, and whether it is off by more than the community's threshold."""
    from .cash import settings_for

    budget = in_force(community, year)
    threshold = settings_for(community).budget_alert_percent
    rows: list[dict[str, Any]] = []
    monthly = {kind: {"budget": _zero_months(), "actual": _zero_months()} for kind in BudgetKind}
    if budget is None:
        return {"budget": None, "rows": rows, "monthly": monthly, "threshold": threshold}
    incomes = income_actuals([community.pk], year)
    expenses = expense_actuals([community.pk], year)
    for line in budget.lines.prefetch_related("fee_items").select_related("category"):
        if line.kind == BudgetKind.INCOME:
            actual = _zero_months()
            for item in line.fee_items.all():
                got = incomes.get((community.pk, item.pk))
                if got:
                    actual = [a + b for a, b in zip(actual, got, strict=True)]
        else:
            actual = list(expenses.get((community.pk, line.category_id or 0), _zero_months()))
        planned = line.months
        for index in range(12):
            monthly[BudgetKind(line.kind)]["budget"][index] += planned[index]
            monthly[BudgetKind(line.kind)]["actual"][index] += actual[index]
        month_budget, month_actual = planned[month - 1], actual[month - 1]
        ytd_budget, ytd_actual = sum(planned[:month], ZERO), sum(actual[:month], ZERO)
        rows.append(
            {
                "line": line,
                "kind": line.kind,
                "name": line.name,
                "month_budget": month_budget,
                "month_actual": month_actual,
                "ytd_budget": ytd_budget,
                "ytd_actual": ytd_actual,
                "year_budget": line.total,
                "variance": ytd_actual - ytd_budget,
                "rate": _rate(ytd_actual, ytd_budget),
                "off": _off(line.kind, ytd_actual, ytd_budget, threshold),
            }
        )
    return {"budget": budget, "rows": rows, "monthly": monthly, "threshold": threshold}


def company_execution(community_ids: list[int], year: int, month: int) -> list[dict[str, Any]]:
    """Each community's income and spending to date against its budget in force, for the
    company: a handful of grouped queries whatever the number of communities."""
    months = MONTHS[:month]
    lines = BudgetLine.objects.filter(
        budget__community_id__in=community_ids,
        budget__year=year,
        budget__status=BudgetStatus.APPROVED,
    )
    planned: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    sums: Any = (
        lines.order_by()
        .values("budget__community_id", "kind")
        .annotate(**{name: Sum(name) for name in months})
    )
    for row in sums:
        planned[(row["budget__community_id"], row["kind"])] = sum(
            (q2(row[name]) for name in months), ZERO
        )
    mapped = BudgetLine.fee_items.through.objects.filter(budgetline__in=lines).values("feeitem_id")
    categories = lines.filter(kind=BudgetKind.EXPENSE).values("category_id")
    from wuye.billing.models import BillLine

    end = dt.date(year, month, 1).replace(day=28) + dt.timedelta(days=4)
    end = end.replace(day=1)
    income = {
        row["community_id"]: q2(row["total"])
        for row in BillLine.objects.filter(
            community_id__in=community_ids,
            cancelled=False,
            period__gte=dt.date(year, 1, 1),
            period__lt=end,
            fee_item_id__in=mapped,
        )
        .order_by()
        .values("community_id")
        .annotate(total=Sum("amount"))
    }
    spent = {
        row["community_id"]: q2(row["total"])
        for row in ClaimLine.objects.filter(
            community_id__in=community_ids,
            claim__status=ClaimStatus.PAID,
            claim__payment__date__gte=dt.date(year, 1, 1),
            claim__payment__date__lt=end,
            category_id__in=categories,
        )
        .order_by()
        .values("community_id")
        .annotate(total=Sum("amount"))
    }
    from wuye.org.models import Community

    names = dict(
        Community.objects.filter(pk__in=community_ids).order_by().values_list("pk", "name")
    )
    result = []
    for pk in sorted(community_ids, key=lambda i: names.get(i, "")):
        income_budget = planned[(pk, BudgetKind.INCOME)]
        expense_budget = planned[(pk, BudgetKind.EXPENSE)]
        result.append(
            {
                "community_id": pk,
                "community": names.get(pk, ""),
                "income_budget": income_budget,
                "income_actual": income.get(pk, ZERO),
                "income_rate": _rate(income.get(pk, ZERO), income_budget),
                "expense_budget": expense_budget,
                "expense_actual": spent.get(pk, ZERO),
                "expense_rate": _rate(spent.get(pk, ZERO), expense_budget),
            }
        )
    return result


# --- The budget check of a claim (FIN-03) ------------------------------------------------------


def check_claim_budget(claim: Any, category: Any, amount: Decimal, year: int) -> None:
    """Refuse a claim line its category's budget of the year can no longer hold: the year's
    budget less what was paid and what is committed (submitted to approved, not yet paid),
    this claim's other lines included. No budget in force, or no line for the category: no
    check. The budget's row is locked, so two claims cannot both take the last of it."""
    budget = in_force(claim.community, year)
    if budget is None:
        return
    Budget.objects.select_for_update().filter(pk=budget.pk).values_list("pk").first()
    line = budget.lines.filter(kind=BudgetKind.EXPENSE, category=category).first()
    if line is None:
        return
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    same = ClaimLine.objects.filter(community=claim.community, category=category)
    paid = same.filter(
        claim__status=ClaimStatus.PAID,
        claim__payment__date__gte=start,
        claim__payment__date__lt=end,
    ).aggregate(total=Sum("amount"))["total"]
    committed = q2(
        same.filter(claim__status__in=COMMITTED, claim__created_at__year=year)
        .exclude(claim=claim)
        .aggregate(total=Sum("amount"))["total"]
    )
    own = q2(same.filter(claim=claim).aggregate(total=Sum("amount"))["total"])
    available = line.total - q2(paid) - committed
    amount = own + amount  # this claim's lines of the category, with the one being added
    if amount > available:
        raise DomainError(
            _(
                "The %(year)s budget for %(category)s is %(budget)s: %(paid)s paid, %(committed)s "
                "claimed and not yet paid, %(available)s left — not enough for %(amount)s."
            )
            % {
                "year": year,
                "category": category,
                "budget": line.total,
                "paid": q2(paid),
                "committed": q2(committed),
                "available": max(available, ZERO),
                "amount": amount,
            },
            field="amount",
        )
