"""Demo occupancy of 阳光花园 and 翠湖苑, made through the services: release passes (one
waiting for approval, one approved for today for the guard's gate page, one already let out)
and parking agreements (a prepaid lease, a month-by-month usage agreement, one ending this
month). A community with passes is left alone."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.billing.engine import add_months
from wuye.estate.models import ParkingSpace, Unit, UnitRelation
from wuye.org.models import Community

from .models import ReleasePass
from .services import parking, passes

COMMUNITIES = {"YGHY": "a", "CHY": "b"}
APPLICATIONS = [
    # reason, items, pieces, plate, where it ends
    ("move_out", "双人床一张\n衣柜一个\n纸箱十二个", 14, "粤B3M726", "requested"),
    ("furniture", "旧沙发一套\n冰箱一台", 2, "粤B8K215", "approved"),
    ("renovation", "电钻、切割机各一台", 2, "", "used"),
]


def seed(*, out, password):
    User = get_user_model()
    made = signed = 0
    today = timezone.localdate()
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        if community is None or ReleasePass.objects.filter(community=community).exists():
            continue
        csr = User.objects.filter(username=f"csr_{suffix}").first()
        guard = User.objects.filter(username=f"sec_{suffix}").first()
        owners = (
            UnitRelation.objects.filter(community=community, role="owner")
            .current()
            .select_related("person", "unit")
            .order_by("unit__code")[: len(APPLICATIONS)]
        )
        if csr is None or guard is None:
            continue
        for owner, (reason, items, pieces, plate, end) in zip(owners, APPLICATIONS, strict=False):
            unit: Unit = owner.unit
            release_pass = passes.request_pass(
                community=community,
                unit=unit,
                applicant_name=owner.person.name,
                applicant_phone=owner.person.phone,
                applicant_role="owner",
                reason=reason,
                items=items,
                item_count=pieces,
                vehicle_plate=plate,
                valid_from=today,
                valid_until=today,
                actor=csr,
            )
            if end != "requested":
                passes.approve_pass(release_pass, actor=csr)
            if end == "used":
                passes.verify_pass(release_pass, actor=guard, gate="北门")
            made += 1
        signed += _agreements(community, owners=list(owners), actor=csr, today=today)
    if made:
        out.write(f"occupancy: {made} release passes, {signed} parking agreements")


AGREEMENTS = [
    # kind, billing, months, price, months before today it started
    ("lease", "prepaid", 12, "350.00", 0),
    ("usage", "monthly", 12, "150.00", 2),
    ("lease", "monthly", 6, "300.00", 5),  # ends this month: the reminder card
]


def _agreements(community, *, owners, actor, today) -> int:
    spaces = ParkingSpace.objects.filter(community=community, agreements__isnull=True).order_by(
        "area__name", "number"
    )[: len(AGREEMENTS)]
    signed = 0
    for owner, space, (kind, billing, months, price, ago) in zip(
        owners, spaces, AGREEMENTS, strict=False
    ):
        start = add_months(today.replace(day=1), -ago) if ago else today
        parking.sign_agreement(
            community=community,
            kind=kind,
            space=space,
            unit=owner.unit,
            party_name=owner.person.name,
            party_phone=owner.person.phone,
            start_date=start,
            months=months,
            monthly_price=Decimal(price),
            billing=billing,
            actor=actor,
        )
        signed += 1
    parking.bill_due_months(community, today=today)  # the months already begun
    return signed
