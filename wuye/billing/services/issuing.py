"""Issuing a confirmed billing run's bills, in chunks, in the background task."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.audit import record_event
from wuye.core.bulk import gc_paused, insert_plain, insert_select
from wuye.core.errors import DomainError
from wuye.core.money import q2
from wuye.core.numbering import number_sql, reserve_numbers
from wuye.estate.models import Unit, UnitRelation

from .. import engine
from ..choices import RUN_TRANSITIONS, AreaBasis, PayerKind, ReadingStatus, RunStatus
from ..models import Bill, BillingRun, BillLine, MeterReading, Wallet
from .ledger import check_posting, run_months
from .planning import plan_run
from .standards import policy_for
from .wallet import offset_from_wallet


def transition_run(run, status):
    if status not in RUN_TRANSITIONS[run.status]:
        raise DomainError(
            _("A run that is “%(status)s” cannot do that.") % {"status": run.get_status_display()}
        )
    run.status = status


# A run commits its bills in chunks (progress moves; a crash loses one chunk at most). A
# run whose progress has not moved for this long is taken to have lost its worker.
RUN_CHUNK = 2000
RUN_STEPS = 20


RUN_STALLED_AFTER = dt.timedelta(minutes=10)


class RunBusyError(DomainError):
    """Another run of the community is issuing bills; this one waits its turn."""


def execute_run(run, *, chunk: int = RUN_CHUNK) -> BillingRun:
    """Issue the bills of a confirmed run (called by the worker). Safe to call again: a failed
    run re-confirmed, or a run whose worker died, continues where it stopped — what it billed
    stays, the rest is planned again — and nothing is billed twice."""
    lease = secrets.token_hex(8)
    try:
        with transaction.atomic():
            run = BillingRun.objects.select_for_update().get(pk=run.pk)
            if run.status == RunStatus.RUNNING and (
                timezone.now() - run.updated_at < RUN_STALLED_AFTER
            ):
                raise RunBusyError(_("This run is being issued right now."))
            transition_run(run, RunStatus.RUNNING)
            run.lease = lease
            run.save(update_fields=["status", "lease", "updated_at"])
    except IntegrityError as exc:  # billing_run_one_running_per_community
        raise RunBusyError(
            _("Another billing run of this service center is being issued; this one follows it.")
        ) from exc
    try:
        with gc_paused():
            _issue(run, lease=lease, chunk=chunk)
        with transaction.atomic():
            if not _hold_lease(run, lease):
                return run
            if policy_for(run.community).auto_offset_prepayment:
                _offset_prepayments(run)
            run.status = RunStatus.DONE
            run.finished_at = timezone.now()
            run.lease = ""
            run.save()
            record_event(
                verb="billing_run.done",
                actor=run.created_by,
                community=run.community,
                target=run,
                message=_("%(bills)d bills, %(lines)d lines, %(total)s yuan")
                % {
                    "bills": run.bills_created,
                    "lines": run.lines_created,
                    "total": run.total_amount,
                },
            )
    except LeaseLost:
        return run
    except Exception as exc:
        BillingRun.objects.filter(pk=run.pk, lease=lease).update(
            status=RunStatus.FAILED, error=str(exc)[:2000], lease=""
        )
        raise
    return run


class LeaseLost(Exception):
    """The run was taken over (resumed after a stall); this attempt stops writing."""


def _hold_lease(run, lease) -> bool:
    """Inside a chunk's transaction: lock the run and make sure this attempt still owns it."""
    current = (
        BillingRun.objects.select_for_update().filter(pk=run.pk).values_list("lease", "status")
    )
    row = current.first()
    return row is not None and row == (lease, RunStatus.RUNNING)


def due_date_for(policy, period: dt.date, issued: dt.date) -> dt.date:
    """The due day of the first month billed; a bill issued late (after that day, or with fewer
    than the policy's payment term left) is due the payment term after it is issued, so no
    bill is overdue the day it is born (aging and late fees count from this date)."""
    return max(
        period.replace(day=policy.due_day), issued + dt.timedelta(days=policy.payment_term_days)
    )


# A run's work tables (temporary: each connection has its own, gone when it closes): the
# distinct figures, each distinct list of a bill's figures, and the bills in number order.
_WORK_TABLES = {
    # An area figure (area_basis set) has no quantity or amount of its own: each line takes its
    # unit's area, the amount in fen is (hundredths × fen_multiplier + fen_divisor ÷ 2) ÷
    # fen_divisor in whole numbers (the divisor is even), and formula / detail hold the texts
    # before the area's (`_tails` after).
    "billing_run_figure": "id integer PRIMARY KEY, fee_item_id bigint, standard_id bigint, "
    "reading_id bigint, quantity numeric, unit_price numeric, factor numeric, amount numeric, "
    "formula text, detail text, area_basis text, fen_multiplier bigint, fen_divisor bigint, "
    "formula_tail text, detail_tail text",
    "billing_run_pattern": "pattern_id integer, position integer, figure_id integer, "
    "PRIMARY KEY (pattern_id, position)",
    "billing_run_target": "seq integer PRIMARY KEY, unit_id bigint, space_id bigint, "
    "payer_kind text, payer_name text, total numeric, pattern_id integer",
}


def _drop_work_tables():
    # Tidying only: temporary tables go with their connection, so a connection that broke
    # (the error being reported) need not be asked.
    with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
        for table in _WORK_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _issue(run, *, lease: str, chunk: int):
    """Write the run's bills and lines: one bill per unit or space and payer, numbered in order,
    committed `chunk` bills at a time with the run's progress. Python computes each distinct
    figure once and which figures each bill has; the database writes the rows from work tables
    (INSERT…SELECT, numbers included), so a run of 100,000 units takes seconds. Lines this run
    (or any other) already made are skipped by the plan, which is how a resumed run carries on."""
    community = run.community
    plan = plan_run(community, run.period, run.months, list(run.fee_items.all()))
    policy = policy_for(community)
    targets = list(plan.targets.items())
    end = engine.period_end(run.period, run.months)
    due = due_date_for(policy, run.period, timezone.localdate())
    owners = payer_names(community, {target[0] for target, _lines in targets if target[0]})
    developer = policy.developer_name or _("Developer")
    already = Bill.objects.filter(run=run).aggregate(bills=Count("id"), total=Sum("total"))
    done_bills = already["bills"] or 0
    with transaction.atomic():
        if not _hold_lease(run, lease):
            raise LeaseLost
        run.progress_done = done_bills
        run.progress_total = done_bills + len(targets)
        run.bills_created = done_bills
        run.lines_created = BillLine.objects.filter(bill__run=run).count()
        run.total_amount = q2(already["total"])
        run.lines_skipped = max(plan.skipped - run.lines_created, 0)
        run.save(
            update_fields=[
                "progress_done",
                "progress_total",
                "bills_created",
                "lines_created",
                "total_amount",
                "lines_skipped",
                "updated_at",
            ]
        )
    if not targets:
        return
    patterns: dict[tuple[int, ...], int] = {}  # a bill's figures → pattern id
    pattern_of = []  # per target, in number order
    for _target, lines in targets:
        pattern_of.append(patterns.setdefault(tuple(lines), len(patterns)))
    # A bill's total: its figures' amounts (an area figure's is each unit's own, in fen).
    totals = [
        q2(sum((plan.figures[index].figures.amount for index in pattern), Decimal(0)))
        for pattern in patterns
    ]
    target_fen = plan.target_fen
    bill_totals = [
        totals[pattern] + Decimal(target_fen[target]).scaleb(-2)
        if target in target_fen
        else totals[pattern]
        for (target, _lines), pattern in zip(targets, pattern_of, strict=True)
    ]
    _drop_work_tables()
    try:
        _fill_work_tables(plan, targets, patterns, pattern_of, bill_totals, owners, developer)
        with_readings = any(figure.reading_id for figure in plan.figures)
        # A large run commits in at most RUN_STEPS chunks: progress still moves every few
        # percent, and the fixed cost of a chunk's transaction is not paid a hundred times.
        chunk = max(chunk, -(-len(targets) // RUN_STEPS))
        for start in range(0, len(targets), chunk):
            stop = min(start + chunk, len(targets))
            part = targets[start:stop]
            readings = (
                {plan.figures[index].reading_id for _target, lines in part for index in lines}
                if with_readings
                else set()
            )
            _issue_chunk(
                run,
                lease=lease,
                start=start,
                stop=stop,
                end=end,
                due=due,
                lines=sum(len(lines) for _target, lines in part),
                total=sum(bill_totals[start:stop], Decimal(0)),
                readings=readings - {None},
            )
    finally:
        _drop_work_tables()


def _fill_work_tables(plan, targets, patterns, pattern_of, bill_totals, owners, developer):
    six = Decimal("0.000001")
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def figure_row(index, figure):
        figures, area = figure.figures, figure.area
        factor = figures.factor.quantize(six, rounding=ROUND_HALF_UP)
        common = (index, figure.fee_item.pk, figure.standard_id, figure.reading_id)
        if area is None:
            return (
                *common,
                figures.quantity,
                figures.unit_price,
                factor,
                figures.amount,
                figures.formula[:300],
                figures.detail_json or encode(figures.detail),
                None,
                None,
                None,
                "",
                "",
            )
        multiplier, divisor = area.cents
        return (
            *common,
            None,
            figures.unit_price,
            factor,
            None,
            area.formula_head,
            area.detail_head,
            area.basis,
            multiplier,
            divisor,
            area.formula_tail,
            area.detail_tail,
        )

    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns in _WORK_TABLES.items():
            cursor.execute(f"CREATE TEMPORARY TABLE {table} ({columns})")
        insert_plain(
            "billing_run_figure",
            [
                "id",
                "fee_item_id",
                "standard_id",
                "reading_id",
                "quantity",
                "unit_price",
                "factor",
                "amount",
                "formula",
                "detail",
                "area_basis",
                "fen_multiplier",
                "fen_divisor",
                "formula_tail",
                "detail_tail",
            ],
            (figure_row(index, figure) for index, figure in enumerate(plan.figures)),
        )
        insert_plain(
            "billing_run_pattern",
            ["pattern_id", "position", "figure_id"],
            (
                (pattern_id, position, index)
                for pattern, pattern_id in patterns.items()
                for position, index in enumerate(pattern)
            ),
        )
        insert_plain(
            "billing_run_target",
            ["seq", "unit_id", "space_id", "payer_kind", "payer_name", "total", "pattern_id"],
            (
                (
                    seq,
                    unit_id,
                    space_id,
                    payer,
                    developer if payer == PayerKind.DEVELOPER else owners.get(unit_id, ""),
                    total,
                    pattern,
                )
                for seq, ((unit_id, space_id, payer), _lines), pattern, total in zip(
                    range(len(targets)), targets, pattern_of, bill_totals, strict=True
                )
            ),
        )


def _issue_chunk(run, *, lease, start, stop, end, due, lines: int, total: Decimal, readings):
    """Bills start…stop-1 of the work table and their `lines` lines, numbered from a reserved
    range, committed in one transaction with the run's progress and the readings they bill."""
    community = run.community
    with transaction.atomic():
        if not _hold_lease(run, lease):
            raise LeaseLost
        check_posting(community, *run_months(run))
        stem, first = reserve_numbers(community, "bill", stop - start, prefix="ZD")
        number = number_sql(connection.vendor, f"t.seq + {first - start}", 7)
        common = {"community_id": community.pk, "created_by_id": run.created_by_id}
        bills = insert_select(
            Bill,
            {
                "number": (number, [stem]),
                "unit_id": "t.unit_id",
                "space_id": "t.space_id",
                "payer_kind": "t.payer_kind",
                "payer_name": "t.payer_name",
                "total": "t.total",
            },
            "FROM billing_run_target t WHERE t.seq >= %s AND t.seq < %s ORDER BY t.seq",
            [start, stop],
            constants={
                **common,
                "period_start": run.period,
                "period_end": end,
                "due_date": due,
                "run_id": run.pk,
            },
        )
        target = "CASE WHEN t.space_id IS NULL THEN 'u' || t.unit_id ELSE 's' || t.space_id END"
        item = "':f' || f.fee_item_id"
        payer = "':' || substr(t.payer_kind, 1, 1)"
        # An area figure's line: its unit's area, the amount from it in whole fen (exact in
        # integers, `engine.AreaFee.cents`), the area's text between the figure's texts.
        area = (
            f"(CASE f.area_basis WHEN '{AreaBasis.GROSS}' THEN u.gross_area ELSE u.inner_area END)"
        )
        fen = f"(CAST(ROUND({area} * 100) AS BIGINT) * f.fen_multiplier + f.fen_divisor / 2) / f.fen_divisor"
        area_text = (
            f"CAST(ROUND({area}, 2) AS text)"
            if connection.vendor == "postgresql"
            else f"printf('%%.2f', {area})"
        )

        def own_or_area(column, by_area):
            return f"CASE WHEN f.area_basis IS NULL THEN f.{column} ELSE {by_area} END"

        try:
            written = insert_select(
                BillLine,
                {
                    "bill_id": "b.id",
                    "fee_item_id": "f.fee_item_id",
                    "standard_id": "f.standard_id",
                    "reading_id": "f.reading_id",
                    "quantity": own_or_area("quantity", area),
                    "unit_price": "f.unit_price",
                    "factor": "f.factor",
                    "amount": own_or_area("amount", f"{fen} / 100.0"),
                    "formula": own_or_area(
                        "formula", f"f.formula || {area_text} || f.formula_tail"
                    ),
                    "detail": own_or_area("detail", f"f.detail || {area_text} || f.detail_tail"),
                    "billing_key": (
                        f"{target} || {item} || ':' || %s || {payer}",
                        [f"{run.period:%Y%m}"],
                    ),
                    "coverage": f"{target} || {item} || {payer}",
                },
                # CROSS JOIN: SQLite then joins in this order (the chunk's targets first, each
                # to its bill by number and its figures by key) — the work tables have no
                # statistics, and a plan starting from all patterns reads them every chunk.
                "FROM billing_run_target t "
                f"CROSS JOIN {Bill._meta.db_table} b "
                "CROSS JOIN billing_run_pattern p CROSS JOIN billing_run_figure f "
                f"LEFT JOIN {Unit._meta.db_table} u "
                "ON f.area_basis IS NOT NULL AND u.id = t.unit_id "
                f"WHERE t.seq >= %s AND t.seq < %s AND b.community_id = %s AND b.number = {number} "
                "AND p.pattern_id = t.pattern_id AND f.id = p.figure_id "
                "ORDER BY t.seq, p.position",
                [start, stop, community.pk, stem],
                constants={**common, "period": run.period, "period_end": end},
            )
        except IntegrityError as exc:
            raise DomainError(
                _(
                    "Some of these lines were billed by another run meanwhile; run this period again."
                )
            ) from exc
        if (bills, written) != (stop - start, lines):  # the work tables and the rows disagree
            raise RuntimeError(
                _(
                    "The run wrote %(bills)d bills and %(lines)d lines where it planned "
                    "%(planned_bills)d and %(planned_lines)d; this part was not kept."
                )
                % {
                    "bills": bills,
                    "lines": written,
                    "planned_bills": stop - start,
                    "planned_lines": lines,
                }
            )
        if readings:
            MeterReading.objects.filter(pk__in=readings).update(status=ReadingStatus.BILLED)
        run.progress_done += stop - start
        run.bills_created += stop - start
        run.lines_created += lines
        run.total_amount = q2(run.total_amount + total)
        run.save(
            update_fields=[
                "progress_done",
                "bills_created",
                "lines_created",
                "total_amount",
                "updated_at",
            ]
        )


def payer_names(community, unit_ids):
    names = defaultdict(list)
    relations = (
        UnitRelation.objects.filter(community=community, role="owner")
        .current()
        .order_by("unit_id", "start_date", "pk")
        .values_list("unit_id", "person__name")
    )
    if len(unit_ids) <= 500:  # a few units (a one-off bill): ask for them only
        relations = relations.filter(unit_id__in=unit_ids)
    for unit_id, name in relations:
        if unit_id in unit_ids:
            names[unit_id].append(name)
    return {unit_id: "、".join(people)[:100] for unit_id, people in names.items()}


def _offset_prepayments(run):
    """After a run: units holding prepayment pay their new bills from it (policy switch)."""

    units_with_money = set(
        Wallet.objects.filter(community=run.community, balance__gt=0).values_list(
            "unit_id", flat=True
        )
    )
    if not units_with_money:
        return
    billed = set(
        Bill.objects.filter(run=run, payer_kind=PayerKind.RESIDENT).values_list(
            "unit_id", flat=True
        )
    )
    for unit in Unit.objects.filter(pk__in=sorted(units_with_money & billed)):
        offset_from_wallet(unit, actor=run.created_by)
