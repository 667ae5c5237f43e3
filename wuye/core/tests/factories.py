import factory

from wuye.core.models import Event, ImportBatch, Notification, NumberSequence
from wuye.org.tests.factories import CommunityFactory, UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    community = factory.SubFactory(CommunityFactory)
    verb = "test.happened"
    target_repr = factory.Sequence(lambda n: f"事件对象{n:05d}")
    message = "测试事件"


class ImportBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportBatch

    community = factory.SubFactory(CommunityFactory)
    importer = "org.staff"
    filename = factory.Sequence(lambda n: f"导入文件{n:05d}.xlsx")
    rows = factory.LazyFunction(list)
    errors = factory.LazyFunction(dict)


class NumberSequenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NumberSequence

    community = factory.SubFactory(CommunityFactory)
    key = factory.Sequence(lambda n: f"seq{n}")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"通知内容{n:05d}")
