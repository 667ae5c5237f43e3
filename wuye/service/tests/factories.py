import datetime as dt

import factory
from django.utils import timezone

from wuye.estate.tests.factories import UnitFactory, VendorFactory
from wuye.org.tests.factories import CommunityFactory, UserFactory
from wuye.service.models import (
    ArticleRevision,
    Category,
    DutyItem,
    DutyLog,
    DutyReview,
    Escalation,
    KnowledgeArticle,
    ReceptionLog,
    ReturnVisit,
    ServicePolicy,
    TimeLimit,
    WarrantyClaim,
    WorkOrder,
    WorkOrderAttachment,
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


class KnowledgeArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeArticle

    community = factory.SubFactory(CommunityFactory)
    topic = "收费"
    title = factory.Sequence(lambda n: f"常见问题{n:05d}")
    answer = factory.Sequence(lambda n: f"答复内容{n:05d}")


class ArticleRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleRevision

    community = factory.SubFactory(CommunityFactory)
    article = factory.SubFactory(
        KnowledgeArticleFactory, community=factory.SelfAttribute("..community")
    )
    revision = 1
    title = factory.Sequence(lambda n: f"旧标题{n:05d}")
    answer = factory.Sequence(lambda n: f"旧答复{n:05d}")


class DutyLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyLog

    community = factory.SubFactory(CommunityFactory)
    desk = factory.Sequence(lambda n: f"前台{n:05d}")
    date = factory.LazyFunction(timezone.localdate)
    shift = "day"
    on_duty = factory.SubFactory(UserFactory)
    notes = factory.Sequence(lambda n: f"值班情况{n:05d}")


class DutyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyItem

    community = factory.SubFactory(CommunityFactory)
    log = factory.SubFactory(DutyLogFactory, community=factory.SelfAttribute("..community"))
    text = factory.Sequence(lambda n: f"待办事项{n:05d}")


class DutyReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyReview

    community = factory.SubFactory(CommunityFactory)
    log = factory.SubFactory(DutyLogFactory, community=factory.SelfAttribute("..community"))
    mark = "issue"
    comment = factory.Sequence(lambda n: f"检查意见{n:05d}")


class ReceptionLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionLog

    community = factory.SubFactory(CommunityFactory)
    visitor = factory.Sequence(lambda n: f"来访人{n:05d}")
    purpose = "inquiry"
    matter = factory.Sequence(lambda n: f"来访事由{n:05d}")
    handled_by = factory.SubFactory(UserFactory)


class WarrantyClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WarrantyClaim

    community = factory.SubFactory(CommunityFactory)
    order = factory.SubFactory(
        WorkOrderFactory, community=factory.SelfAttribute("..community"), under_warranty=True
    )
    vendor = factory.SubFactory(VendorFactory, community=factory.SelfAttribute("..community"))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=15))
    reply = factory.Sequence(lambda n: f"开发商答复{n:05d}")


class WorkOrderAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrderAttachment

    community = factory.SubFactory(CommunityFactory)
    order = factory.SubFactory(WorkOrderFactory, community=factory.SelfAttribute("..community"))
    file = factory.django.FileField(filename="referral.pdf", data=b"%PDF-1.4 test")
    name = factory.Sequence(lambda n: f"转办函{n:05d}.pdf")
