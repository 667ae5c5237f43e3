from decimal import Decimal

import factory
from django.utils import timezone

from wuye.billing.engine import period_end
from wuye.estate.tests.factories import ParkingSpaceFactory, UnitFactory
from wuye.occupancy.models import ParkingAgreement, ReleasePass
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
