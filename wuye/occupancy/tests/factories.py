import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from wuye.billing.engine import period_end
from wuye.estate.tests.factories import (
    BuildingFactory,
    ParkingSpaceFactory,
    UnitFactory,
    VendorFactory,
)
from wuye.occupancy.models import (
    DecorationDrawing,
    DecorationInspection,
    DecorationPermit,
    DecorationWorker,
    Handover,
    HandoverCheck,
    HandoverDefect,
    HandoverRound,
    KeyHolding,
    Listing,
    ListingPhoto,
    ListingViewing,
    MoveIn,
    MunicipalRequest,
    OccupancySettings,
    PaidService,
    ParkingAgreement,
    ReleasePass,
    ServiceOrder,
    VacantInspection,
)
from wuye.org.tests.factories import CommunityFactory


class ReleasePassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReleasePass

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"FX{timezone.localdate().year}{n + 500000:06d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    applicant_name = factory.Sequence(lambda n: f"申请人{n:05d}")
    applicant_role = "owner"
    reason = "furniture"
    items = "双人床一张\n冰箱一台"
    item_count = 2
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyFunction(timezone.localdate)
    status = "approved"


class ParkingAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParkingAgreement

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"CW{timezone.localdate().year}{n + 500000:06d}")
    kind = "lease"
    space = factory.SubFactory(ParkingSpaceFactory, community=factory.SelfAttribute("..community"))
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    party_name = factory.Sequence(lambda n: f"车主{n:05d}")
    plates = "粤B12345"
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    months = 12
    end_date = factory.LazyAttribute(lambda o: period_end(o.start_date, o.months))
    monthly_price = Decimal("300.00")
    billing = "monthly"


class MunicipalRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalRequest

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"SZ{timezone.localdate().year}{n + 500000:06d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    applicant_name = factory.Sequence(lambda n: f"住户{n:05d}")
    applicant_phone = "13800001234"
    service = "broadband"
    provider = "中国电信"


class OccupancySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupancySettings

    community = factory.SubFactory(CommunityFactory)


class VacantInspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacantInspection

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(
        UnitFactory, community=factory.SelfAttribute("..community"), status="vacant"
    )
    inspected_on = factory.LazyFunction(timezone.localdate)
    doors_ok = windows_ok = water_ok = no_leak = True
    findings = factory.Sequence(lambda n: f"巡查记录{n:05d}")
    photo = factory.django.ImageField(filename="vacant.jpg", format="JPEG")


class KeyHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyHolding

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(
        UnitFactory, community=factory.SelfAttribute("..community"), status="vacant"
    )
    keys = factory.Sequence(lambda n: f"代管钥匙{n:05d}")
    key_count = 2
    received_from = factory.Sequence(lambda n: f"开发商{n:05d}")


class DecorationPermitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecorationPermit

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"ZX{timezone.localdate().year}{n + 500000:06d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    applicant_name = factory.Sequence(lambda n: f"业主{n:05d}")
    applicant_phone = "13900001111"
    contractor = factory.Sequence(lambda n: f"美家装饰{n:05d}")
    contractor_leader = factory.Sequence(lambda n: f"工长{n:05d}")
    contractor_phone = "13700002222"
    scope = "厨房卫生间翻新，客厅铺地板"
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


class DecorationWorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecorationWorker

    community = factory.SubFactory(CommunityFactory)
    permit = factory.SubFactory(
        DecorationPermitFactory, community=factory.SelfAttribute("..community")
    )
    name = factory.Sequence(lambda n: f"工人{n:05d}")
    id_number = "11010519491231002X"
    phone = "13600003333"
    pass_number = factory.Sequence(lambda n: f"ZX-W{n:06d}")


class DecorationInspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecorationInspection

    community = factory.SubFactory(CommunityFactory)
    permit = factory.SubFactory(
        DecorationPermitFactory, community=factory.SelfAttribute("..community")
    )
    violation = True
    findings = factory.Sequence(lambda n: f"违规施工{n:05d}")
    notice_number = factory.Sequence(lambda n: f"ZG-N{n:06d}")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
    photo = factory.django.ImageField(filename="patrol.jpg", format="JPEG")


class MoveInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MoveIn

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"RH{timezone.localdate().year}{n + 500000:06d}")
    unit = factory.SubFactory(
        UnitFactory, community=factory.SelfAttribute("..community"), status="handed_over"
    )
    owner_name = factory.Sequence(lambda n: f"迁入人{n:05d}")
    owner_phone = factory.Sequence(lambda n: f"137{n:08d}")
    appointment_date = factory.LazyFunction(timezone.localdate)
    appointment_time = dt.time(9, 30)
    note = factory.Sequence(lambda n: f"迁入说明{n:05d}")


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"CJ{timezone.localdate().year}{n + 5000:04d}")
    name = factory.Sequence(lambda n: f"承接查验批次{n:05d}")
    developer = factory.SubFactory(
        VendorFactory, community=factory.SelfAttribute("..community"), category="developer"
    )
    note = factory.Sequence(lambda n: f"承接说明{n:05d}")

    @factory.post_generation
    def buildings(self, create, extracted, **kwargs):
        if create:
            self.buildings.set(extracted or [BuildingFactory(community=self.community)])


class HandoverRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandoverRound

    community = factory.SubFactory(CommunityFactory)
    handover = factory.SubFactory(HandoverFactory, community=factory.SelfAttribute("..community"))
    sequence = factory.Sequence(lambda n: n + 1)
    inspected_on = factory.LazyFunction(timezone.localdate)
    inspectors = factory.Sequence(lambda n: f"查验员{n:05d}")


class HandoverCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandoverCheck

    community = factory.SubFactory(CommunityFactory)
    handover = factory.SubFactory(HandoverFactory, community=factory.SelfAttribute("..community"))
    system = "structure"
    position = factory.Sequence(lambda n: n + 1)
    item = factory.Sequence(lambda n: f"查验项目{n:05d}")


class HandoverDefectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandoverDefect

    community = factory.SubFactory(CommunityFactory)
    handover = factory.SubFactory(HandoverFactory, community=factory.SelfAttribute("..community"))
    found_in = factory.SubFactory(
        HandoverRoundFactory,
        community=factory.SelfAttribute("..community"),
        handover=factory.SelfAttribute("..handover"),
    )
    system = "water"
    location = factory.Sequence(lambda n: f"地下室位置{n:05d}")
    description = factory.Sequence(lambda n: f"管道渗水问题{n:05d}")
    severity = "major"
    photo = factory.django.ImageField(filename="defect.png", format="PNG", width=8, height=8)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    work_order = factory.SubFactory(
        "wuye.service.tests.factories.WorkOrderFactory",
        community=factory.SelfAttribute("..community"),
        under_warranty=True,
    )


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"DL{timezone.localdate().year}{n + 50000:05d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    kind = "rent"
    owner_name = factory.Sequence(lambda n: f"出租人{n:05d}")
    owner_phone = factory.Sequence(lambda n: f"136{n:08d}")
    asking_price = Decimal("3500.00")
    description = factory.Sequence(lambda n: f"南北通透精装{n:05d}")


class ListingPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListingPhoto

    community = factory.SubFactory(CommunityFactory)
    listing = factory.SubFactory(ListingFactory, community=factory.SelfAttribute("..community"))
    image = factory.django.ImageField(filename="listing.png", format="PNG", width=8, height=8)


class ListingViewingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListingViewing

    community = factory.SubFactory(CommunityFactory)
    listing = factory.SubFactory(ListingFactory, community=factory.SelfAttribute("..community"))
    viewed_at = factory.LazyFunction(timezone.now)
    visitor_name = factory.Sequence(lambda n: f"看房客{n:05d}")
    visitor_phone = factory.Sequence(lambda n: f"135{n:08d}")
    feedback = factory.Sequence(lambda n: f"看房反馈{n:05d}")


class PaidServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaidService

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"有偿服务项目{n:05d}")
    category = "housekeeping"
    price = Decimal("50.00")
    per = "小时"
    description = factory.Sequence(lambda n: f"服务说明{n:05d}")


class ServiceOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOrder

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"ZF{timezone.localdate().year}{n + 500000:06d}")
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    service = factory.SubFactory(PaidServiceFactory, community=factory.SelfAttribute("..community"))
    quantity = Decimal("2")
    unit_price = Decimal("50.00")
    amount = Decimal("100.00")
    contact_name = factory.Sequence(lambda n: f"下单人{n:05d}")
    contact_phone = factory.Sequence(lambda n: f"134{n:08d}")
    wanted_on = factory.LazyFunction(timezone.localdate)
    channel = "counter"
    note = factory.Sequence(lambda n: f"下单备注{n:05d}")
    bill = factory.SubFactory(
        "wuye.billing.tests.factories.BillFactory",
        community=factory.SelfAttribute("..community"),
        unit=factory.SelfAttribute("..unit"),
    )
    work_order = factory.SubFactory(
        "wuye.service.tests.factories.WorkOrderFactory",
        community=factory.SelfAttribute("..community"),
        unit=factory.SelfAttribute("..unit"),
    )


class DecorationDrawingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecorationDrawing

    community = factory.SubFactory(CommunityFactory)
    permit = factory.SubFactory(
        "wuye.occupancy.tests.factories.DecorationPermitFactory",
        community=factory.SelfAttribute("..community"),
    )
    file = factory.django.ImageField(filename="plan.png", format="PNG", width=8, height=8)
    name = factory.Sequence(lambda n: f"平面布置图{n:05d}.png")
