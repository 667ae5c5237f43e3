"""PLT-01/PLT-02: memberships, several communities per person, switching, company roles."""

import pytest
from django.test import Client
from django.urls import reverse

from wuye.core.access import COMMUNITY_SESSION_KEY
from wuye.org.models import Zone
from wuye.org.tests.factories import UserFactory, ZoneFactory


@pytest.mark.django_db
def test_staff_see_only_their_communities(community_a, community_b, mgr_a, login):
    """PLT-01: the switcher offers only the communities the person is assigned to."""
    body = login(mgr_a).get(reverse("home")).content.decode()
    assert community_a.name in body
    assert community_b.name not in body


@pytest.mark.django_db
def test_switching_changes_the_scope_and_is_remembered(community_a, community_b, make_staff):
    """PLT-01: a person with posts in two communities switches in the header; the choice sticks."""
    user = make_staff(community_a, "MGR", username="multi")
    make_staff(community_b, "QC", username="multi")
    ZoneFactory(community=community_a, name="阳光一区")
    ZoneFactory(community=community_b, name="翠湖东区")
    client = Client()
    client.post(reverse("login"), {"username": "multi", "password": "pw-Wuye-2026"})
    assert "阳光一区" in client.get(reverse("org:zone_list")).content.decode()
    response = client.post(
        reverse("org:switch_community"),
        {"community": community_b.pk, "next": "/org/zones/5/edit/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/org/zones/"  # never onto another community's record
    body = client.get(reverse("org:zone_list")).content.decode()
    assert "翠湖东区" in body and "阳光一区" not in body
    user.refresh_from_db()
    assert user.last_community == community_b
    # A new sign-in starts in the community used last.
    fresh = Client()
    assert (
        fresh.post(reverse("login"), {"username": "multi", "password": "pw-Wuye-2026"}).status_code
        == 302
    )
    assert "翠湖东区" in fresh.get(reverse("org:zone_list")).content.decode()


@pytest.mark.django_db
def test_switching_to_a_foreign_community_is_refused(community_a, community_b, mgr_a, login):
    """PLT-01: posting another community's id does not switch (404) and changes nothing."""
    client = login(mgr_a)
    response = client.post(reverse("org:switch_community"), {"community": community_b.pk})
    assert response.status_code == 404
    assert client.session.get(COMMUNITY_SESSION_KEY) != community_b.pk
    mgr_a.refresh_from_db()
    assert mgr_a.last_community == community_a


@pytest.mark.django_db
def test_api_scope_follows_the_community_header(community_a, community_b, make_staff, login):
    """PLT-01/PLT-08: API clients choose the community with X-Community; a foreign one is ignored."""
    user = make_staff(community_a, "MGR", username="multi")
    make_staff(community_b, "MGR", username="multi")
    ZoneFactory(community=community_a, name="阳光一区")
    ZoneFactory(community=community_b, name="翠湖东区")
    client = login(user)
    names = {
        z["name"] for z in client.get("/api/v1/zones/", HTTP_X_COMMUNITY="B").json()["results"]
    }
    assert names == {"翠湖东区"}
    names = {
        z["name"] for z in client.get("/api/v1/zones/", HTTP_X_COMMUNITY="A").json()["results"]
    }
    assert names == {"阳光一区"}


@pytest.mark.django_db
def test_company_admin_sees_all_company_communities_and_no_other(
    community_a, community_b, other_company_community, company_admin, login
):
    """PLT-01: a company administrator sees every community of the company, none of another."""
    client = login(company_admin)
    body = client.get(reverse("org:community_list")).content.decode()
    assert community_a.name in body and community_b.name in body
    assert other_company_community.name not in body
    assert (
        client.get(reverse("org:community_detail", args=[other_company_community.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("org:switch_community"), {"community": other_company_community.pk}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_company_viewer_reads_but_cannot_change(community_a, company_viewer, login):
    """PLT-02/PLT-03: headquarters viewers read every list and change nothing."""
    client = login(company_viewer)
    assert client.get(reverse("org:staff_list")).status_code == 200
    assert client.get(reverse("org:zone_add")).status_code == 403
    response = client.post(
        "/api/v1/zones/", {"code": "Z1", "name": "一区"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Zone.objects.exists()


@pytest.mark.django_db
def test_user_without_any_post_gets_a_clear_page(db):
    """PLT-01: an account with no community is told so instead of seeing an empty system."""
    user = UserFactory(username="nobody")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert reverse("org:staff_list") not in response.content.decode()
