"""Demo quality of 阳光花园 and 翠湖苑, made through the services: the standard checklists, a
register of sign boards, a night security patrol with its checkpoints and this week's tasks,
and a finished spot check of the cleaning department with one failed item and its
rectification order. A community with standard checklists is left alone."""

import datetime as dt
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wuye.estate.models import Facility, Vendor
from wuye.org.models import Community, Department

from .models import Checkpoint, CheckStandard, IncidentStep, SignBoard
from .services import checks, incidents, maintenance, plans

COMMUNITIES = {"YGHY": "a", "CHY": "b"}
SIGNS = [
    ("BS-01", "消防通道禁止停车", "warning", "地下车库入口"),
    ("BS-02", "小区平面导视图", "sign", "北门广场"),
    ("BS-03", "业主公告宣传栏", "board", "物业服务中心门口"),
    ("BS-04", "水深危险警示牌", "warning", "中心水景旁"),
    ("BS-05", "垃圾分类指引", "sign", "2号楼垃圾投放点"),
]
CHECKPOINTS = [
    ("XJ-01", "北门岗亭", "place"),
    ("XJ-02", "地下车库B1", "place"),
    ("XJ-03", "水泵房", "facility"),
    ("XJ-04", "南门围墙", "place"),
]


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 200, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def seed(*, out, password):
    User = get_user_model()
    today = timezone.localdate()
    made = []
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        qc = User.objects.filter(username=f"qc_{suffix}").first()
        manager = User.objects.filter(username=f"mgr_{suffix}").first()
        if community is None or qc is None or manager is None:
            continue
        if CheckStandard.objects.filter(community=community).exists():
            continue
        checks.install_standards(community, actor=qc)
        SignBoard.objects.bulk_create(
            SignBoard(
                community=community,
                code=code_,
                name=name,
                kind=kind,
                location=where,
                created_by=qc,
            )
            for code_, name, kind, where in SIGNS
        )
        route = Checkpoint.objects.bulk_create(
            Checkpoint(community=community, code=c, name=name, kind=kind, created_by=manager)
            for c, name, kind in CHECKPOINTS
        )
        plans.save_plan(
            community=community,
            actor=manager,
            plan=None,
            name="夜间安保巡更",
            category="security",
            frequency="daily",
            weekdays=[],
            month_day=None,
            window_start=dt.time(22, 0),
            window_end=dt.time(23, 30),
            assigned_post="SEC",
            assignee=None,
            starts_on=today,
            ends_on=None,
            is_active=True,
            route=route,
        )
        plans.generate_tasks(community, start=today, days=7)
        cleaning = Department.objects.filter(community=community, kind="CLN").first()
        standard = CheckStandard.objects.get(community=community, name="保洁品质检查标准")
        if cleaning is not None:
            check = checks.start_check(
                community, actor=qc, kind="spot", standard=standard, department=cleaning
            )
            for n, item in enumerate(standard.items.all()):
                if n == 1:
                    checks.record_entry(
                        check,
                        actor=qc,
                        item=item,
                        passed=False,
                        deduction=Decimal(4),
                        remark="3号楼电梯轿厢有杂物",
                        photo=[_photo()],
                    )
                else:
                    checks.record_entry(check, actor=qc, item=item, passed=True)
            checks.finish_check(check, actor=qc, summary="整体良好，电梯轿厢保洁需加强")
        _maintenance(community, manager=manager, today=today)
        _emergency(community, manager=manager, today=today)
        made.append(community.name)
    if made:
        out.write(
            f"quality of {'、'.join(made)}: standard checklists, sign boards, a night patrol "
            "with this week's tasks, a spot check with its rectification order, elevator "
            "maintenance with its certificate and a closed elevator entrapment"
        )


def _maintenance(community, *, manager, today):
    """The first elevator's half-monthly maintenance, done a week ago, and its certificate."""
    lift = Facility.objects.filter(community=community, kind="elevator").order_by("code").first()
    if lift is None:
        return
    vendor = Vendor.objects.filter(community=community, category="elevator").first()
    plan = maintenance.save_maintenance_plan(
        community=community,
        actor=manager,
        facility=lift,
        name="半月保养",
        interval=15,
        interval_unit="days",
        contractor=vendor,
        work="曳引机、制动器检查\n门系统调整\n轿厢及井道清洁",
        next_due=today,
        is_active=True,
    )
    maintenance.record_maintenance(
        plan,
        actor=manager,
        done_on=today - dt.timedelta(days=7),
        technician="维保技师 王工",
        work="曳引机、制动器检查；门系统调整",
        parts="层门滑块 ×2",
    )
    expires = lift.next_inspection or today + dt.timedelta(days=200)
    maintenance.save_certificate(
        community=community,
        actor=manager,
        facility=lift,
        kind="elevator",
        number=f"TSG-{community.code}-{lift.code}",
        issuer="市特种设备检验研究院",
        issued_on=expires - dt.timedelta(days=365),
        expires_on=expires,
    )


def _emergency(community, *, manager, today):
    """A closed elevator entrapment of last week, handled within its limits."""
    occurred = timezone.now() - dt.timedelta(days=6)
    incident = incidents.open_incident(
        community=community,
        actor=manager,
        kind="elevator",
        title="2号楼1号梯困人1名",
        location="2号楼1号梯",
        occurred_at=occurred,
    )
    for step in incident.steps.all():
        IncidentStep.objects.filter(pk=step.pk).update(
            done_at=occurred + dt.timedelta(minutes=5 * step.position), done_by=manager
        )
    incidents.close_incident(
        incident,
        actor=manager,
        cause="电梯门锁回路接触不良",
        handling="维保单位18分钟到场，解救被困人员，检修后恢复运行",
        result="更换门锁触点；加强半月保养中门锁回路检查",
    )
