"""Counter-side figures (issue 4): 500 meter readings in one grid submission (limit 0.3 s),
1,000 counter payments through the service (limit 10 s), 100 receipt PDFs (limit 10 s)."""

import datetime as dt
import sys
import time
import uuid
from decimal import Decimal

from common import report, setup_django

setup_django()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wuye.billing import payments  # noqa: E402
from wuye.billing.models import Bill, BillLine, FeeItem, Receipt  # noqa: E402
from wuye.core.pdf import render_pdf  # noqa: E402
from wuye.estate.models import Building, Meter, Unit  # noqa: E402
from wuye.org.models import Community, Company, Membership, User  # noqa: E402

company = Company.objects.create(code="bench", name="基准物业")
community = Community.objects.create(company=company, code="BENCH", name="基准小区")
cashier = User.objects.create_user(
    "bench_csh", password="x", company=company, last_community=community
)
Membership.objects.create(community=community, user=cashier, post="CSH")
Membership.objects.create(community=community, user=cashier, post="TECH")
building = Building.objects.create(community=community, number="1", floors=50)
units = Unit.objects.bulk_create(
    [
        Unit(
            community=community,
            building=building,
            entrance=1 + i // 500,
            number=f"{i % 500:04d}",
            floor=1 + i % 50,
            gross_area=Decimal("89.50"),
            inner_area=Decimal("72.30"),
            code=f"1-{1 + i // 500}-{i % 500:04d}",
            status="occupied",
        )
        for i in range(1000)
    ]
)
Meter.objects.bulk_create(
    [
        Meter(
            community=community,
            kind="water",
            scope="unit",
            unit=u,
            serial=f"W{u.pk:06d}",
            initial_reading=Decimal("10"),
        )
        for u in units[:500]
    ]
)
ok = True

# 1. 500 readings in one submission of the entry grid.
client = Client()
client.force_login(cashier)
period = timezone.localdate().replace(day=1)
data = {
    "building": building.pk,
    "kind": "water",
    "period": f"{period:%Y-%m}",
    "read_on": period.isoformat(),
    "_community": community.pk,
}
data.update({f"m{m.pk}": "25.5" for m in Meter.objects.filter(community=community)})
t0 = time.perf_counter()
response = client.post("/billing/readings/entry/", data)
elapsed = time.perf_counter() - t0
assert response.status_code == 302
ok &= report("500 meter readings submitted", elapsed * 1000, "ms", 300)

# 2. 1,000 payments at the counter through the service.
fee = FeeItem.objects.create(community=community, code="WYF", name="物业服务费", calculation="area")
bills = Bill.objects.bulk_create(
    [
        Bill(
            community=community,
            number=f"ZD{u.pk:09d}",
            unit=u,
            period_start=period,
            period_end=period + dt.timedelta(days=27),
            due_date=period,
            total=Decimal("223.75"),
        )
        for u in units
    ]
)
BillLine.objects.bulk_create(
    [
        BillLine(
            community=community,
            bill=b,
            fee_item=fee,
            period=period,
            period_end=b.period_end,
            quantity=Decimal("89.5"),
            unit_price=Decimal("2.5"),
            amount=Decimal("223.75"),
            formula="2.50 × 89.50",
            billing_key=f"u{b.unit_id}",
        )
        for b in bills
    ]
)
t0 = time.perf_counter()
for unit in units:
    payments.collect_payment(
        unit=unit,
        channel="cash",
        cashier=cashier,
        idempotency_key=uuid.uuid4().hex,
        tendered=Decimal("300"),
    )
elapsed = time.perf_counter() - t0
ok &= report("1,000 counter payments", elapsed, "s", 10)

# 3. 100 receipt PDFs.
from wuye.billing.views import receipt_context  # noqa: E402

receipts = list(
    Receipt.objects.filter(community=community).select_related(
        "payment__unit__building", "payment__cashier", "community__company"
    )[:100]
)
t0 = time.perf_counter()
for receipt in receipts:
    pdf = render_pdf(
        "billing/receipt_pdf.html",
        {**receipt_context(receipt), "size": "half", "community": community},
    )
    assert pdf.startswith(b"%PDF")
elapsed = time.perf_counter() - t0
ok &= report("100 receipt PDFs", elapsed, "s", 10)
sys.exit(0 if ok else 1)
