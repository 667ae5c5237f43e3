import factory
from django.utils import timezone

from wuye.community.models import (
    Announcement,
    AnnouncementImage,
    AnnouncementRead,
    Campaign,
    Delivery,
    MessageTemplate,
    OptOut,
    RecipientEntry,
    RecipientList,
)
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
