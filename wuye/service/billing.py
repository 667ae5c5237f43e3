"""A paid service order (有偿服务) charges its materials and labour to the unit as a bill,
through the billing service (SRV-02)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wuye.billing.services.oneoff import bill_one_off
from wuye.core.errors import DomainError


def bill_paid_order(order, *, actor):
    if order.unit_id is None:
        raise DomainError(_("A paid service is charged to a unit: give the order's unit."))
    lines = [
        (_("Materials: %(what)s") % {"what": order.materials or "—"}, order.material_cost),
        (_("Labour"), order.labour_cost),
    ]
    bill = bill_one_off(
        order.unit,
        lines=[(text, amount) for text, amount in lines if amount > 0],
        key=f"wo{order.pk}r{order.reopened}",
        note=_("Paid service, work order %(number)s") % {"number": order.number},
        actor=actor,
    )
    order.bill = bill
    order.save(update_fields=["bill", "updated_at"])
    return bill
