import datetime as dt

import factory
from django.utils import timezone

from wuye.community.models import (
    Activity,
    ActivityPhoto,
    Announcement,
    AnnouncementImage,
    AnnouncementRead,
    Answer,
    BookableFacility,
    Booking,
    Campaign,
    ChronicleEntry,
    Delivery,
    FacilityLog,
    ForumDigest,
    ForumKeyword,
    ForumPost,
    ForumReply,
    GreetingLog,
    GreetingSettings,
    GroupMember,
    MessageTemplate,
    NoticeReceipt,
    Option,
    OptOut,
    Outage,
    Question,
    RecipientEntry,
    RecipientList,
    ResidentGroup,
    Response,
    SignUp,
    StaffNotice,
    Survey,
    SurveySample,
    Visit,
)
from wuye.estate.tests.factories import FacilityFactory, PersonFactory, UnitFactory
from wuye.org.tests.factories import CommunityFactory, UserFactory


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"GG{n:06d}")
    title = factory.Sequence(lambda n: f"公告标题{n:05d}")
    body = factory.Sequence(lambda n: f"<p>公告正文{n:05d}</p>")
    author = factory.SubFactory(UserFactory)
    status = "published"
    publish_at = factory.LazyFunction(timezone.now)


class AnnouncementImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnouncementImage

    community = factory.SubFactory(CommunityFactory)
    announcement = factory.SubFactory(
        AnnouncementFactory, community=factory.SelfAttribute("..community")
    )
    photo = factory.django.ImageField(filename="notice.jpg", format="JPEG", width=8, height=8)
    caption = factory.Sequence(lambda n: f"公告图片{n:05d}")


class AnnouncementReadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnouncementRead

    community = factory.SubFactory(CommunityFactory)
    announcement = factory.SubFactory(
        AnnouncementFactory, community=factory.SelfAttribute("..community")
    )
    user = factory.SubFactory(UserFactory)


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageTemplate

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"短信模板{n:05d}")
    text = factory.Sequence(lambda n: f"尊敬的{{姓名}}，通知{n:05d}")


class RecipientListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecipientList

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"名单{n:05d}")
    size = 1


class RecipientEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecipientEntry

    community = factory.SubFactory(CommunityFactory)
    recipient_list = factory.SubFactory(
        RecipientListFactory, community=factory.SelfAttribute("..community")
    )
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"名单人{n:05d}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")


class OptOutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OptOut

    community = factory.SubFactory(CommunityFactory)
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    reason = factory.Sequence(lambda n: f"退订原因{n:05d}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"DX{n:06d}")
    title = factory.Sequence(lambda n: f"短信群发{n:05d}")
    text = factory.Sequence(lambda n: f"停水通知{n:05d}")
    target = "community"


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    community = factory.SubFactory(CommunityFactory)
    campaign = factory.SubFactory(CampaignFactory, community=factory.SelfAttribute("..community"))
    phone = factory.Sequence(lambda n: f"136{n:08d}")
    name = factory.Sequence(lambda n: f"收信人{n:05d}")
    text = factory.Sequence(lambda n: f"短信内容{n:05d}")


class GreetingSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GreetingSettings

    community = factory.SubFactory(CommunityFactory)


class GreetingLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GreetingLog

    community = factory.SubFactory(CommunityFactory)
    occasion = "spring"
    year = factory.Sequence(lambda n: 2000 + n)
    campaign = factory.SubFactory(CampaignFactory, community=factory.SelfAttribute("..community"))


class OutageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outage

    community = factory.SubFactory(CommunityFactory)
    kind = "water"
    starts_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=8))
    reason = factory.Sequence(lambda n: f"管网检修{n:05d}")


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"DC{n:06d}")
    title = factory.Sequence(lambda n: f"满意度调查{n:05d}")
    status = "open"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    community = factory.SubFactory(CommunityFactory)
    survey = factory.SubFactory(SurveyFactory, community=factory.SelfAttribute("..community"))
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"调查问题{n:05d}")
    kind = "scale"


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    community = factory.SubFactory(CommunityFactory)
    question = factory.SubFactory(QuestionFactory, community=factory.SelfAttribute("..community"))
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"选项{n:05d}")


class SurveySampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveySample

    community = factory.SubFactory(CommunityFactory)
    survey = factory.SubFactory(SurveyFactory, community=factory.SelfAttribute("..community"))
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    community = factory.SubFactory(CommunityFactory)
    survey = factory.SubFactory(SurveyFactory, community=factory.SelfAttribute("..community"))
    unit = factory.SubFactory(UnitFactory, community=factory.SelfAttribute("..community"))
    respondent = factory.Sequence(lambda n: f"受访人{n:05d}")
    answered_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    community = factory.SubFactory(CommunityFactory)
    response = factory.SubFactory(ResponseFactory, community=factory.SelfAttribute("..community"))
    question = factory.SubFactory(
        QuestionFactory,
        community=factory.SelfAttribute("..community"),
        survey=factory.SelfAttribute("..response.survey"),
    )
    text = factory.Sequence(lambda n: f"意见{n:05d}")


class StaffNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffNotice

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"TZ{n:06d}")
    title = factory.Sequence(lambda n: f"内部通知{n:05d}")
    body = factory.Sequence(lambda n: f"<p>通知正文{n:05d}</p>")
    sent_at = factory.LazyFunction(timezone.now)
    attachment = factory.django.FileField(filename="会议纪要.pdf", data=b"%PDF-1.4 demo")


class NoticeReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeReceipt

    community = factory.SubFactory(CommunityFactory)
    notice = factory.SubFactory(StaffNoticeFactory, community=factory.SelfAttribute("..community"))
    user = factory.SubFactory(UserFactory)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    community = factory.SubFactory(CommunityFactory)
    number = factory.Sequence(lambda n: f"HD{n:06d}")
    title = factory.Sequence(lambda n: f"社区活动{n:05d}")
    planned_month = dt.date(2026, 12, 1)
    starts_at = factory.LazyFunction(timezone.now)
    status = "open"


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUp

    community = factory.SubFactory(CommunityFactory)
    activity = factory.SubFactory(ActivityFactory, community=factory.SelfAttribute("..community"))
    name = factory.Sequence(lambda n: f"报名人{n:05d}")
    phone = factory.Sequence(lambda n: f"135{n:08d}")


class ActivityPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityPhoto

    community = factory.SubFactory(CommunityFactory)
    activity = factory.SubFactory(ActivityFactory, community=factory.SelfAttribute("..community"))
    photo = factory.django.ImageField(filename="event.jpg", format="JPEG", width=8, height=8)


class ResidentGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentGroup

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"兴趣社团{n:05d}")


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    community = factory.SubFactory(CommunityFactory)
    group = factory.SubFactory(ResidentGroupFactory, community=factory.SelfAttribute("..community"))
    person = factory.SubFactory(PersonFactory, community=factory.SelfAttribute("..community"))
    joined_on = dt.date(2026, 1, 1)


class ChronicleEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChronicleEntry

    community = factory.SubFactory(CommunityFactory)
    occurred_on = dt.date(2026, 6, 1)
    title = factory.Sequence(lambda n: f"大事记{n:05d}")
    photo = factory.django.ImageField(filename="大事记照片.jpg", format="JPEG", width=8, height=8)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    community = factory.SubFactory(CommunityFactory)
    visit_at = factory.LazyFunction(timezone.now)
    kind = "authority"
    visitor = factory.Sequence(lambda n: f"来访单位{n:05d}")
    purpose = factory.Sequence(lambda n: f"检查事项{n:05d}")


class BookableFacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookableFacility

    community = factory.SubFactory(CommunityFactory)
    facility = factory.SubFactory(FacilityFactory, community=factory.SelfAttribute("..community"))
    opens_at = dt.time(8, 0)
    closes_at = dt.time(20, 0)
    rules = factory.Sequence(lambda n: f"场馆规定{n:05d}")


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    community = factory.SubFactory(CommunityFactory)
    bookable = factory.SubFactory(
        BookableFacilityFactory, community=factory.SelfAttribute("..community")
    )
    day = factory.LazyFunction(timezone.localdate)
    starts_at = dt.time(9, 0)
    ends_at = dt.time(10, 0)
    name = factory.Sequence(lambda n: f"预订人{n:05d}")
    phone = factory.Sequence(lambda n: f"134{n:08d}")


class FacilityLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityLog

    community = factory.SubFactory(CommunityFactory)
    bookable = factory.SubFactory(
        BookableFacilityFactory, community=factory.SelfAttribute("..community")
    )
    measured_at = factory.LazyFunction(timezone.now)
    note = factory.Sequence(lambda n: f"运行记录{n:05d}")


class ForumPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumPost

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"论坛帖子{n:05d}")
    body = factory.Sequence(lambda n: f"帖子正文{n:05d}")
    person = factory.SubFactory(PersonFactory, community=factory.SelfAttribute("..community"))
    shown_as = "王**"


class ForumReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumReply

    community = factory.SubFactory(CommunityFactory)
    post = factory.SubFactory(ForumPostFactory, community=factory.SelfAttribute("..community"))
    body = factory.Sequence(lambda n: f"回复正文{n:05d}")
    person = factory.SubFactory(PersonFactory, community=factory.SelfAttribute("..community"))
    shown_as = "李**"


class ForumKeywordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumKeyword

    community = factory.SubFactory(CommunityFactory)
    word = factory.Sequence(lambda n: f"敏感词{n:05d}")


class ForumDigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumDigest

    community = factory.SubFactory(CommunityFactory)
    day = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    new_posts = 1
