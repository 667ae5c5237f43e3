"""What a printed receipt shows: the lines paid, the form's parts (联), the amount in words."""

from decimal import Decimal

from wuye.core.money import amount_in_words

from .choices import PaymentStatus
from .models import Receipt, receipt_part_names
from .services.standards import policy_for


def receipt_context(receipt: Receipt, copy: bool = False, preview: bool = False) -> dict:
    """What a receipt shows: a row per bill line paid — the fee item, the months it covers and
    how it was worked out (area × unit price × months) — and the form's parts (联)."""

    payment = receipt.payment
    rows: dict[int, dict] = {}
    for allocation in payment.allocations.filter(reversal=False).select_related("line__fee_item"):
        line = allocation.line
        row = rows.get(line.pk)
        if row is None:
            row = rows[line.pk] = {
                "item": line.fee_item.name,
                "period": line.period,
                # A line of several months shows them as a range (2026-10～2026-12).
                "period_end": line.period_end
                if (line.period_end.year, line.period_end.month)
                != (line.period.year, line.period.month)
                else None,
                "basis": line.formula,
                "line_amount": line.amount,
                "amount": Decimal("0.00"),
            }
        row["amount"] += allocation.amount
    for row in rows.values():
        row["partial"] = row["amount"] < row["line_amount"]
    parts = receipt_part_names(policy_for(receipt.community).receipt_parts)
    return {
        "receipt": receipt,
        "payment": payment,
        "rows": sorted(rows.values(), key=lambda r: (r["period"], r["item"])),
        "parts": [(_ordinal_part(n), name) for n, name in enumerate(parts, 1)],
        "in_words": amount_in_words(payment.amount),
        # An 80 mm slip is as long as its lines need (a roll has no page height).
        "thermal_height": 100 + 10 * (len(rows) + bool(payment.to_prepayment)),
        "copy": copy,
        "preview": preview,
        "voided": payment.status == PaymentStatus.VOIDED,
    }


def _ordinal_part(number: int) -> str:
    return f"第{'一二三四五'[number - 1]}联"
