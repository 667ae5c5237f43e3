"""Demo communication of 阳光花园 and 翠湖苑, made through the services: a published outage
notice for two buildings and a draft waiting for review, the usual SMS templates, a prepared
(not sent) outage SMS for the same buildings, festival and birthday greetings switched on, and
an open satisfaction survey with a few answers from door visits. A community with templates is
left alone."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.estate.models import Building, Facility, Person, Unit, UnitRelation
from wuye.org.models import Community

from .models import (
    BookableFacility,
    ChronicleEntry,
    ForumKeyword,
    GroupMember,
    MessageTemplate,
    ResidentGroup,
    Visit,
)
from .services import (
    activities,
    announcements,
    bookings,
    campaigns,
    forum,
    greetings,
    notices,
    surveys,
)

COMMUNITIES = {"YGHY": "a", "CHY": "b"}
TEMPLATES = [
    ("停水通知", "service", "{姓名}您好：因管网检修，{日期}8:00–17:00停水，请提前储水。"),
    ("欠费提醒", "legal", "{姓名}您好：您的房屋{房号}尚欠物业服务费{金额}元，请及时缴纳。"),
    ("节日问候", "greeting", "{姓名}您好：{小区}物业服务中心祝您节日快乐，阖家幸福！"),
    ("生日祝福", "greeting", "{姓名}您好：今天是您的生日，{小区}物业服务中心祝您生日快乐！"),
]
NOTICE = (
    "<p>尊敬的业主：</p><p>因市政管网检修，<b>本周六8:00–17:00</b>以下楼栋暂停供水，"
    "请提前做好储水准备。</p><ul><li>检修期间请关闭家中水龙头</li>"
    "<li>恢复供水后水质可能浑浊，请放水片刻后使用</li></ul><p>给您带来不便，敬请谅解。</p>"
)


def seed(*, out, password):
    User = get_user_model()
    made = []
    for code, suffix in COMMUNITIES.items():
        community = Community.objects.filter(code=code).first()
        css = User.objects.filter(username=f"css_{suffix}").first()
        csr = User.objects.filter(username=f"csr_{suffix}").first()
        if community is None or css is None or csr is None:
            continue
        if MessageTemplate.objects.filter(community=community).exists():
            continue
        MessageTemplate.objects.bulk_create(
            MessageTemplate(community=community, name=name, kind=kind, text=text, created_by=css)
            for name, kind, text in TEMPLATES
        )
        buildings = list(Building.objects.filter(community=community).order_by("id")[:2])
        notice = announcements.create_announcement(
            community=community,
            actor=csr,
            title="关于本周六停水的通知",
            category="outage",
            body=NOTICE,
            audience="buildings" if buildings else "community",
            buildings=buildings,
            pinned=True,
        )
        announcements.submit_announcement(notice, actor=csr)
        announcements.publish_announcement(notice, actor=css)
        waiting = announcements.create_announcement(
            community=community,
            actor=csr,
            title="冬季防火温馨提示",
            category="reminder",
            body="<p>冬季天干物燥，请勿在楼道堆放杂物，离家请关闭电源。</p>",
            audience="community",
        )
        announcements.submit_announcement(waiting, actor=csr)
        if buildings:
            template = MessageTemplate.objects.get(community=community, name="停水通知")
            campaign = campaigns.create_campaign(
                community=community,
                actor=css,
                title="本周六停水短信",
                kind="service",
                template=template,
                target="buildings",
                buildings=buildings,
            )
            campaigns.prepare_campaign(campaign, actor=css)
        greetings.save_settings(
            community=community,
            actor=css,
            is_active=True,
            festivals=["spring", "mid_autumn", "national"],
            festival_template=MessageTemplate.objects.get(community=community, name="节日问候"),
            birthdays=True,
            birthday_template=MessageTemplate.objects.get(community=community, name="生日祝福"),
        )
        _survey(community, css)
        _life(community, css)
        _forum(community, css, csr)
        made.append(community.name)
    if made:
        out.write(
            f"communication of {'、'.join(made)}: SMS templates, a published outage notice, "
            "a notice waiting for review, a prepared outage SMS, greetings, an open "
            "satisfaction survey with answers, an activity taking sign-ups with its waiting "
            "list, a residents' choir, the chronicle, a planned visit, the tennis court and "
            "the pool with bookings and water readings, sent meeting minutes, and the owners' forum "
            "(an officially answered post, one made a work order, one held by a keyword)"
        )


def _survey(community, actor):
    """The year's satisfaction survey, open, with the answers of a few door visits."""
    survey = surveys.create_survey(
        community=community,
        actor=actor,
        title=f"{timezone.localdate().year}年度业主满意度调查",
        intro="感谢您抽出时间参与调查，您的意见是我们改进服务的依据。",
    )
    overall = surveys.add_question(
        survey, actor=actor, text="您对物业服务的总体评价", kind="scale", satisfaction=True
    )
    cleaning = surveys.add_question(
        survey, actor=actor, text="您对公共区域保洁的评价", kind="scale", satisfaction=True
    )
    concern = surveys.add_question(
        survey,
        actor=actor,
        text="您最希望改进的方面",
        kind="single",
        options=["保洁绿化", "安全秩序", "维修及时", "客服态度"],
    )
    surveys.add_question(survey, actor=actor, text="其他意见和建议", kind="text", required=False)
    survey = surveys.open_survey(survey, actor=actor)
    options = list(concern.options.all())
    samples = list(survey.samples.select_related("unit")[:6])
    for n, sample in enumerate(samples):
        surveys.submit_response(
            survey,
            actor=actor,
            unit=sample.unit,
            respondent="业主",
            answers=[
                {"question": overall.pk, "score": (5, 4, 4, 3, 5, 2)[n % 6]},
                {"question": cleaning.pk, "score": (4, 4, 5, 3, 4, 3)[n % 6]},
                {"question": concern.pk, "option": options[n % len(options)].pk},
            ],
        )


def _life(community, actor):
    """Community life: an activity taking sign-ups (full, with one household waiting), a
    residents' choir, two chronicle entries and a planned visit, the tennis court and the pool
    open for booking with a booking and the morning's water readings, and the week's meeting
    minutes sent to the office."""
    today = timezone.localdate()
    User = get_user_model()
    qc = User.objects.filter(username=actor.username.replace("css", "qc")).first() or actor
    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=10), dt.time(9, 30)))
    activity = activities.create_activity(
        community=community,
        actor=qc,
        title="亲子手工灯笼制作",
        category="children",
        planned_month=start.date(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="会所多功能厅",
        capacity=6,
    )
    activity = activities.open_signups(activity, actor=qc)
    people = list(Person.objects.filter(community=community).exclude(phone="")[:4])
    for n, person in enumerate(people):
        activities.sign_up(
            activity, actor=qc, name=person.name, phone=person.phone, party=(2, 3, 1, 2)[n]
        )
    choir = ResidentGroup.objects.create(
        community=community, name="夕阳红合唱团", meets="每周三 19:00 会所二楼", created_by=qc
    )
    GroupMember.objects.bulk_create(
        GroupMember(
            community=community,
            group=choir,
            person=person,
            role="leader" if n == 0 else "member",
            joined_on=today.replace(month=1, day=1),
        )
        for n, person in enumerate(people[:3])
    )
    ChronicleEntry.objects.bulk_create(
        [
            ChronicleEntry(
                community=community,
                occurred_on=today.replace(month=3, day=15),
                category="honour",
                title="荣获区级“物业服务示范项目”",
                created_by=qc,
            ),
            ChronicleEntry(
                community=community,
                occurred_on=today.replace(month=8, day=20),
                category="works",
                title="完成地下车库照明节能改造",
                created_by=qc,
            ),
        ]
    )
    Visit.objects.create(
        community=community,
        visit_at=timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=3), dt.time(10, 0))
        ),
        kind="authority",
        visitor="区住建局物业科",
        people=3,
        purpose="冬季消防安全检查",
        host=actor,
        created_by=actor,
    )
    for name, kind, price, capacity in (
        ("网球场", "recreation", "40.00", 1),
        ("恒温泳池", "pool", "0", 30),
    ):
        facility = Facility.objects.create(
            community=community,
            kind=kind,
            code=f"CG-{kind[:4].upper()}",
            name=name,
            location="会所",
            created_by=actor,
        )
        bookable = BookableFacility.objects.create(
            community=community,
            facility=facility,
            opens_at=dt.time(8),
            closes_at=dt.time(21),
            price=price,
            capacity=capacity,
            created_by=actor,
        )
        if kind == "pool":
            bookings.record_log(
                bookable,
                actor=qc,
                opened_at=dt.time(8),
                visitors=12,
                ph=Decimal("7.4"),
                chlorine=Decimal("0.6"),
                temperature=Decimal("27.5"),
                turbidity=Decimal("0.3"),
            )
        elif people:
            unit = Unit.objects.filter(community=community, relations__person=people[0]).first()
            if unit is not None:
                bookings.book(
                    bookable,
                    actor=actor,
                    day=today + dt.timedelta(days=1),
                    starts_at=dt.time(18),
                    name=people[0].name,
                    phone=people[0].phone,
                    unit=unit,
                )
    manager = User.objects.filter(username=actor.username.replace("css", "mgr")).first()
    if manager is not None:
        minutes = notices.create_notice(
            community=community,
            actor=manager,
            kind="minutes",
            title="本周例会纪要",
            body="<p>一、冬季消防检查分工；二、年度满意度调查安排；三、元旦活动筹备。</p>",
            posts=["AST", "CSS", "QC", "FIN"],
            meeting_on=today,
        )
        notices.send_notice(minutes, actor=manager)


def _forum(community, css, csr):
    """The owners' forum: the keyword list, a suggestion answered officially, a complaint made
    a work order, a question nobody has answered yet and an advertisement held by a keyword."""
    ForumKeyword.objects.bulk_create(
        ForumKeyword(community=community, word=word, created_by=css)
        for word in ("加微信", "代办", "传销", "维权群")
    )
    people = list(Person.objects.filter(community=community).exclude(phone="")[:4])
    if len(people) < 4:
        return
    units = {
        r.person_id: r.unit
        for r in UnitRelation.objects.current().filter(person__in=people).select_related("unit")
    }

    def post(n, category, title, body):
        return forum.write_post(
            community=community,
            person=people[n],
            unit=units.get(people[n].pk),
            category=category,
            title=title,
            body=body,
        )

    greening = post(0, "suggestion", "建议在儿童游乐区增加遮阳棚", "夏天滑梯晒得发烫，孩子没法玩。")
    forum.reply(greening, person=people[1], body="同意，顺便加几张长椅。")
    forum.reply(greening, actor=csr, body="感谢建议，已列入明年维修计划，届时在公告中通知。")
    leak = post(2, "complaint", "地下车库B区漏水", "下雨后B区有积水，车位上方一直滴水。")
    forum.make_work_order(leak, actor=csr, place="地下车库B区")
    post(3, "inquiry", "快递柜满了怎么办", "晚上回来快递柜总是满的，能否加一组？")
    post(1, "neighbours", "出闲置家具", "九成新沙发，有意加微信详谈。")
