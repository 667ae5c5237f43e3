"""Quality on the home page: the inspection tasks still to walk today for whoever walks them,
the findings past their limit for the office, and for the manager and engineering the
overdue maintenance and the certificates about to expire."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import IncidentStatus, TaskStatus
from .models import Certificate, Finding, Incident, InspectionTask, MaintenancePlan
from .services.maintenance import current_certificates, overdue


def home_cards(access):
    cards = []
    if access.has("quality.incident.view"):
        # Every staff member sees the open emergencies until they are closed (QUA-08).
        open_ = Incident.objects.for_access(access).filter(status=IncidentStatus.OPEN)
        count = open_.count()
        if count:
            cards.append(
                {
                    "label": _("Emergencies being handled"),
                    "value": count,
                    "url": f"{reverse('quality:incident_list')}?status={IncidentStatus.OPEN}",
                    "icon": "ti-urgent",
                    "order": 1,
                }
            )
    if access.has("quality.task.check_in"):
        today = timezone.localdate()
        waiting = (
            InspectionTask.objects.for_access(access)
            .mine(access)
            .filter(day=today, status=TaskStatus.OPEN)
        )
        cards.append(
            {
                "label": _("My inspection tasks today"),
                "value": waiting.count(),
                "url": f"{reverse('quality:inspectiontask_list')}?day={today:%Y-%m-%d}"
                f"&status={TaskStatus.OPEN}",
                "icon": "ti-checklist",
                "order": 5,
            }
        )
    if access.has("quality.report.view"):
        cards.append(
            {
                "label": _("Findings past their limit"),
                "value": Finding.objects.for_access(access).overdue().count(),
                "url": f"{reverse('quality:finding_list')}?overdue=true",
                "icon": "ti-alert-triangle",
            }
        )
    if access.has("quality.maintenance.change"):
        today = timezone.localdate()
        cards += [
            {
                "label": _("Maintenance overdue"),
                "value": overdue(MaintenancePlan.objects.for_access(access), today).count(),
                "url": f"{reverse('quality:maintenanceplan_list')}?overdue=true",
                "icon": "ti-tool",
            },
            {
                "label": _("Inspection certificates expiring within 30 days"),
                "value": current_certificates(
                    Certificate.objects.for_access(access).filter(
                        expires_on__lte=today + dt.timedelta(days=30)
                    )
                ).count(),
                "url": f"{reverse('quality:certificate_list')}?expiring=true",
                "icon": "ti-certificate",
            },
        ]
    return cards


def open_emergencies(access):
    """Every page of every staff member shows the emergencies being handled until they are
    closed (QUA-08) — field staff start on their task list, not on the workbench."""
    if not access.has("quality.incident.view"):
        return []
    return [
        {
            "text": _("Emergency being handled: %(number)s %(kind)s — %(title)s")
            % {"number": i.number, "kind": i.get_kind_display(), "title": i.title},
            "url": i.get_absolute_url(),
        }
        for i in Incident.objects.for_access(access)
        .filter(status=IncidentStatus.OPEN)
        .only("pk", "number", "kind", "title")[:3]
    ]
