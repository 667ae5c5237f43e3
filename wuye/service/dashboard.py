from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.org.models import zone_worker_zones

from .choices import OrderStatus
from .models import WorkOrder, is_field_staff


def home_cards(access):
    """Open, overdue and today's orders for the viewer: his own tasks for field staff, the
    community's for the office, major complaints for the manager (MGR-6)."""
    if not access.has("service.order.view"):
        return []
    orders = WorkOrder.objects.for_access(access)
    base = reverse("service:workorder_list")
    cards = []
    zones = zone_worker_zones(access)
    if zones:
        # A representative starts from his own zones (CSR-8): their open and overdue orders.
        mine = orders.filter(unit__building__zone__in=zones).open()
        query = "&".join(f"zone={z}" for z in zones)
        cards += [
            {
                "label": _("Open work orders in my zones"),
                "value": mine.count(),
                "url": f"{base}?state=open&{query}",
                "icon": "ti-map-pin",
                "order": 10,
            },
            {
                "label": _("Overdue work orders in my zones"),
                "value": mine.overdue().count(),
                "url": f"{base}?state=overdue&{query}",
                "icon": "ti-alarm",
                "order": 10,
            },
        ]
    elif not is_field_staff(access):
        cards += [
            {
                "label": _("Open work orders"),
                "value": orders.open().count(),
                "url": f"{base}?state=open",
                "icon": "ti-tool",
            },
            {
                "label": _("Overdue work orders"),
                "value": orders.open().overdue().count(),
                "url": f"{base}?state=overdue",
                "icon": "ti-alarm",
            },
            {
                "label": _("Work orders today"),
                "value": orders.filter(created_at__date=timezone.localdate()).count(),
                "url": f"{base}?state=today",
                "icon": "ti-calendar",
            },
        ]
    else:
        cards.append(
            {
                "label": _("My open tasks"),
                "value": orders.open().filter(assignee=access.user).count(),
                "url": reverse("service:my_tasks"),
                "icon": "ti-checklist",
                "order": 10,
            }
        )
    if "MGR" in access.posts:
        cards.append(
            {
                "label": _("Major complaints open"),
                "value": orders.filter(is_major=True)
                .exclude(status__in=[OrderStatus.CLOSED, OrderStatus.CANCELLED])
                .count(),
                "url": f"{base}?state=major",
                "icon": "ti-urgent",
            }
        )
    return cards


def unit_orders_panel(unit, access):
    orders = list(
        WorkOrder.objects.for_access(access).filter(unit=unit).order_by("-created_at")[:6]
    )
    return {
        "items": [
            {
                "label": f"{o.created_at:%Y-%m-%d} {o.number} {o.get_kind_display()}",
                "detail": f"{o.get_status_display()} · {o.description[:20]}",
                "url": o.get_absolute_url(),
            }
            for o in orders
        ],
        "message": "",
        "more_url": f"{reverse('service:workorder_list')}?q={unit.code}",
    }


def landing(access):
    """Field staff (technicians, security, cleaners) start on their task list, on the phone."""
    if access.has("service.order.view") and is_field_staff(access):
        return reverse("service:my_tasks")
    return None
