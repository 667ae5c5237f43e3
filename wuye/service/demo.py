"""Demo customer service (客服中心) of 阳光花园 and 翠湖苑: the three-level category tree with
default departments, an elevator time limit, and a day's worth of work orders in every state
— registered, dispatched, accepted, on site, completed awaiting the visit, closed, paused, two
of them overdue — all made through the services. A community with categories is left alone."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.estate.models import Unit
from wuye.org.models import Community, Department

from . import services
from .models import Category, TimeLimit, WorkOrder

TREE = {
    "户内": {
        "水电": (["漏水", "跳闸停电", "水龙头损坏"], "工程部"),
        "门窗": (["门锁故障", "窗户关不严"], "工程部"),
    },
    "公共区域": {
        "电梯": (["电梯困人", "电梯故障"], "工程部"),
        "环境": (["垃圾清运", "楼道卫生", "绿化养护"], "保洁部"),
        "秩序": (["噪音扰民", "停车纠纷", "装修违规"], "秩序维护部"),
    },
    "服务": {
        "咨询": (["收费咨询", "办事指南"], "客服部"),
    },
}
SAFETY = {"电梯困人", "跳闸停电"}
COMMUNITIES = {"YGHY": "a", "CHY": "b"}

ORDERS = [
    # kind, priority, problem, unit index or place, description, where it ends
    ("repair", "urgent", "漏水", 0, "楼上漏水到卫生间吊顶", "dispatched"),
    ("repair", "normal", "水龙头损坏", 1, "厨房水龙头关不紧", "accepted"),
    ("repair", "urgent", "电梯困人", "5栋1单元电梯", "电梯困人，两名住户", "arrived"),
    ("complaint", "normal", "噪音扰民", 2, "楼上晚上十点后还在装修", "completed"),
    ("repair", "normal", "门锁故障", 3, "入户门锁转不动", "closed"),
    ("complaint", "normal", "垃圾清运", "2号垃圾站", "垃圾站两天没清运，有异味", "registered"),
    ("request", "normal", "办事指南", 4, "咨询办理车位月卡需要什么材料", "registered"),
    ("repair", "normal", "窗户关不严", 5, "客厅窗户密封条脱落", "paused"),
    ("complaint", "normal", "停车纠纷", "地下车库B区", "车位被长期占用", "overdue"),
    ("repair", "normal", "跳闸停电", 6, "厨房插座跳闸", "overdue"),
]


def seed(*, out, password):
    User = get_user_model()
    made = 0
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        if community is None or Category.objects.filter(community=community).exists():
            continue
        users = {
            u.username: u
            for u in User.objects.filter(
                username__in=[f"{p}_{suffix}" for p in ("dsp", "tech", "cln", "sec", "csr")]
            )
        }
        if f"dsp_{suffix}" not in users:
            continue
        problems = _tree(community)
        TimeLimit.objects.create(
            community=community,
            category=problems["电梯困人"],
            priority="urgent",
            response_minutes=5,
            arrival_minutes=15,
            completion_minutes=120,
        )
        units = list(Unit.objects.filter(community=community).order_by("pk")[:10])
        if len(units) < 7:
            continue
        made += _orders(community, problems, units, users, suffix)
    out.write(f"  service: {made} work orders with categories, limits and timelines")


def _tree(community):
    departments = {d.name: d for d in Department.objects.filter(community=community)}
    problems = {}
    for place_sort, (place, categories) in enumerate(TREE.items()):
        top = Category.objects.create(community=community, name=place, level=1, sort=place_sort)
        for sort, (name, (leaves, department)) in enumerate(categories.items()):
            middle = Category.objects.create(
                community=community,
                parent=top,
                name=name,
                level=2,
                sort=sort,
                department=departments.get(department),
            )
            for leaf_sort, leaf in enumerate(leaves):
                problems[leaf] = Category.objects.create(
                    community=community,
                    parent=middle,
                    name=leaf,
                    level=3,
                    sort=leaf_sort,
                    is_safety=leaf in SAFETY,
                )
    return problems


def _orders(community, problems, units, users, suffix):
    dispatcher = users[f"dsp_{suffix}"]
    worker_for = {
        "工程部": users.get(f"tech_{suffix}"),
        "保洁部": users.get(f"cln_{suffix}"),
        "秩序维护部": users.get(f"sec_{suffix}"),
        "客服部": users.get(f"csr_{suffix}"),
    }
    count = 0
    for kind, priority, problem, where, description, end in ORDERS:
        category = problems[problem]
        place = {"unit": units[where]} if isinstance(where, int) else {"place": where}
        order = services.register_order(
            community=community,
            actor=dispatcher,
            kind=kind,
            channel="hotline" if count % 3 else "front_desk",
            priority=priority,
            category=category,
            description=description,
            reporter_name="" if "unit" in place else "巡查发现",
            **place,
        )
        count += 1
        if end == "registered":
            continue
        worker = worker_for.get(category.parent.department.name) or dispatcher
        services.dispatch_order(order, assignee=worker, actor=dispatcher)
        if end in ("dispatched",):
            continue
        if end == "overdue":
            # Demo only: the order looks as if it came in yesterday and is now past its limits.
            past = timezone.now() - dt.timedelta(days=1)
            WorkOrder.objects.filter(pk=order.pk).update(
                created_at=past,
                clock_started_at=past,
                response_due=past + dt.timedelta(minutes=30),
                completion_due=past + dt.timedelta(hours=4),
            )
            continue
        services.accept_order(order, actor=worker)
        if end == "paused":
            services.pause_order(order, actor=dispatcher, note="等窗户密封条到货")
            continue
        if end == "accepted":
            continue
        services.arrive_order(order, actor=worker)
        if end == "arrived":
            continue
        services.complete_order(order, actor=worker, result="已处理完毕")
        if end == "closed":
            visit = order.visits.first()
            if visit is not None:
                services.record_visit(
                    visit, actor=users.get(f"csr_{suffix}") or dispatcher, reached=True, score=5
                )
    return count
