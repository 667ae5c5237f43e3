from django.db.models import F, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from wuye.core.money import q2

from .choices import BillStatus, RunStatus
from .models import Bill, BillingRun, MeterReading


def home_cards(access):
    cards = []
    if access.has("billing.reading.view"):
        anomalies = MeterReading.objects.for_access(access).filter(status="anomaly").count()
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
