from decimal import Decimal

import factory
from django.utils import timezone

from wuye.estate.models import (
    Building,
    ExternalContact,
    Facility,
    LiaisonLog,
    Meter,
    MeterReplacement,
    ParkingArea,
    ParkingSpace,
    Person,
    Unit,
    UnitRelation,
    Vehicle,
    Vendor,
)
from wuye.org.tests.factories import CommunityFactory

PROVINCE_LETTERS = "ABCDEFGHJK"


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"楼栋{n:05d}")
    floors = 18


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    community = factory.SubFactory(CommunityFactory)
    building = factory.SubFactory(BuildingFactory, community=factory.SelfAttribute("..community"))
    entrance = 1
    number = factory.Sequence(lambda n: f"{n % 18 + 1}{n % 100:02d}")
    floor = factory.Sequence(lambda n: n % 18 + 1)
    gross_area = Decimal("89.50")
    inner_area = Decimal("72.30")
    status = "occupied"
    note = factory.Sequence(lambda n: f"房屋备注{n:05d}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"住户{n:05d}")
    phone = factory.Sequence(lambda n: f"137{n:08d}")


class UnitRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitRelation

    community = factory.SubFactory(CommunityFactory)
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    person = factory.SubFactory(PersonFactory, community=factory.SelfAttribute("..community"))
    role = "owner"
    start_date = factory.LazyFunction(timezone.localdate)
    relationship = factory.Sequence(lambda n: f"关系{n:05d}")


class ParkingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParkingArea

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"停车场{n:05d}")


class ParkingSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParkingSpace

    community = factory.SubFactory(CommunityFactory)
    area = factory.SubFactory(ParkingAreaFactory, community=factory.SelfAttribute("..community"))
    number = factory.Sequence(lambda n: f"B{n:04d}")
    note = factory.Sequence(lambda n: f"车位备注{n:05d}")


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    community = factory.SubFactory(CommunityFactory)
    plate = factory.Sequence(lambda n: f"粤{PROVINCE_LETTERS[n % 10]}{n:05d}")
    person = factory.SubFactory(PersonFactory, community=factory.SelfAttribute("..community"))
    brand = factory.Sequence(lambda n: f"品牌{n:05d}")


class MeterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meter

    community = factory.SubFactory(CommunityFactory)
    kind = "water"
    scope = "unit"
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    serial = factory.Sequence(lambda n: f"W{n:08d}")
    location = factory.Sequence(lambda n: f"水表井{n:05d}")


class MeterReplacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeterReplacement

    community = factory.SubFactory(CommunityFactory)
    old_meter = factory.SubFactory(
        MeterFactory, community=factory.SelfAttribute("..community"), is_active=False
    )
    new_meter = factory.SubFactory(MeterFactory, community=factory.SelfAttribute("..community"))
    replaced_on = factory.LazyFunction(timezone.localdate)
    old_final_reading = Decimal("120.00")
    new_initial_reading = Decimal("0.00")
    reason = factory.Sequence(lambda n: f"换表原因{n:05d}")


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"供应商{n:05d}")
    category = "elevator"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    community = factory.SubFactory(CommunityFactory)
    kind = "elevator"
    code = factory.Sequence(lambda n: f"DT{n:04d}")
    name = factory.Sequence(lambda n: f"电梯{n:05d}")


class ExternalContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalContact

    community = factory.SubFactory(CommunityFactory)
    organization = factory.Sequence(lambda n: f"居委会{n:05d}")
    kind = "committee"
    contact_name = factory.Sequence(lambda n: f"联系人{n:05d}")


class LiaisonLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonLog

    community = factory.SubFactory(CommunityFactory)
    contact = factory.SubFactory(
        ExternalContactFactory, community=factory.SelfAttribute("..community")
    )
    subject = factory.Sequence(lambda n: f"联络事项{n:05d}")
