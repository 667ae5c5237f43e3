"""Demo occupancy of 阳光花园 and 翠湖苑, made through the services: release passes (one
waiting for approval, one approved for today for the guard's gate page, one already let out)
and parking agreements (a prepaid lease, a month-by-month usage agreement, one ending this
month), and today's move-in queue. A community with passes is left alone."""

import datetime as dt
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from wuye.billing.engine import add_months
from wuye.billing.models import MeterReading
from wuye.estate.models import Building, ParkingSpace, Unit, UnitRelation, Vendor
from wuye.org.models import Community

from .models import PaidService, ReleasePass
from .services import (
    decoration,
    handover,
    movein,
    municipal,
    parking,
    passes,
    vacant,
    valueadded,
)

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
        _municipal(community, owners=list(owners), actor=csr)
        _vacant(community, actor=csr, today=today)
        _move_ins(community, actor=csr, today=today)
        _value_added(community, owners=list(owners), actor=csr, today=today)
        manager = User.objects.filter(username=f"mgr_{suffix}").first()
        if manager is not None:
            _handover(community, actor=manager, today=today)
        cashier = User.objects.filter(username=f"csh_{suffix}").first()
        if cashier is not None:
            _decoration(community, owners=list(owners), actor=csr, cashier=cashier, today=today)
    if made:
        out.write(
            f"occupancy: {made} release passes, {signed} parking agreements, "
            "municipal requests, vacant-unit inspections and keys, decoration permits, "
            "today's move-ins, a handover under inspection, the paid service catalog with an "
            "order and a flat listed for rent"
        )


def _municipal(community, *, owners, actor) -> None:
    for owner, (service, provider, fee, forward) in zip(
        owners,
        [("gas", "港华燃气", "150.00", True), ("broadband", "中国电信", "0", False)],
        strict=False,
    ):
        request = municipal.register_request(
            community=community,
            unit=owner.unit,
            applicant_name=owner.person.name,
            applicant_phone=owner.person.phone or "13800000000",
            service=service,
            provider=provider,
            utility_fee=Decimal(fee),
            actor=actor,
        )
        if forward:
            municipal.forward_request(request, actor=actor, utility_reference="GH-DEMO-01")


def _vacant(community, *, actor, today) -> None:
    """Keys held for the first vacant units; one inspected last week, one 40 days ago (due)."""
    units = list(
        Unit.objects.filter(community=community, status__in=vacant.VACANT_STATUSES).order_by(
            "code"
        )[:3]
    )
    for unit, days in zip(units, (7, 40), strict=False):
        vacant.record_inspection(
            unit,
            actor=actor,
            inspected_on=today - dt.timedelta(days=days),
            doors_ok=True,
            windows_ok=True,
            water_ok=True,
            no_leak=True,
            photo=[ContentFile(_demo_photo(), name="vacant-demo.png")],
        )
    for unit in units:
        vacant.receive_keys(
            unit, keys="入户门钥匙2把", key_count=2, received_from="开发商", actor=actor
        )


def _move_ins(community, *, actor, today) -> None:
    """Today's move-in queue: three handed-over units' owners booked half an hour apart, the
    first one served and completed (its readings taken, three months billed)."""
    relations = (
        UnitRelation.objects.filter(
            community=community, role="owner", unit__status="handed_over", end_date__isnull=True
        )
        .select_related("unit", "person")
        .order_by("unit__building__sort_key", "unit__code")[:3]
    )
    for index, relation in enumerate(relations):
        booked = movein.book_move_in(
            community=community,
            unit=relation.unit,
            owner_name=relation.person.name,
            owner_phone=relation.person.phone,
            appointment_date=today,
            appointment_time=dt.time(9 + index // 2, 30 * (index % 2)),
            actor=actor,
        )
        meters = movein.unit_meters(booked.unit)
        if index == 0 and not MeterReading.objects.filter(
            meter__in=meters, period=today.replace(day=1)
        ):
            movein.arrive(booked, actor=actor)
            movein.complete_move_in(
                booked,
                actor=actor,
                moved_in_on=today,
                id_checked=True,
                contract_checked=True,
                rules_signed=True,
                keys_count=3,
                access_cards=2,
                readings={meter.pk: _last_reading(meter) + Decimal("3.50") for meter in meters},
                months=3,
            )


CATALOG = [
    ("日常保洁", "housekeeping", "50.00", "小时"),
    ("开荒保洁", "cleaning", "8.00", "平方米"),
    ("家电清洗", "housekeeping", "120.00", "台"),
    ("疏通下水道", "repair", "80.00", "次"),
    ("小区内搬家", "moving", "300.00", "次"),
]


def _value_added(community, *, owners, actor, today) -> None:
    """The paid service catalog, one housekeeping order and one flat listed for rent."""
    for name, category, price, per in CATALOG:
        PaidService.objects.get_or_create(
            community=community,
            name=name,
            defaults={
                "category": category,
                "price": Decimal(price),
                "per": per,
                "created_by": actor,
            },
        )
    if not owners:
        return
    relation = owners[0]
    valueadded.order_service(
        community=community,
        unit=relation.unit,
        service=PaidService.objects.get(community=community, name="日常保洁"),
        quantity=Decimal(3),
        contact_name=relation.person.name,
        contact_phone=relation.person.phone,
        wanted_on=today + dt.timedelta(days=1),
        note="上午九点后",
        actor=actor,
    )
    if len(owners) > 1:
        other = owners[1]
        valueadded.list_unit(
            community=community,
            unit=other.unit,
            kind="rent",
            owner_name=other.person.name,
            owner_phone=other.person.phone,
            asking_price=Decimal("3800.00"),
            description="南北通透，家电齐全，拎包入住",
            actor=actor,
        )


def _handover(community, *, actor, today) -> None:
    """The last building taken over from the developer: the first round done, two defects
    forwarded under warranty."""
    building = Building.objects.filter(community=community).order_by("-sort_key", "-pk").first()
    if building is None:
        return
    developer, _made = Vendor.objects.get_or_create(
        community=community,
        name=f"{community.name}开发建设有限公司",
        defaults={"category": "developer", "contact_name": "陈经理", "created_by": actor},
    )
    started = today - dt.timedelta(days=6)
    record = handover.start_handover(
        community=community,
        name=f"{building.number}栋承接查验",
        buildings=[building],
        developer=developer,
        started_on=started,
        actor=actor,
    )
    checks = list(record.checks.order_by("position"))
    results = {check.pk: "passed" for check in checks[:12]}
    results[checks[9].pk] = "failed"
    handover.record_round(
        record,
        actor=actor,
        inspected_on=started + dt.timedelta(days=1),
        inspectors="王工、李工",
        results=results,
    )
    for system, location, description, severity in (
        ("water", "地下一层水泵房", "2 号水泵轴封渗水", "major"),
        ("fire", "地下车库 B1 西侧", "喷淋末端试水装置压力不足", "critical"),
    ):
        handover.record_defect(
            record,
            actor=actor,
            system=system,
            building=building,
            location=location,
            description=description,
            severity=severity,
            due_date=today + dt.timedelta(days=20),
        )


def _last_reading(meter) -> Decimal:
    last = MeterReading.objects.filter(meter=meter).order_by("-period").first()
    return last.current_reading if last is not None else meter.initial_reading


def _demo_photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (220, 220, 220)).save(buffer, "PNG")
    return buffer.getvalue()


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


def _decoration(community, *, owners, actor, cashier, today) -> None:
    """One application waiting for review, one permit issued with its deposit and a worker."""
    for owner, issue in zip(owners[1:3], (False, True), strict=False):
        permit = decoration.apply_permit(
            community=community,
            unit=owner.unit,
            applicant_name=owner.person.name,
            applicant_phone=owner.person.phone or "13800000000",
            contractor="美家装饰工程有限公司",
            contractor_leader="王师傅",
            contractor_phone="13722223333",
            scope="厨房、卫生间翻新；客厅铺木地板",
            start_date=today,
            end_date=today + dt.timedelta(days=60),
            wet_area_plumbing=True,
            actor=actor,
        )
        if not issue:
            continue
        decoration.approve_permit(permit, actor=actor, note="卫生间须重做防水并闭水试验48小时")
        decoration.issue_permit(
            permit,
            actor=cashier,
            deposit=Decimal("2000.00"),
            channel="cash",
            idempotency_key=f"demo-decoration-{permit.pk}",
        )
        decoration.add_worker(
            permit, actor=actor, name="张建华", id_number="11010519491231002X", phone="13600001111"
        )
