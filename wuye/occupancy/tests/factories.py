import factory
from django.utils import timezone

from wuye.estate.tests.factories import UnitFactory
from wuye.occupancy.models import ReleasePass
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
