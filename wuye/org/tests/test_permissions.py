"""PLT-03: each post reaches exactly the pages and API actions its duties need."""

import pytest
from django.urls import reverse

from wuye.core.roles import PERMISSIONS, Post, has_permission

ALL = set(Post.values)

# Hand-written expectations (not derived from the matrix, so a wrong matrix fails here).
PAGES = [
    ("home", ALL),
    ("core:roles", ALL),
    ("org:staff_list", {"MGR", "AST", "FIN", "QC", "CSS", "DSP"}),
    ("org:staff_add", {"MGR", "AST"}),
    ("org:department_list", ALL),
    ("org:department_add", {"MGR", "AST"}),
    ("org:zone_list", ALL),
    ("org:zone_add", {"MGR", "AST", "CSS"}),
    ("org:delegation_list", {"MGR", "AST"}),
    ("org:delegation_add", {"MGR"}),
    ("core:audit", {"MGR"}),
    ("core:status", {"MGR", "AST"}),
]


@pytest.mark.parametrize("post", sorted(ALL))
@pytest.mark.django_db
def test_each_post_reaches_only_its_pages(post, community_a, make_staff, login):
    """PLT-03: pages open (200) for the posts that need them and are refused (403) to others."""
    client = login(make_staff(community_a, post))
    for url_name, allowed in PAGES:
        response = client.get(reverse(url_name))
        expected = 200 if post in allowed else 403
        if url_name == "home" and post in {"TECH", "SEC", "CLN"}:
            expected = 302  # field staff land on their task list (PLT-04)
        assert response.status_code == expected, f"{post} {url_name}: {response.status_code}"


@pytest.mark.django_db
def test_refused_page_explains_in_chinese(community_a, tech_a, login):
    """PLT-03/PLT-05: a refusal is a Chinese 403 page, not a bare error."""
    response = login(tech_a).get(reverse("org:staff_list"))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


@pytest.mark.parametrize(
    ("post", "can_create_zone", "can_delete_staff"),
    [
        ("MGR", True, True),
        ("AST", True, False),
        ("CSS", True, False),
        ("CSR", False, False),
        ("CSH", False, False),
    ],
)
@pytest.mark.django_db
def test_api_actions_follow_the_same_matrix(
    post, can_create_zone, can_delete_staff, community_a, make_staff, login
):
    """PLT-03/PLT-08: the API enforces the matrix exactly as the pages do."""
    client = login(make_staff(community_a, post))
    response = client.post(
        "/api/v1/zones/", {"code": "Z9", "name": "九区"}, content_type="application/json"
    )
    assert response.status_code == (201 if can_create_zone else 403)
    victim = make_staff(community_a, "CLN", username="cleaner")
    membership = victim.memberships.get()
    response = client.delete(f"/api/v1/staff/{membership.pk}/")
    expected = 204 if can_delete_staff else 403
    assert response.status_code == expected
    assert victim.memberships.exists() is (not can_delete_staff)


@pytest.mark.django_db
def test_menu_shows_only_reachable_entries(community_a, csh_a, mgr_a, login):
    """PLT-03/PLT-05: the left menu is filtered by post."""
    cashier_page = login(csh_a).get(reverse("home")).content.decode()
    manager_page = login(mgr_a).get(reverse("home")).content.decode()
    assert reverse("org:staff_list") not in cashier_page
    assert reverse("core:audit") not in cashier_page
    assert reverse("org:staff_list") in manager_page
    assert reverse("core:audit") in manager_page


def test_company_roles_in_the_matrix():
    """PLT-03: company admins hold everything; company viewers only viewing permissions."""
    for code, perm in PERMISSIONS.items():
        assert has_permission(code, posts=set(), company_role="admin")
        assert has_permission(code, posts=set(), company_role="viewer") is perm.hq_viewer
        assert not perm.hq_viewer or perm.is_read_only
    assert not has_permission("core.audit.view", posts=set(), company_role="viewer")
    assert not has_permission("org.staff.change", posts={"CSR"})


def test_unknown_permission_is_a_programming_error():
    """PLT-03: a typo in a permission code fails loudly instead of silently allowing or refusing."""
    with pytest.raises(KeyError):
        has_permission("org.staf.view", posts={"MGR"})


@pytest.mark.django_db
def test_roles_page_shows_the_matrix(community_a, make_staff, login):
    """PLT-03: the matrix is visible read-only, one row per permission, one column per post."""
    body = login(make_staff(community_a, "CSR")).get(reverse("core:roles")).content.decode()
    for code in PERMISSIONS:
        assert code in body
    assert body.count('aria-label="allowed"') + body.count('aria-label="允许"') >= 1
    assert "<form" not in body.split('class="page-body"')[1]
