"""Demo organization: one company, three service centers, one account per post."""

import datetime as dt
from typing import NotRequired, TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wuye.core.roles import CompanyRole, Post

from . import services
from .choices import DepartmentKind, ServiceGrade
from .models import Community, Company, Delegation, Department, Membership, Zone

User = get_user_model()

DEPARTMENTS = [
    (DepartmentKind.CUSTOMER_SERVICE, "客服部"),
    (DepartmentKind.ENGINEERING, "工程部"),
    (DepartmentKind.SECURITY, "秩序维护部"),
    (DepartmentKind.CLEANING, "保洁部"),
    (DepartmentKind.GREENING, "绿化部"),
    (DepartmentKind.FINANCE, "财务部"),
    (DepartmentKind.QUALITY, "品质部"),
    (DepartmentKind.GENERAL, "综合部"),
]
POST_DEPARTMENT = {
    Post.MGR: "综合部",
    Post.AST: "综合部",
    Post.FIN: "财务部",
    Post.QC: "品质部",
    Post.CSS: "客服部",
    Post.CSR: "客服部",
    Post.DSP: "客服部",
    Post.CSH: "客服部",
    Post.TECH: "工程部",
    Post.SEC: "秩序维护部",
    Post.CLN: "保洁部",
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "晓东",
    "海燕",
    "志强",
    "雪梅",
    "国庆",
]


class CommunitySpec(TypedDict):
    code: str
    name: str
    address: str
    grade: ServiceGrade
    phone: str
    suffix: str
    zones: list[tuple[str, str]]
    extra: dict[Post, int]
    posts: NotRequired[list[Post]]


COMMUNITIES: list[CommunitySpec] = [
    {
        "code": "YGHY",
        "name": "阳光花园",
        "address": "江南区阳光大道 88 号",
        "grade": ServiceGrade.FIRST,
        "phone": "0571-88886666",
        "suffix": "a",
        "zones": [("A1", "一区"), ("A2", "二区"), ("A3", "三区"), ("A4", "商业街")],
        "extra": {Post.CSR: 3, Post.TECH: 5, Post.SEC: 6, Post.CLN: 5, Post.CSH: 1},
    },
    {
        "code": "CHY",
        "name": "翠湖苑",
        "address": "湖滨区翠湖路 16 号",
        "grade": ServiceGrade.SECOND,
        "phone": "0571-86667777",
        "suffix": "b",
        "zones": [("B1", "东区"), ("B2", "西区")],
        "extra": {Post.CSR: 1, Post.TECH: 2, Post.SEC: 3, Post.CLN: 2},
    },
    {
        "code": "JGY",
        "name": "金桂苑",
        "address": "江南区金桂街 9 号",
        "grade": ServiceGrade.THIRD,
        "phone": "0571-85559999",
        "suffix": "c",
        "zones": [("C1", "全区")],
        "extra": {Post.TECH: 1, Post.SEC: 2},
        "posts": [Post.CSR, Post.CSH, Post.TECH, Post.SEC, Post.CLN],
    },
]


def _name(index: int) -> str:
    return SURNAMES[index % len(SURNAMES)] + GIVEN[(index * 7) % len(GIVEN)]


def _phone(index: int) -> str:
    return f"139{(10000000 + index * 7919) % 100000000:08d}"


_HASHES: dict[str, str] = {}


def _user(username, name, phone, company, password, **extra):
    # Argon2 is slow on purpose; one hash serves every demo account (they share the password).
    hashed = _HASHES.get(password) or _HASHES.setdefault(password, make_password(password))
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"name": name, "phone": phone, "company": company, "password": hashed, **extra},
    )
    if not user.has_usable_password():
        user.password = hashed
        user.save(update_fields=["password"])
    return user


def _appoint(community, user, post, zones=()):
    if Membership.objects.filter(community=community, user=user, post=post).exists():
        return
    department = Department.objects.get(community=community, name=POST_DEPARTMENT[post])
    services.create_staff(
        community=community,
        data={
            "username": user.username,
            "post": post,
            "department": department,
            "zones": list(zones),
            "is_active": True,
            "joined_on": dt.date(2024, 3, 1),
        },
        actor=None,
    )


def seed(*, out, password):
    company, _ = Company.objects.get_or_create(
        code="sunshine", defaults={"name": "阳光物业服务有限公司", "phone": "400-800-6666"}
    )
    _user(
        "company_admin",
        "总部管理员",
        "13900000001",
        company,
        password,
        company_role=CompanyRole.ADMIN,
    )
    _user(
        "hq_viewer",
        "总部品质督导",
        "13900000002",
        company,
        password,
        company_role=CompanyRole.VIEWER,
    )
    counter = 100
    communities = {}
    for spec in COMMUNITIES:
        community, _ = Community.objects.get_or_create(
            code=spec["code"],
            defaults={
                "company": company,
                "name": spec["name"],
                "address": spec["address"],
                "service_grade": spec["grade"],
                "phone": spec["phone"],
            },
        )
        communities[spec["suffix"]] = community
        for kind, name in DEPARTMENTS:
            Department.objects.get_or_create(
                community=community, name=name, defaults={"kind": kind}
            )
        zones = [
            Zone.objects.get_or_create(community=community, code=code, defaults={"name": name})[0]
            for code, name in spec["zones"]
        ]
        suffix = spec["suffix"]
        for post in spec.get("posts", list(Post)):
            counter += 1
            user = _user(
                f"{post.lower()}_{suffix}", _name(counter), _phone(counter), company, password
            )
            _appoint(community, user, post, zones if post in (Post.CSR, Post.CSS) else ())
        for post, count in spec["extra"].items():
            for n in range(1, count + 1):
                counter += 1
                user = _user(
                    f"{post.lower()}_{suffix}{n + 1}",
                    _name(counter),
                    _phone(counter),
                    company,
                    password,
                )
                own_zone = [zones[n % len(zones)]] if post in (Post.CSR, Post.SEC, Post.CLN) else []
                _appoint(community, user, post, own_zone)
        for zone in zones:
            if zone.responsible_id is None:
                responsible = Membership.objects.filter(
                    community=community, post=Post.CSR, zones=zone
                ).first()
                if responsible:
                    zone.responsible = responsible.user
                    zone.save(update_fields=["responsible"])
    # mgr_a also manages the small 金桂苑 next door: the demo of switching communities.
    _appoint(communities["c"], User.objects.get(username="mgr_a"), Post.MGR)
    for suffix in ("a", "b"):
        community = communities[suffix]
        if not Delegation.objects.filter(community=community).exists():
            today = timezone.localdate()
            start = today if suffix == "b" else today + dt.timedelta(days=14)
            services.grant_delegation(
                community=community,
                delegator=User.objects.get(username=f"mgr_{suffix}"),
                delegate=User.objects.get(username=f"ast_{suffix}"),
                start_date=start,
                end_date=start + dt.timedelta(days=6),
                reason="项目经理休假" if suffix == "a" else "项目经理参加公司培训",
                actor=User.objects.get(username=f"mgr_{suffix}"),
            )
    out.write(
        f"  org: {Community.objects.count()} service centers, {Membership.objects.count()} staff posts"
    )
