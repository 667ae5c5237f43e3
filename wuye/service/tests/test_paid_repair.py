"""SRV-02: a paid repair produces a bill for the unit through the billing service — materials
and labour as lines, the counter can collect it; an unpaid order cannot charge anything."""

from decimal import Decimal

import pytest

from wuye.billing.models import Bill
from wuye.billing.services.ledger import open_lines
from wuye.core.errors import DomainError
from wuye.service import services


@pytest.mark.django_db
def test_a_paid_repair_is_billed_to_the_unit(community_a, dsp_a, tech_a, unit_3_2_1501):
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="hotline",
        unit=unit_3_2_1501,
        description="更换卫生间龙头（有偿）",
        is_paid=True,
    )
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    services.accept_order(order, actor=tech_a)
    services.complete_order(
        order,
        actor=tech_a,
        result="更换龙头",
        materials="九牧龙头一个",
        material_cost=Decimal("85.00"),
        labour_cost=Decimal("30"),
    )
    order.refresh_from_db()
    bill = Bill.objects.get()
    assert order.bill == bill and bill.unit == unit_3_2_1501 and bill.total == Decimal("115.00")
    assert sorted(line.amount for line in bill.lines.all()) == [Decimal("30.00"), Decimal("85.00")]
    assert any("九牧龙头" in line.formula for line in bill.lines.all())
    assert open_lines(unit_3_2_1501)  # the cashier sees it at the counter


@pytest.mark.django_db
def test_an_unpaid_order_charges_nothing(community_a, dsp_a, tech_a, unit_3_2_1501):
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="hotline",
        unit=unit_3_2_1501,
        description="公共区域灯不亮",
    )
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    services.accept_order(order, actor=tech_a)
    with pytest.raises(DomainError):
        services.complete_order(order, actor=tech_a, result="换灯", labour_cost=Decimal("20"))
    assert not Bill.objects.exists()
