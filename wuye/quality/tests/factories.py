import datetime as dt

import factory
from django.utils import timezone

from wuye.org.tests.factories import CommunityFactory
from wuye.quality.models import (
    Assessment,
    AssessmentItem,
    Certificate,
    CheckEntry,
    CheckIn,
    ChecklistItem,
    Checkpoint,
    CheckStandard,
    DepartmentAssessment,
    EvaluationDeduction,
    ExcellenceEvidence,
    ExcellenceItem,
    ExcellenceReview,
    Finding,
    Incident,
    IncidentLog,
    IncidentStep,
    InspectionPlan,
    InspectionTask,
    ItemResult,
    MaintenancePlan,
    MaintenanceRecord,
    PlanStop,
    QualityCheck,
    SignBoard,
    StandardItem,
    TrainingAttendance,
    TrainingSession,
    VendorEvaluation,
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


class CheckStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckStandard

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"品质标准表{n:05d}")
    kind = "spot"


class StandardItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardItem

    community = factory.SubFactory(CommunityFactory)
    standard = factory.SubFactory(
        CheckStandardFactory, community=factory.SelfAttribute("..community")
    )
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"标准检查项{n:05d}")
    points = 5


class SignBoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignBoard

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"BS-{n:05d}")
    name = factory.Sequence(lambda n: f"标识牌名称{n:05d}")
    kind = "sign"
    location = factory.Sequence(lambda n: f"标识位置{n:05d}")


class QualityCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityCheck

    community = factory.SubFactory(CommunityFactory)
    kind = "spot"
    standard = factory.SubFactory(
        CheckStandardFactory, community=factory.SelfAttribute("..community")
    )
    checked_on = factory.LazyFunction(timezone.localdate)
    summary = factory.Sequence(lambda n: f"检查小结{n:05d}")


class CheckEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckEntry

    community = factory.SubFactory(CommunityFactory)
    quality_check = factory.SubFactory(
        QualityCheckFactory, community=factory.SelfAttribute("..community")
    )
    item = factory.SubFactory(
        StandardItemFactory,
        community=factory.SelfAttribute("..community"),
        standard=factory.SelfAttribute("..quality_check.standard"),
    )
    subject = factory.Sequence(lambda n: f"检查对象{n:05d}")
    recorded_at = factory.LazyFunction(timezone.now)
    passed = True
    photo = factory.django.ImageField(filename="entry.jpg", format="JPEG", width=8, height=8)


class MaintenancePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenancePlan

    community = factory.SubFactory(CommunityFactory)
    facility = factory.SubFactory(
        "wuye.estate.tests.factories.FacilityFactory",
        community=factory.SelfAttribute("..community"),
    )
    name = factory.Sequence(lambda n: f"保养计划{n:05d}")
    interval = 15
    interval_unit = "days"
    work = factory.Sequence(lambda n: f"保养内容{n:05d}")
    next_due = factory.LazyFunction(timezone.localdate)


class MaintenanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaintenanceRecord

    community = factory.SubFactory(CommunityFactory)
    plan = factory.SubFactory(
        MaintenancePlanFactory, community=factory.SelfAttribute("..community")
    )
    facility = factory.SelfAttribute("plan.facility")
    done_on = factory.LazyFunction(timezone.localdate)
    technician = factory.Sequence(lambda n: f"维保技工{n:05d}")
    work = factory.Sequence(lambda n: f"维保记录{n:05d}")
    next_due = factory.LazyAttribute(lambda r: r.done_on + dt.timedelta(days=15))
    photo = factory.django.ImageField(filename="upkeep.jpg", format="JPEG", width=8, height=8)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    community = factory.SubFactory(CommunityFactory)
    facility = factory.SubFactory(
        "wuye.estate.tests.factories.FacilityFactory",
        community=factory.SelfAttribute("..community"),
    )
    kind = "elevator"
    number = factory.Sequence(lambda n: f"ZS{n:06d}")
    issuer = factory.Sequence(lambda n: f"特检院{n:05d}")
    issued_on = dt.date(2026, 1, 10)
    expires_on = dt.date(2027, 1, 9)
    document = factory.django.FileField(filename="certificate.pdf", data=b"%PDF-1.4 scan")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"YJ{n:05d}")
    kind = "other"
    title = factory.Sequence(lambda n: f"突发事件标题{n:05d}")
    location = factory.Sequence(lambda n: f"事发地点{n:05d}")
    occurred_at = factory.LazyFunction(timezone.now)


class IncidentStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncidentStep

    community = factory.SubFactory(CommunityFactory)
    incident = factory.SubFactory(IncidentFactory, community=factory.SelfAttribute("..community"))
    position = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"step{n}")
    text = factory.Sequence(lambda n: f"处置步骤{n:05d}")


class IncidentLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncidentLog

    community = factory.SubFactory(CommunityFactory)
    incident = factory.SubFactory(IncidentFactory, community=factory.SelfAttribute("..community"))
    at = factory.LazyFunction(timezone.now)
    text = factory.Sequence(lambda n: f"处置经过{n:05d}")


class AssessmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentItem

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"KH{n:04d}")
    text = factory.Sequence(lambda n: f"考核标准项{n:05d}")
    points = -2
    amount = -20


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    community = factory.SubFactory(CommunityFactory)
    staff = factory.SubFactory("wuye.org.tests.factories.UserFactory")
    item = factory.SubFactory(AssessmentItemFactory, community=factory.SelfAttribute("..community"))
    occurred_on = factory.LazyFunction(timezone.localdate)
    points = -2
    amount = -20
    reason = factory.Sequence(lambda n: f"考核原因{n:05d}")


class DepartmentAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentAssessment

    community = factory.SubFactory(CommunityFactory)
    department = factory.SubFactory(
        "wuye.org.tests.factories.DepartmentFactory",
        community=factory.SelfAttribute("..community"),
    )
    month = dt.date(2026, 11, 1)
    score = 90
    comment = factory.Sequence(lambda n: f"部门考核评语{n:05d}")


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"培训课程{n:05d}")
    held_on = factory.LazyFunction(timezone.localdate)
    hours = 2
    trainer = factory.Sequence(lambda n: f"培训讲师{n:05d}")
    material = factory.django.FileField(filename="material.pdf", data=b"%PDF-1.4 material")


class TrainingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingAttendance

    community = factory.SubFactory(CommunityFactory)
    session = factory.SubFactory(
        TrainingSessionFactory, community=factory.SelfAttribute("..community")
    )
    staff = factory.SubFactory("wuye.org.tests.factories.UserFactory")
    signed_in_at = factory.LazyFunction(timezone.now)


class VendorEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VendorEvaluation

    community = factory.SubFactory(CommunityFactory)
    vendor = factory.SubFactory(
        "wuye.estate.tests.factories.VendorFactory",
        community=factory.SelfAttribute("..community"),
    )
    month = dt.date(2026, 11, 1)
    standard = factory.SubFactory(
        CheckStandardFactory, community=factory.SelfAttribute("..community"), kind="vendor"
    )
    summary = factory.Sequence(lambda n: f"考评意见{n:05d}")


class EvaluationDeductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationDeduction

    community = factory.SubFactory(CommunityFactory)
    evaluation = factory.SubFactory(
        VendorEvaluationFactory, community=factory.SelfAttribute("..community")
    )
    item = factory.SubFactory(
        StandardItemFactory,
        community=factory.SelfAttribute("..community"),
        standard=factory.SelfAttribute("..evaluation.standard"),
    )
    points = 2
    reason = factory.Sequence(lambda n: f"扣分原因{n:05d}")


class ExcellenceReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExcellenceReview

    community = factory.SubFactory(CommunityFactory)
    year = factory.Sequence(lambda n: 2000 + n % 27)
    level = "city"
    note = factory.Sequence(lambda n: f"创优说明{n:05d}")


class ExcellenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExcellenceItem

    community = factory.SubFactory(CommunityFactory)
    review = factory.SubFactory(
        ExcellenceReviewFactory, community=factory.SelfAttribute("..community")
    )
    section = factory.Sequence(lambda n: f"创优板块{n:05d}")
    code = factory.Sequence(lambda n: f"X{n:04d}")
    text = factory.Sequence(lambda n: f"创优标准项{n:05d}")
    points = 4


class ExcellenceEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExcellenceEvidence

    community = factory.SubFactory(CommunityFactory)
    item = factory.SubFactory(ExcellenceItemFactory, community=factory.SelfAttribute("..community"))
    title = factory.Sequence(lambda n: f"佐证材料{n:05d}")
    document = factory.django.FileField(filename="evidence.pdf", data=b"%PDF-1.4 evidence")
