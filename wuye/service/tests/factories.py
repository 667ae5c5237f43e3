import datetime as dt

import factory
from django.utils import timezone

from wuye.estate.tests.factories import UnitFactory
from wuye.org.tests.factories import CommunityFactory
from wuye.service.models import (
    Category,
    Escalation,
    ReturnVisit,
    ServicePolicy,
    TimeLimit,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderPhoto,
)


class ServicePolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePolicy

    community = factory.SubFactory(CommunityFactory)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"报修类别{n:05d}")


class TimeLimitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeLimit

    community = factory.SubFactory(CommunityFactory)
    category = factory.SubFactory(CategoryFactory, community=factory.SelfAttribute("..community"))
    priority = "normal"
    response_minutes = 30
    arrival_minutes = 120
    completion_minutes = 1440


class WorkOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrder

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"GD2026{n:06d}")
    kind = "repair"
    channel = "hotline"
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    description = factory.Sequence(lambda n: f"厨房水管漏水{n:05d}")
    reporter_name = factory.Sequence(lambda n: f"报修人{n:05d}")
    response_due = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(minutes=30))
    completion_due = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))


class WorkOrderEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrderEvent

    community = factory.SubFactory(CommunityFactory)
    order = factory.SubFactory(WorkOrderFactory, community=factory.SelfAttribute("..community"))
    action = "note"
    note = factory.Sequence(lambda n: f"跟进备注{n:05d}")


class WorkOrderPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrderPhoto

    community = factory.SubFactory(CommunityFactory)
    order = factory.SubFactory(WorkOrderFactory, community=factory.SelfAttribute("..community"))
    image = factory.django.ImageField(width=8, height=8, filename="leak.png")


class ReturnVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReturnVisit

    community = factory.SubFactory(CommunityFactory)
    order = factory.SubFactory(
        WorkOrderFactory, community=factory.SelfAttribute("..community"), status="completed"
    )
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    comment = factory.Sequence(lambda n: f"回访意见{n:05d}")


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    community = factory.SubFactory(CommunityFactory)
    order = factory.SubFactory(WorkOrderFactory, community=factory.SelfAttribute("..community"))
    level = "breach"
    deadline = "completion"
    notified = factory.Sequence(lambda n: f"调度员{n:05d}")
