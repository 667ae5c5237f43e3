"""Occupancy on the home page (the desk): release passes waiting for a decision, parking
agreements ending within 30 days, decoration applications to review and works overdue."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import AgreementStatus, PassStatus, PermitStatus
from .models import DecorationPermit, ParkingAgreement, ReleasePass


def home_cards(access):
    cards = []
    if access.has("occupancy.pass.approve"):
        waiting = ReleasePass.objects.for_access(access).filter(status=PassStatus.REQUESTED)
        cards.append(
            {
                "label": _("Release passes waiting for approval"),
                "value": waiting.count(),
                "url": f"{reverse('occupancy:releasepass_list')}?status={PassStatus.REQUESTED}",
                "icon": "ti-truck-delivery",
            }
        )
    if access.has("occupancy.parking.change"):
        today = timezone.localdate()
        ending = ParkingAgreement.objects.for_access(access).filter(
            status=AgreementStatus.SIGNED,
            end_date__gte=today,
            end_date__lte=today + dt.timedelta(days=30),
        )
        cards.append(
            {
                "label": _("Parking agreements ending within 30 days"),
                "value": ending.count(),
                "url": f"{reverse('occupancy:parkingagreement_list')}?expiring=true",
                "icon": "ti-parking",
            }
        )
    if access.has("occupancy.decoration.approve"):
        permits = DecorationPermit.objects.for_access(access)
        base = reverse("occupancy:decorationpermit_list")
        cards += [
            {
                "label": _("Decoration applications waiting for review"),
                "value": permits.filter(status=PermitStatus.APPLIED).count(),
                "url": f"{base}?status={PermitStatus.APPLIED}",
                "icon": "ti-paint",
            },
            {
                "label": _("Decoration works overdue"),
                "value": permits.filter(
                    status=PermitStatus.ISSUED, end_date__lt=timezone.localdate()
                ).count(),
                "url": f"{base}?period=overdue",
                "icon": "ti-alarm",
            },
        ]
    return cards
