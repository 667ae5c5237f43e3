"""Demo communication of 阳光花园 and 翠湖苑, made through the services: a published outage
notice for two buildings and a draft waiting for review, the usual SMS templates, and a
prepared (not sent) outage SMS for the same buildings. A community with templates is left
alone."""

from django.contrib.auth import get_user_model

from wuye.estate.models import Building
from wuye.org.models import Community

from .models import MessageTemplate
from .services import announcements, campaigns

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
        made.append(community.name)
    if made:
        out.write(
            f"communication of {'、'.join(made)}: SMS templates, a published outage notice, "
            "a notice waiting for review and a prepared outage SMS"
        )
