"""PLT-03: who may appoint whom. The matrix opens the staff pages; these rules stop a manager
from taking over accounts of another community and an assistant from promoting himself."""

import datetime as dt

import pytest
from django.urls import reverse

from wuye.core.errors import DomainError
from wuye.org import services
from wuye.org.models import Delegation, Membership


@pytest.mark.django_db
def test_assistant_cannot_make_himself_or_anyone_manager(community_a, ast_a, login):
    """PLT-03: AST may manage staff but not appoint MGR or AST, on the page or by API."""
    client = login(ast_a)
    page = client.get(reverse("org:staff_add")).content.decode()
    assert 'value="MGR"' not in page and 'value="AST"' not in page and 'value="CSR"' in page
    response = client.post(
        reverse("org:staff_add"), {"username": ast_a.username, "name": "x", "post": "MGR"}
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/staff/",
        {"username": ast_a.username, "name": "x", "post": "MGR"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(user=ast_a, post="MGR").exists()


@pytest.mark.django_db
def test_nobody_edits_or_removes_his_own_post(community_a, mgr_a, login):
    """PLT-03: a manager cannot demote, deactivate or remove himself."""
    own = mgr_a.memberships.get()
    client = login(mgr_a)
    detail = client.get(reverse("org:staff_detail", args=[own.pk])).content.decode()
    assert reverse("org:staff_edit", args=[own.pk]) not in detail
    response = client.post(reverse("org:staff_edit", args=[own.pk]), {"name": "x", "post": "CSR"})
    assert response.status_code == 400
    client.post(reverse("org:staff_delete", args=[own.pk]))
    own.refresh_from_db()
    assert own.post == "MGR" and own.is_active


@pytest.mark.django_db
def test_manager_cannot_take_over_another_communitys_manager(
    community_a, community_b, mgr_a, mgr_b, login
):
    """PLT-01/PLT-03: attaching B's manager to A gives A no power over that account."""
    client = login(mgr_a)
    response = client.post(
        reverse("org:staff_add"), {"username": mgr_b.username, "name": "改名", "post": "CSR"}
    )
    assert response.status_code == 302  # B's manager may also work here…
    membership = Membership.objects.get(community=community_a, user=mgr_b)
    detail = client.get(reverse("org:staff_detail", args=[membership.pk])).content.decode()
    assert reverse("org:staff_password", args=[membership.pk]) not in detail
    client.post(
        reverse("org:staff_password", args=[membership.pk]),
        {"new_password1": "Taken-Over-2026", "new_password2": "Taken-Over-2026"},
    )
    mgr_b.refresh_from_db()
    assert not mgr_b.check_password("Taken-Over-2026")  # …but A cannot set the password
    response = client.post(
        reverse("org:staff_edit", args=[membership.pk]),
        {"name": "改名", "phone": "13000000000", "post": "CSR"},
    )
    mgr_b.refresh_from_db()
    assert mgr_b.name != "改名" and mgr_b.phone != "13000000000"


@pytest.mark.django_db
def test_company_accounts_cannot_be_attached(community_a, company_admin, mgr_a, login):
    """PLT-03: headquarters accounts are not staff of a service center."""
    response = login(mgr_a).post(
        reverse("org:staff_add"), {"username": company_admin.username, "name": "x", "post": "CSR"}
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(user=company_admin).exists()


@pytest.mark.django_db
def test_manager_manages_his_own_staff_accounts(community_a, make_staff, mgr_a, ast_a):
    """PLT-03: the rules still let each level do its job."""
    csr = make_staff(community_a, "CSR")
    assert services.can_manage_account(mgr_a, csr)
    assert services.can_manage_account(ast_a, csr)
    assert services.can_manage_account(mgr_a, ast_a)
    assert not services.can_manage_account(ast_a, mgr_a)
    assert not services.can_manage_account(mgr_a, mgr_a)
    assert services.may_grant(mgr_a, community_a, "AST") and not services.may_grant(
        mgr_a, community_a, "MGR"
    )


@pytest.mark.django_db
def test_company_admin_appoints_managers(community_a, company_admin, login):
    """PLT-03: the project manager is appointed by the company."""
    response = login(company_admin).post(
        reverse("org:staff_add"), {"username": "newmgr", "name": "新经理", "post": "MGR"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user__username="newmgr", post="MGR", community=community_a
    ).exists()


@pytest.mark.django_db
def test_acting_manager_cannot_extend_his_own_delegation(community_a, mgr_a, ast_a, login):
    """PLT-03: the delegate holds MGR rights but can never grant himself more."""
    today = dt.date.today()
    services.grant_delegation(
        community=community_a,
        delegator=mgr_a,
        delegate=ast_a,
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=1),
        reason="休假",
        actor=mgr_a,
    )
    with pytest.raises(DomainError):
        services.grant_delegation(
            community=community_a,
            delegator=mgr_a,
            delegate=ast_a,
            start_date=today + dt.timedelta(days=2),
            end_date=dt.date(2099, 12, 31),
            reason="自己延期",
            actor=ast_a,
        )
    response = login(ast_a).post(
        "/api/v1/delegations/",
        {
            "delegator": mgr_a.pk,
            "delegate": ast_a.pk,
            "start_date": "2027-01-01",
            "end_date": "2099-12-31",
            "reason": "x",
        },
        content_type="application/json",
    )
    assert response.status_code in (400, 403)
    assert Delegation.objects.count() == 1


@pytest.mark.django_db
def test_manager_delegates_only_his_own_rights(community_a, mgr_a, ast_a, make_staff):
    """PLT-03: a second manager cannot record a delegation in another manager's name."""
    other_mgr = make_staff(community_a, "MGR", username="mgr_two")
    with pytest.raises(DomainError):
        services.grant_delegation(
            community=community_a,
            delegator=mgr_a,
            delegate=ast_a,
            start_date=dt.date(2026, 12, 1),
            end_date=dt.date(2026, 12, 2),
            reason="代签",
            actor=other_mgr,
        )
