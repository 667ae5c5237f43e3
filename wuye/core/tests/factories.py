import factory

from wuye.core.models import Event, ImportBatch, NumberSequence
from wuye.org.tests.factories import CommunityFactory


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
