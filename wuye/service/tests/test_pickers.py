"""SRV-01/02 pickers as a dispatcher uses them: the assignee list grouped by department with each
person's open orders, the least loaded first; a facility found by typing instead of a list of
every elevator and pump."""

import pytest
from django.urls import reverse

from wuye.estate.tests.factories import BuildingFactory, FacilityFactory
from wuye.org.models import Membership
from wuye.org.tests.factories import DepartmentFactory
from wuye.service import services
from wuye.service.models import WorkOrder
from wuye.service.tests.factories import CategoryFactory, WorkOrderFactory


@pytest.fixture
def staffed(community_a, make_staff, dsp_a):
    """工程部: 李工 (2 open orders) and 王强 (none); 秩序部: 赵安; 张客服 in no department."""
    works = DepartmentFactory(community=community_a, name="工程部", kind="ENG")
    guards = DepartmentFactory(community=community_a, name="秩序部", kind="SEC")
    people = {}
    for username, name, post, department in (
        ("li", "李工", "TECH", works),
        ("wang", "王强", "TECH", works),
        ("zhao", "赵安", "SEC", guards),
        ("zhang", "张客服", "CSR", None),
    ):
        user = make_staff(community_a, post, username=username, name=name)
        Membership.objects.filter(user=user).update(department=department)
        people[username] = user
    for _ in range(2):
        WorkOrderFactory(community=community_a, assignee=people["li"], status="dispatched")
    return people


@pytest.mark.django_db
def test_assignees_grouped_by_department_least_loaded_first(community_a, staffed):
    """SRV-02: departments by name, people by their open orders, the undeparted last."""
    groups = services.assignee_groups(community_a)
    names = [(dept, [(r["user"].name, r["open"]) for r in rows]) for dept, rows in groups]
    assert names[0] == ("工程部", [("王强", 0), ("李工", 2)])
    assert names[1] == ("秩序部", [("赵安", 0)])
    assert names[-1][0] == "未分部门" and ("张客服", 0) in names[-1][1]


@pytest.mark.django_db
def test_the_reassign_form_shows_departments_and_load(community_a, staffed, dsp_a, login):
    """SRV-02: the order page's picker has one group per department and each person's load."""
    order = WorkOrderFactory(community=community_a, assignee=staffed["li"], status="dispatched")
    client = login(dsp_a)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(order.get_absolute_url()).content.decode()
    assert '<optgroup label="工程部">' in page and '<optgroup label="秩序部">' in page
    assert "李工 · 工程维修 · 3 单未完成" in page and "王强 · 工程维修 · 0 单未完成" in page
    works = page.index('<optgroup label="工程部">')
    assert works < page.index("王强 · ") < page.index("李工 · ")


@pytest.fixture
def facilities(community_a, community_b):
    one = BuildingFactory(community=community_a, number="1")
    made = [
        FacilityFactory(community=community_a, code=f"DT-{n:02d}", name=f"{n}号电梯", building=one)
        for n in range(1, 151)
    ]
    made.append(FacilityFactory(community=community_a, kind="pump", code="BF-01", name="生活水泵"))
    FacilityFactory(community=community_b, code="BF-09", name="翠湖水泵")
    return made


@pytest.mark.django_db
def test_intake_form_searches_facilities_instead_of_listing_them(
    community_a, facilities, dsp_a, login
):
    """SRV-01: the facility box lists nothing up front; typing asks for at most twenty matches,
    of this community only."""
    client = login(dsp_a)
    page = client.get(reverse("service:workorder_intake")).content.decode()
    assert "DT-150" not in page and 'list="id_facility-options"' in page
    lookup = reverse("estate:facility_lookup")
    found = client.get(lookup, {"field": "facility", "facility": "水泵"}).content.decode()
    assert 'value="BF-01 生活水泵"' in found and "翠湖" not in found
    many = client.get(lookup, {"field": "facility", "facility": "DT-"}).content.decode()
    assert many.count("<option") == 20


@pytest.mark.django_db
def test_intake_takes_the_facility_as_typed(community_a, facilities, dsp_a, login):
    """SRV-01: a suggestion, the code alone or a name only one facility has is enough; a name
    of several, or another community's facility, is refused with a Chinese message."""
    client = login(dsp_a)
    client.cookies["django_language"] = "zh-hans"
    category = CategoryFactory(community=community_a)
    data = {
        "kind": "repair",
        "category": category.pk,
        "priority": "normal",
        "description": "电梯异响",
        "channel": "hotline",
    }
    url = reverse("service:workorder_intake")
    for typed in ("DT-07 7号电梯", "dt-07", "7号电梯"):
        response = client.post(url, {**data, "facility": typed})
        assert response.status_code == 302, typed
        assert WorkOrder.objects.latest("pk").facility.code == "DT-07"
    count = WorkOrder.objects.count()
    for typed in ("号电梯", "BF-09"):
        response = client.post(url, {**data, "facility": typed})
        assert response.status_code == 400 and WorkOrder.objects.count() == count
    assert "设施" in response.content.decode()
