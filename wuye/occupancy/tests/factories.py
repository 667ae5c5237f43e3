import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from wuye.billing.engine import period_end
from wuye.estate.tests.factories import ParkingSpaceFactory, UnitFactory
from wuye.occupancy.models import (
    DecorationInspection,
    DecorationPermit,
    DecorationWorker,
    KeyHolding,
    MoveIn,
    MunicipalRequest,
    OccupancySettings,
    ParkingAgreement,
    ReleasePass,
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
