"""Counter-side figures (issue 4): 500 meter readings in one grid submission (limit 0.3 s),
1,000 counter payments through the service (limit 10 s), 100 receipt PDFs (limit 10 s).

Each figure is taken in a warm process, as a server worker is when a cashier works: the page
is opened before the grid is submitted (the first request of a fresh process imports every
view and API module, about half a second on its own, reported separately), and one receipt is
printed before the hundred are timed (the first imports WeasyPrint and scans the fonts). The
readings figure is the median of five grid submissions, one month each.
"""

import datetime as dt
import statistics
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from urllib.parse import urlencode

from common import report, setup_django

setup_django()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from wuye.billing.models import Bill, BillLine, FeeItem, MeterReading, Receipt  # noqa: E402
from wuye.billing.services.counter import collect_payment  # noqa: E402
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
spare = Unit.objects.create(  # the warm-up payment's unit
    community=community,
    building=building,
    entrance=3,
    number="9999",
    floor=1,
    gross_area=Decimal("89.50"),
    inner_area=Decimal("72.30"),
    code="1-3-9999",
    status="occupied",
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

# 1. 500 readings in one submission of the entry grid, five months one after another (each
#    later month checks the earlier ones for anomalies). Sent form-encoded, as the browser does.
client = Client()
client.force_login(cashier)
period = timezone.localdate().replace(day=1)
meter_fields = [
    f"m{pk}" for pk in Meter.objects.filter(community=community).values_list("pk", flat=True)
]
t0 = time.perf_counter()
assert client.get("/billing/readings/entry/", {"building": building.pk}).status_code == 200
print(
    f"(first request of a fresh process, the entry grid page: {(time.perf_counter() - t0) * 1000:.0f} ms)"
)
months = [
    (period.replace(day=15) - dt.timedelta(days=31 * back)).replace(day=1)
    for back in range(4, -1, -1)
]
times = []
for number, month in enumerate(months):
    data = {
        "building": building.pk,
        "kind": "water",
        "period": f"{month:%Y-%m}",
        "read_on": month.isoformat(),
        "_community": community.pk,
        **dict.fromkeys(meter_fields, f"{25.5 + 12 * number}"),
    }
    body = urlencode(data)
    t0 = time.perf_counter()
    response = client.post(
        "/billing/readings/entry/", body, content_type="application/x-www-form-urlencoded"
    )
    times.append((time.perf_counter() - t0) * 1000)
    assert response.status_code == 302
assert MeterReading.objects.filter(community=community).count() == 500 * len(months)
print("  each submission: " + ", ".join(f"{t:.0f}" for t in times) + " ms")
ok &= report("500 meter readings submitted (median of 5)", statistics.median(times), "ms", 300)

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
        for u in [*units, spare]
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
collect_payment(  # warm-up on a unit of its own: the first payment imports modules
    unit=spare,
    channel="cash",
    cashier=cashier,
    idempotency_key=uuid.uuid4().hex,
    tendered=Decimal("300"),
)
t0 = time.perf_counter()
for unit in units:
    collect_payment(
        unit=unit,
        channel="cash",
        cashier=cashier,
        idempotency_key=uuid.uuid4().hex,
        tendered=Decimal("300"),
    )
elapsed = time.perf_counter() - t0
print(f"  {elapsed / len(units) * 1000:.1f} ms per payment")
ok &= report("1,000 counter payments", elapsed, "s", 10)

# 3. 100 receipt PDFs.
from weasyprint.text.ffi import harfbuzz_subset  # noqa: E402

from wuye.billing.receipts import receipt_context  # noqa: E402

if harfbuzz_subset is None:
    print(
        "  WARNING: HarfBuzz-Subset is missing (Debian: libharfbuzz-subset0); WeasyPrint then "
        "subsets the CJK font with fontTools, about 5 s per receipt instead of 0.1 s"
    )
fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
if not fonts.strip():
    print("  WARNING: no CJK font (Debian: fonts-noto-cjk); receipts print boxes, figures differ")
receipts = list(
    Receipt.objects.filter(community=community)
    .select_related("payment__unit__building", "payment__cashier", "community__company")
    .order_by("pk")[:101]
)


def receipt_pdf(receipt):
    return render_pdf(
        "billing/receipt_pdf.html",
        {**receipt_context(receipt), "size": "half", "community": community},
    )


t0 = time.perf_counter()
assert receipt_pdf(receipts[0]).startswith(b"%PDF")
print(f"(first receipt of the process: {time.perf_counter() - t0:.2f} s)")
t0 = time.perf_counter()
for receipt in receipts[1:]:
    pdf = receipt_pdf(receipt)
    assert pdf.startswith(b"%PDF")
elapsed = time.perf_counter() - t0
print(f"  {elapsed / (len(receipts) - 1) * 1000:.0f} ms per receipt, {len(pdf) / 1024:.0f} KB each")
ok &= report("100 receipt PDFs", elapsed, "s", 10)
sys.exit(0 if ok else 1)
