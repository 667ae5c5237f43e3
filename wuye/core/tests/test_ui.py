"""PLT-05: the UI shell — layout, breadcrumbs, toasts, error pages, live home counts, phone use."""

import pytest
from django.urls import reverse

from wuye.org.models import Zone


@pytest.mark.django_db
def test_home_shows_live_counts_for_the_role(community_a, org_a, make_staff, mgr_a, login):
    """PLT-05: the workbench counts what the post may open, and refreshes by itself (htmx)."""
    make_staff(community_a, "CSR", username="c1")
    body = login(mgr_a).get(reverse("home")).content.decode()
    assert "在岗员工" in body and "片区" in body
    assert 'hx-trigger="every 60s"' in body
    partial = (
        login(mgr_a)
        .get(reverse("home"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="home-cards")
        .content.decode()
    )
    assert "<html" not in partial and 'data-testid="card-value">2<' in partial


@pytest.mark.django_db
def test_breadcrumbs_and_toast_after_saving(community_a, org_a, mgr_a, login):
    """PLT-05: saving shows a toast; detail pages have breadcrumbs back to the list."""
    client = login(mgr_a)
    response = client.post(reverse("org:zone_add"), {"code": "A7", "name": "七区"}, follow=True)
    body = response.content.decode()
    assert 'data-testid="toast"' in body and "已保存" in body
    assert 'class="breadcrumb' in body and reverse("org:zone_list") in body
    assert Zone.objects.filter(name="七区", community=community_a).exists()


@pytest.mark.django_db
def test_not_found_page_is_chinese(community_a, mgr_a, login):
    """PLT-05: 404 is a Chinese page with a way back."""
    response = login(mgr_a).get("/org/zones/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "未找到" in body and reverse("home") in body


def test_server_error_page_is_chinese_and_standalone(rf):
    """PLT-05: the 500 page needs no database or context and speaks Chinese."""
    from wuye.core.views.pages import error_500

    response = error_500(rf.get("/boom/"))
    assert response.status_code == 500
    assert "系统出错了" in response.content.decode()


@pytest.mark.django_db
def test_layout_is_usable_on_a_phone(community_a, mgr_a, login):
    """PLT-05: responsive viewport, collapsible menu, responsive tables."""
    body = login(mgr_a).get(reverse("org:staff_list")).content.decode()
    assert 'name="viewport" content="width=device-width' in body
    assert 'data-bs-toggle="collapse"' in body and "navbar-toggler" in body
    assert "table-responsive" in body


@pytest.mark.django_db
def test_delete_is_offered_only_to_roles_allowed(community_a, org_a, make_staff, login):
    """PLT-03/PLT-05: the delete button shows for MGR, not for AST (who may edit)."""
    zone = org_a["zone1"]
    manager = (
        login(make_staff(community_a, "MGR"))
        .get(reverse("org:zone_detail", args=[zone.pk]))
        .content.decode()
    )
    assistant = (
        login(make_staff(community_a, "AST"))
        .get(reverse("org:zone_detail", args=[zone.pk]))
        .content.decode()
    )
    delete_url = reverse("org:zone_delete", args=[zone.pk])
    assert delete_url in manager and delete_url not in assistant
    assert reverse("org:zone_edit", args=[zone.pk]) in assistant


@pytest.mark.django_db
def test_deleting_a_department_in_use_is_refused(community_a, org_a, make_staff, mgr_a, login):
    """PLT-05: a department with staff cannot be deleted; the message says why."""
    make_staff(community_a, "CSR", username="inuse").memberships.update(department=org_a["cs"])
    response = login(mgr_a).post(
        reverse("org:department_delete", args=[org_a["cs"].pk]), follow=True
    )
    assert "无法删除" in response.content.decode()
    assert org_a["cs"].__class__.objects.filter(pk=org_a["cs"].pk).exists()
