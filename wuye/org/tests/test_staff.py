"""PLT-02: staff accounts, posts, departments and zones managed through the core building blocks."""

import pytest
from django.urls import reverse

from wuye.core.models import Event
from wuye.org.models import Membership, User


@pytest.mark.django_db
def test_manager_adds_staff_with_post_department_and_zones(community_a, org_a, mgr_a, login):
    """PLT-02: a new account gets its post, department and zones in this service center."""
    response = login(mgr_a).post(
        reverse("org:staff_add"),
        {
            "username": "zhangsan",
            "name": "张三",
            "phone": "13812345678",
            "post": "CSR",
            "department": "客服部",
            "zones": ["一区", "二区"],
            "is_active": "on",
            "password": "Counter-2026-x",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user__username="zhangsan")
    assert membership.community == community_a
    assert membership.post == "CSR"
    assert membership.department == org_a["cs"]
    assert {z.name for z in membership.zones.all()} == {"一区", "二区"}
    assert membership.user.check_password("Counter-2026-x")
    assert membership.user.company == community_a.company
    assert Event.objects.filter(verb="staff.added", actor=mgr_a, community=community_a).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "1381234"), ("post", "老板"), ("department", "不存在的部门"), ("username", "张 三")],
)
@pytest.mark.django_db
def test_bad_staff_input_is_refused_in_chinese_and_saves_nothing(
    field, value, community_a, org_a, mgr_a, login
):
    """PLT-02: bad input gets a clear message and changes nothing."""
    data = {
        "username": "lisi",
        "name": "李四",
        "phone": "13912345678",
        "post": "CSR",
        "department": "客服部",
    }
    data[field] = value
    response = login(mgr_a).post(reverse("org:staff_add"), data)
    assert response.status_code == 400
    assert not User.objects.filter(username__in=["lisi", "张 三"]).exists()
    assert "invalid-feedback" in response.content.decode()


@pytest.mark.django_db
def test_one_person_holds_posts_in_two_communities(
    community_a, community_b, make_staff, mgr_b, login
):
    """PLT-02: adding an existing username in another community adds a post, not a second account."""
    person = make_staff(community_a, "TECH", username="wanggong")
    response = login(mgr_b).post(
        reverse("org:staff_add"), {"username": "wanggong", "name": "王工", "post": "TECH"}
    )
    assert response.status_code == 302
    assert User.objects.filter(username="wanggong").count() == 1
    assert set(person.memberships.values_list("community__code", flat=True)) == {"A", "B"}


@pytest.mark.django_db
def test_same_post_twice_is_refused(community_a, make_staff, mgr_a, login):
    """PLT-02: one post per person per community."""
    make_staff(community_a, "CSR", username="dup")
    response = login(mgr_a).post(
        reverse("org:staff_add"), {"username": "dup", "name": "重复", "post": "CSR"}
    )
    assert response.status_code == 400
    assert Membership.objects.filter(user__username="dup").count() == 1


@pytest.mark.django_db
def test_removing_staff_keeps_the_account_and_asks_first(community_a, make_staff, mgr_a, login):
    """PLT-02: delete asks for confirmation (GET), then removes the post (POST); the account stays."""
    person = make_staff(community_a, "CLN", username="baojie")
    membership = person.memberships.get()
    client = login(mgr_a)
    confirm = client.get(reverse("org:staff_delete", args=[membership.pk]))
    assert confirm.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(reverse("org:staff_delete", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(username="baojie").exists()
    assert Event.objects.filter(verb="staff.removed").exists()


@pytest.mark.django_db
def test_zone_and_department_names_are_unique_per_community(
    community_a, community_b, org_a, mgr_a, mgr_b, login
):
    """PLT-02: duplicate names are refused within a community, allowed across communities."""
    response = login(mgr_a).post(reverse("org:zone_add"), {"code": "A9", "name": "一区"})
    assert response.status_code == 400
    response = login(mgr_b).post(reverse("org:zone_add"), {"code": "A1", "name": "一区"})
    assert response.status_code == 302
    response = login(mgr_a).post(reverse("org:department_add"), {"kind": "CS", "name": "客服部"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_zone_responsible_person_must_work_here(community_a, community_b, make_staff, mgr_a, login):
    """PLT-02: pickers offer only staff of the current community."""
    outsider = make_staff(community_b, "CSR", username="outsider")
    insider = make_staff(community_a, "CSR", username="insider")
    client = login(mgr_a)
    response = client.post(
        reverse("org:zone_add"), {"code": "A5", "name": "五区", "responsible": outsider.pk}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("org:zone_add"), {"code": "A5", "name": "五区", "responsible": insider.pk}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_manager_sets_a_password_for_a_new_account(community_a, make_staff, mgr_a, login):
    """PLT-02/PLT-09: accounts imported without password get one from the manager; audited."""
    person = make_staff(community_a, "SEC", username="baoan")
    person.set_unusable_password()
    person.save()
    membership = person.memberships.get()
    login(mgr_a).post(
        reverse("org:staff_password", args=[membership.pk]),
        {"new_password1": "Gate-Keeper-2026", "new_password2": "Gate-Keeper-2026"},
    )
    person.refresh_from_db()
    assert person.check_password("Gate-Keeper-2026")
    assert Event.objects.filter(verb="user.password_set", target_id=str(person.pk)).exists()


@pytest.mark.django_db
def test_staff_list_filters_and_searches(
    community_a, org_a, make_staff, mgr_a, login, django_assert_max_num_queries
):
    """PLT-07: one FilterSet; search by name or phone; query count bounded."""
    for n in range(12):
        make_staff(community_a, "CSR" if n % 2 else "TECH", username=f"s{n}", name=f"测试员{n:02d}")
    client = login(mgr_a)
    with django_assert_max_num_queries(25):
        body = client.get(reverse("org:staff_list"), {"post": "CSR"}).content.decode()
    assert "测试员01" in body and "测试员00" not in body
    body = client.get(reverse("org:staff_list"), {"q": "测试员07"}).content.decode()
    assert "测试员07" in body and "测试员05" not in body


@pytest.mark.django_db
def test_htmx_filter_returns_only_the_table(community_a, mgr_a, login):
    """PLT-05: htmx refreshes the results partial, not the whole page."""
    response = login(mgr_a).get(
        reverse("org:staff_list"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<html" not in body
