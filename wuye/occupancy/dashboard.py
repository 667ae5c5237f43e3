"""Occupancy on the home page (the desk): today's move-ins still waiting, release passes waiting for a decision, parking
agreements ending within 30 days, decoration applications to review and works overdue."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import OPEN_MOVE_IN_STATUSES, AgreementStatus, PassStatus, PermitStatus
from .models import DecorationPermit, MoveIn, ParkingAgreement, ReleasePass


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
    if access.has("occupancy.movein.change"):
        today = timezone.localdate()
        waiting = MoveIn.objects.for_access(access).filter(
            appointment_date=today, status__in=OPEN_MOVE_IN_STATUSES
        )
        cards.append(
            {
                "label": _("Move-ins waiting today"),
                "value": waiting.count(),
                "url": f"{reverse('occupancy:movein_board')}?day={today:%Y-%m-%d}",
                "icon": "ti-key",
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
