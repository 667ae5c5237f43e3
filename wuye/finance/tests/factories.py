import datetime as dt

import factory
from django.utils import timezone

from wuye.finance.models import BookNumber, MonthClose, NumberedBook, Seal, SealUse
from wuye.org.tests.factories import CommunityFactory, UserFactory


class SealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seal

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"印章{n:05d}")
    kind = "official"


class SealUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SealUse

    community = factory.SubFactory(CommunityFactory)
    seal = factory.SubFactory(SealFactory, community=factory.SelfAttribute("..community"))
    document = factory.Sequence(lambda n: f"用印文件{n:05d}")
    purpose = "合同盖章"
    applicant = factory.SubFactory(UserFactory)
    approver = factory.SubFactory(UserFactory)


class NumberedBookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NumberedBook

    community = factory.SubFactory(CommunityFactory)
    kind = "receipt"
    series = factory.Sequence(lambda n: f"S{n:05d}")
    first_number = 1
    last_number = 50
    status = "issued"
    holder = factory.SubFactory(UserFactory)
    issued_on = dt.date(2026, 1, 5)


class BookNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookNumber

    community = factory.SubFactory(CommunityFactory)
    book = factory.SubFactory(NumberedBookFactory, community=factory.SelfAttribute("..community"))
    number = factory.Sequence(lambda n: n % 50 + 1)
    status = "used"
    used_on = dt.date(2026, 1, 6)


class MonthCloseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthClose

    community = factory.SubFactory(CommunityFactory)
    month = dt.date(2026, 10, 1)
    closed_by = factory.SubFactory(UserFactory)
    closed_at = factory.LazyFunction(timezone.now)
