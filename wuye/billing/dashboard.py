from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.money import q2
from wuye.org.models import zone_worker_zones

from .choices import BillStatus, Channel, PayerKind, PaymentStatus, ReadingStatus, RunStatus
from .models import Bill, BillingRun, MeterReading, Payment
from .reports import latest_billed_period, overdue_bills

OFFICE_MONEY_POSTS = {"MGR", "AST", "FIN"}


def home_cards(access):
    cards = money_cards(access)
    if access.has("billing.reading.view"):
        anomalies = (
            MeterReading.objects.for_access(access).filter(status=ReadingStatus.ANOMALY).count()
        )
        cards.append(
            {
                "label": _("Readings to check"),
                "value": anomalies,
                "url": f"{reverse('billing:meterreading_list')}?status=anomaly",
                "icon": "ti-alert-triangle",
            }
        )
    if access.has("billing.run.view"):
        running = (
            BillingRun.objects.for_access(access)
            .filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
            .count()
        )
        cards.append(
            {
                "label": _("Billing runs in progress"),
                "value": running,
                "url": reverse("billing:billingrun_list"),
                "icon": "ti-calendar-dollar",
            }
        )
    return cards


def unit_bills_panel(unit, access):
    open_bills = (
        Bill.objects.for_access(access).filter(unit=unit).exclude(status=BillStatus.CANCELLED)
    )
    outstanding = q2(open_bills.aggregate(due=Sum(F("total") - F("paid")))["due"])
    bills = list(open_bills.order_by("-period_start")[:6])
    return {
        "items": [
            {
                "label": f"{b.period_start:%Y-%m} {b.number}",
                "detail": f"¥{b.total} · {b.get_payer_kind_display()}",
                "url": b.get_absolute_url(),
            }
            for b in bills
        ],
        "message": _("Outstanding: ¥%(amount)s") % {"amount": outstanding} if bills else "",
        "more_url": reverse("billing:statement", args=[unit.pk]),
    }


def money_cards(access) -> list[dict]:
    """Money at a glance. The manager's office (MGR, AST, FIN, the company): collected today
    and this month, the latest billed period's collection rate so far, the arrears overdue.
    A cashier: what he has collected today, and the counter."""

    today = timezone.localdate()
    cards: list[dict] = []
    payments = (
        Payment.objects.for_access(access)
        .filter(status=PaymentStatus.POSTED)
        .exclude(channel=Channel.PREPAYMENT)
    )
    office = bool(access.posts & OFFICE_MONEY_POSTS) or bool(access.company_role)
    if office and access.has("billing.payment.view") and access.has("billing.arrears.view"):
        day = payments.filter(business_date=today).aggregate(total=Sum("amount"), n=Count("id"))
        month = payments.filter(business_date__gte=today.replace(day=1)).aggregate(
            total=Sum("amount")
        )
        cards += [
            {
                "label": _("Collected today (%(count)s payments)") % {"count": day["n"]},
                "value": f"¥{q2(day['total'])}",
                "url": reverse("billing:daily_report"),
                "icon": "ti-cash",
            },
            {
                "label": _("Collected this month"),
                "value": f"¥{q2(month['total'])}",
                "url": reverse("billing:payment_list"),
                "icon": "ti-calendar-dollar",
            },
        ]
        bills = (
            Bill.objects.for_access(access)
            .filter(payer_kind=PayerKind.RESIDENT)
            .exclude(status=BillStatus.CANCELLED)
        )
        latest = latest_billed_period(access.community, today)
        if latest is not None:
            period = bills.filter(period_start=latest).aggregate(
                total=Sum("total"), paid=Sum("paid")
            )
            rate = (
                (q2(period["paid"]) * 100 / q2(period["total"])).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
                if period["total"]
                else None
            )
            cards.append(
                {
                    "label": _("Collection rate of %(period)s so far")
                    % {"period": f"{latest:%Y-%m}"},
                    "value": f"{rate}%" if rate is not None else "—",
                    "url": f"{reverse('billing:collection_rates')}?period={latest:%Y-%m}",
                    "icon": "ti-chart-pie",
                }
            )
        owed = overdue_bills(bills, today).aggregate(owed=Sum(F("total") - F("paid")))["owed"]
        cards.append(
            {
                "label": _("Arrears overdue"),
                "value": f"¥{q2(owed)}",
                "url": reverse("billing:arrears"),
                "icon": "ti-alert-circle",
            }
        )
    elif zone_worker_zones(access) and access.has("billing.arrears.view"):
        # A representative's own zones (CSR-8): what their units owe past due, and how many.
        owing = overdue_bills(Bill.objects.for_arrears(access), today).aggregate(
            amount=Sum("owed"), units=Count("unit", distinct=True)
        )
        cards.append(
            {
                "label": _("Arrears in my zones (%(count)s units)") % {"count": owing["units"]},
                "value": f"¥{q2(owing['amount'])}",
                "url": reverse("billing:arrears"),
                "icon": "ti-alert-circle",
                "order": 10,
            }
        )
    elif access.has("billing.payment.change"):
        mine = payments.filter(business_date=today, cashier=access.user).aggregate(
            total=Sum("amount"), n=Count("id")
        )
        cards += [
            {
                "label": _("My collections today (%(count)s payments)") % {"count": mine["n"]},
                "value": f"¥{q2(mine['total'])}",
                "url": reverse("billing:daily_report"),
                "icon": "ti-cash",
                "order": 10,
            },
            {
                "label": _("Take payments at the counter"),
                "value": _("Counter"),
                "url": reverse("billing:counter"),
                "icon": "ti-cash-register",
                "order": 10,
            },
        ]
    return cards
