import datetime as dt

import factory
from django.utils import timezone

from wuye.org.tests.factories import CommunityFactory
from wuye.quality.models import (
    CheckIn,
    ChecklistItem,
    Checkpoint,
    Finding,
    InspectionPlan,
    InspectionTask,
    ItemResult,
    PlanStop,
)


class CheckpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkpoint

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"XJ-{n + 5000:05d}")
    name = factory.Sequence(lambda n: f"巡查点位{n:05d}")
    kind = "place"
    location = factory.Sequence(lambda n: f"点位描述{n:05d}")


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    community = factory.SubFactory(CommunityFactory)
    checkpoint = factory.SubFactory(
        CheckpointFactory, community=factory.SelfAttribute("..community")
    )
    text = factory.Sequence(lambda n: f"检查内容{n:05d}")


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionPlan

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"巡查计划{n:05d}")
    category = "inspection"
    frequency = "daily"
    window_start = dt.time(8, 0)
    window_end = dt.time(10, 0)
    assigned_post = "SEC"
    starts_on = dt.date(2026, 1, 1)


class PlanStopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanStop

    community = factory.SubFactory(CommunityFactory)
    plan = factory.SubFactory(InspectionPlanFactory, community=factory.SelfAttribute("..community"))
    checkpoint = factory.SubFactory(
        CheckpointFactory, community=factory.SelfAttribute("..community")
    )
    position = factory.Sequence(lambda n: n + 1)


class InspectionTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionTask

    community = factory.SubFactory(CommunityFactory)
    plan = factory.SubFactory(InspectionPlanFactory, community=factory.SelfAttribute("..community"))
    day = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    window_start = factory.LazyAttribute(
        lambda task: dt.datetime.combine(
            task.day, dt.time(8), tzinfo=timezone.get_default_timezone()
        )
    )
    window_end = factory.LazyAttribute(
        lambda task: dt.datetime.combine(
            task.day, dt.time(10), tzinfo=timezone.get_default_timezone()
        )
    )
    assigned_post = "SEC"


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    community = factory.SubFactory(CommunityFactory)
    task = factory.SubFactory(InspectionTaskFactory, community=factory.SelfAttribute("..community"))
    checkpoint = factory.SubFactory(
        CheckpointFactory, community=factory.SelfAttribute("..community")
    )
    checked_at = factory.LazyFunction(timezone.now)
    note = factory.Sequence(lambda n: f"签到备注{n:05d}")


class ItemResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemResult

    community = factory.SubFactory(CommunityFactory)
    check_in = factory.SubFactory(CheckInFactory, community=factory.SelfAttribute("..community"))
    item = factory.SubFactory(
        ChecklistItemFactory,
        community=factory.SelfAttribute("..community"),
        checkpoint=factory.SelfAttribute("..check_in.checkpoint"),
    )
    passed = False
    remark = factory.Sequence(lambda n: f"检查说明{n:05d}")


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    community = factory.SubFactory(CommunityFactory)
    result = factory.SubFactory(ItemResultFactory, community=factory.SelfAttribute("..community"))
    checkpoint = factory.SelfAttribute("result.check_in.checkpoint")
    description = factory.Sequence(lambda n: f"巡查发现问题{n:05d}")
    work_order = factory.SubFactory(
        "wuye.service.tests.factories.WorkOrderFactory",
        community=factory.SelfAttribute("..community"),
    )
