import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from wuye.org.choices import DepartmentKind, ServiceGrade
from wuye.org.models import Community, Company, Delegation, Department, Membership, Zone


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"co{n}")
    name = factory.Sequence(lambda n: f"物业公司{n:05d}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    company = factory.SubFactory(CompanyFactory)
    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"小区{n:05d}")
    address = "测试路 1 号"
    service_grade = ServiceGrade.FIRST


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"员工{n:05d}")
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    password = factory.django.Password("pw-Wuye-2026")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    community = factory.SubFactory(CommunityFactory)
    kind = DepartmentKind.CUSTOMER_SERVICE
    name = factory.Sequence(lambda n: f"部门{n:05d}")


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"Z{n}")
    name = factory.Sequence(lambda n: f"片区{n:05d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory, company=factory.SelfAttribute("..community.company"))
    post = "CSR"


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    community = factory.SubFactory(CommunityFactory)
    delegator = factory.SubFactory(UserFactory)
    delegate = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    reason = factory.Sequence(lambda n: f"休假{n:05d}")
