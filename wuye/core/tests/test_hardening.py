"""Bad input changes nothing: headers, bodies, formulas, stale forms, double confirmations."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuye.core.models import ImportBatch
from wuye.org.models import Membership, User, Zone


@pytest.mark.django_db
def test_unknown_or_foreign_x_community_is_refused_not_ignored(
    community_a, community_b, mgr_a, login
):
    """PLT-01/PLT-08: the API never falls back to another community when the header is wrong."""
    client = login(mgr_a)
    for code in ("B", "nonexistent"):
        response = client.post(
            "/api/v1/zones/",
            {"code": "Z1", "name": "一区"},
            content_type="application/json",
            HTTP_X_COMMUNITY=code,
        )
        assert response.status_code == 403
        assert code in response.json()["error"]["message"]
    assert not Zone.objects.exists()
    assert (
        client.get("/api/v1/zones/", HTTP_X_COMMUNITY="a").status_code == 200
    )  # codes are case-insensitive


@pytest.mark.django_db
def test_text_that_looks_like_a_formula_is_exported_as_text(community_a, make_staff, mgr_a, login):
    """PLT-07: a name like =HYPERLINK(...) stays text in the Excel export."""
    make_staff(community_a, "CSR", username="evil", name='=HYPERLINK("http://x.example","点我")')
    response = login(mgr_a).get(reverse("org:staff_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    evil = next(c for c in cells if str(c.value).startswith("="))
    assert evil.data_type == "s"


@pytest.mark.django_db
def test_api_full_write_keeps_defaults_for_left_out_fields(community_a, mgr_a, login):
    """PLT-08: staff created by API without is_active are in post (the form's default)."""
    response = login(mgr_a).post(
        "/api/v1/staff/",
        {"username": "defaults", "name": "默认", "post": "CSR"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Membership.objects.get(user__username="defaults").is_active is True


@pytest.mark.parametrize(
    "body",
    [
        "[1, 2]",
        '"x"',
        "null",
        '{"code": ["a", "b"], "name": "多值"}',
        '{"code": {"a": 1}, "name": "x"}',
    ],
)
@pytest.mark.django_db
def test_api_rejects_bodies_that_are_not_plain_objects(body, community_a, mgr_a, login):
    """PLT-08: odd JSON gets a 400 with the usual error shape, never a 500 or a mangled value."""
    response = login(mgr_a).generic("POST", "/api/v1/zones/", body, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()
    assert not Zone.objects.exists()


@pytest.mark.django_db
def test_form_opened_before_a_switch_in_another_tab_is_not_saved_elsewhere(
    community_a, community_b, make_staff
):
    """PLT-01: a create form carries its community; submitted after a switch, it saves nothing."""
    from django.test import Client

    user = make_staff(community_a, "MGR", username="twotabs")
    make_staff(community_b, "MGR", username="twotabs")
    client = Client()
    client.force_login(user)
    client.post(reverse("org:switch_community"), {"community": community_b.pk})
    response = client.post(
        reverse("org:zone_add"), {"_community": community_a.pk, "code": "Z1", "name": "一区"}
    )
    assert response.status_code == 302
    assert not Zone.objects.exists()
    response = client.post(
        reverse("org:zone_add"), {"_community": community_b.pk, "code": "Z1", "name": "一区"}
    )
    assert Zone.objects.get().community == community_b


@pytest.mark.django_db
def test_confirming_an_import_twice_imports_once(community_a, org_a, mgr_a, login):
    """PLT-07: a double click on “import” does not import twice."""
    from wuye.core.tests.test_import import GOOD_ROWS, upload, xlsx

    client = login(mgr_a)
    response = upload(client, xlsx(GOOD_ROWS[:2]))
    client.post(response["Location"], {"action": "commit"})
    count = Membership.objects.count()
    client.post(response["Location"], {"action": "commit"})
    assert Membership.objects.count() == count
    assert ImportBatch.objects.get().status == "committed"


@pytest.mark.django_db
def test_chinese_post_names_are_understood_whatever_the_screen_language(
    community_a, org_a, mgr_a, login
):
    """PLT-07: the Excel file says 客服专员 even when the uploader reads the English UI."""
    from wuye.core.tests.test_import import GOOD_ROWS, upload, xlsx

    client = login(mgr_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    upload(client, xlsx(GOOD_ROWS[:1]))
    assert ImportBatch.objects.get().error_count == 0


@pytest.mark.django_db
def test_company_viewer_sees_neither_audit_nor_status(community_a, company_viewer, login):
    """PLT-04: the audit trail is for the manager and the company administrator."""
    client = login(company_viewer)
    assert client.get(reverse("core:audit")).status_code == 403
    assert client.get(reverse("core:status")).status_code == 403
    assert client.get("/api/v1/events/").status_code == 403


@pytest.mark.django_db
def test_links_inside_table_rows_open_full_pages(community_a, make_staff, mgr_a, login):
    """PLT-05: only sorting and paging refresh the table in place; row links navigate."""
    make_staff(community_a, "CSR", username="rowlink")
    body = login(mgr_a).get(reverse("org:staff_list")).content.decode()
    assert '<tr hx-boost="false"' in body or 'hx-boost="false"' in body.split("<tbody")[1]


@pytest.mark.django_db
def test_setting_a_password_revokes_api_tokens(community_a, make_staff, mgr_a, login):
    """PLT-09: old tokens stop working after a manager sets a new password."""
    from rest_framework.authtoken.models import Token

    person = make_staff(community_a, "CSR", username="tokenholder")
    Token.objects.create(user=person)
    login(mgr_a).post(
        reverse("org:staff_password", args=[person.memberships.get().pk]),
        {"new_password1": "Fresh-Start-2026", "new_password2": "Fresh-Start-2026"},
    )
    assert not Token.objects.filter(user=person).exists()
    assert User.objects.get(pk=person.pk).check_password("Fresh-Start-2026")
