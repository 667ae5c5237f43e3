"""OCC-04 (DSP-8): release passes — applied for at the desk against the unit's people,
approved (a tenant moving out needs the owner's confirmation recorded), let out at the gate
exactly once; arrears are shown and never block."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation

from wuye.billing.tests.factories import BillFactory
from wuye.core.errors import ConflictError, DomainError
from wuye.core.models import Event
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.occupancy.choices import PassStatus
from wuye.occupancy.models import ReleasePass
from wuye.occupancy.services import passes
from wuye.occupancy.tests.factories import ReleasePassFactory

ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def sec_a(community_a, make_staff):
    return make_staff(community_a, "SEC", name="保安小刘")


@pytest.fixture
def home(community_a):
    """Unit 3-2-1501 with its owner 张建国 and a tenant 李小红 today."""
    unit = UnitFactory(community=community_a, building__number="3", entrance=2, number="1501")
    owner = PersonFactory(community=community_a, name="张建国")
    tenant = PersonFactory(community=community_a, name="李小红")
    UnitRelationFactory(community=community_a, unit=unit, person=owner, role="owner")
    UnitRelationFactory(community=community_a, unit=unit, person=tenant, role="tenant")
    return unit


def application(**changes):
    today = timezone.localdate().isoformat()
    data = {
        "unit": "3-2-1501",
        "applicant_name": "张建国",
        "applicant_phone": "13800001111",
        "applicant_role": "owner",
        "reason": "furniture",
        "items": "旧沙发一套\n书柜一个",
        "item_count": 2,
        "vehicle_plate": "粤B12345",
        "valid_from": today,
        "valid_until": today,
    }
    data.update(changes)
    return data


def apply(csr, **changes):
    return passes.request_pass(
        community=csr.last_community,
        actor=csr,
        **{
            **application(**changes),
            "unit": UnitFactory._meta.model.objects.get(code="3-2-1501"),
            "valid_from": timezone.localdate(),
            "valid_until": timezone.localdate(),
        },
    )


# --- Applying and deciding ---------------------------------------------------------------------


@pytest.mark.django_db
def test_occ04_the_desk_applies_for_a_pass_with_a_number(home, csr_a, login):
    """OCC-04: the CSR types the application for the owner; the pass is numbered FX<year>…,
    waits for approval, and the application is in the audit log."""
    client = login(csr_a)
    response = client.post(reverse("occupancy:releasepass_add"), application(), headers=ZH)
    assert response.status_code == 302, response.content.decode()[:2000]
    made = ReleasePass.objects.get()
    assert made.number == f"FX{timezone.localdate().year}000001"
    assert made.status == PassStatus.REQUESTED and made.unit == home
    assert made.item_lines == ["旧沙发一套", "书柜一个"] and made.vehicle_plate == "粤B12345"
    assert Event.objects.filter(verb="pass.requested", target_id=made.pk).exists()
    page = client.get(made.get_absolute_url(), headers=ZH).content.decode()
    assert "张建国（业主）" in page and "李小红（租户）" in page  # the unit's people, to check


@pytest.mark.django_db
def test_occ04_an_applicant_who_is_not_the_units_is_refused_and_nothing_is_saved(
    home, csr_a, login
):
    """OCC-04: “owner” 王五 is not an owner of 3-2-1501: a field error in Chinese, page and API
    alike, and no pass."""
    client = login(csr_a)
    with translation.override("zh-hans"):
        page = client.post(
            reverse("occupancy:releasepass_add"), application(applicant_name="王五"), headers=ZH
        )
        api = client.post(
            "/api/v1/release-passes/",
            application(applicant_name="王五"),
            content_type="application/json",
            headers=ZH,
        )
    assert page.status_code == 400 and "王五不是3-2-1501登记的业主" in page.content.decode()
    assert api.status_code == 400
    assert api.json()["error"]["fields"]["applicant_name"][0].startswith(
        "王五不是3-2-1501登记的业主"
    )
    assert not ReleasePass.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"valid_until": "2020-01-01"}, "valid_until"),  # ends before it starts
        ({"item_count": 0}, "item_count"),
        ({"unit": "99-9-9999"}, "unit"),
        ({"applicant_role": "boss"}, "applicant_role"),
        ({"items": "   "}, "items"),
    ],
)
def test_occ04_bad_applications_get_a_field_error_and_change_nothing(
    home, csr_a, login, changes, field
):
    """OCC-04: a pass ending before it starts, no pieces, an unknown unit or role, no items:
    a 400 naming the field, nothing saved."""
    response = login(csr_a).post(
        "/api/v1/release-passes/",
        application(**changes),
        content_type="application/json",
        headers=ZH,
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not ReleasePass.objects.exists()


@pytest.mark.django_db
def test_occ04_a_pass_for_a_unit_of_another_community_is_refused(home, csr_a, community_b, login):
    """OCC-04: a unit of another service center cannot be named, by code or by id."""
    foreign = UnitFactory(community=community_b)
    client = login(csr_a)
    for unit in (foreign.code, foreign.pk):
        response = client.post(
            "/api/v1/release-passes/",
            application(unit=unit),
            content_type="application/json",
            headers=ZH,
        )
        assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]
    assert not ReleasePass.objects.exists()


@pytest.mark.django_db
def test_occ04_malformed_bodies_are_400_never_500(home, csr_a, sec_a, login):
    """OCC-04: wrong JSON types and bodies that are not objects are refused cleanly."""
    client = login(csr_a)
    for body in ('["x"]', '"x"', "{", '{"item_count": "many"}', '{"valid_from": 5}'):
        response = client.post(
            "/api/v1/release-passes/", body, content_type="application/json", headers=ZH
        )
        assert response.status_code == 400, (body, response.content)
    guard = login(sec_a)
    for body in ("[]", '{"code": 5}', '{"code": ""}', '{"gate": "北门"}'):
        response = guard.post(
            "/api/v1/release-passes/verify/", body, content_type="application/json", headers=ZH
        )
        assert response.status_code == 400, (body, response.content)
    assert not ReleasePass.objects.exists()


@pytest.mark.django_db
def test_occ04_a_tenant_moving_out_needs_the_owners_confirmation(home, csr_a, login):
    """OCC-04: the tenant 李小红 moving out: approval without the owner's confirmation is a field
    error (page and API the same words) and the pass still waits; with it, approved and kept."""
    release_pass = apply(csr_a, applicant_name="李小红", applicant_role="tenant", reason="move_out")
    client = login(csr_a)
    with translation.override("zh-hans"):
        page = client.post(release_pass.get_absolute_url(), {"action": "approve"}, headers=ZH)
        api = client.post(
            f"/api/v1/release-passes/{release_pass.pk}/approve/",
            {},
            content_type="application/json",
            headers=ZH,
        )
    assert page.status_code == 400 and "不是业主" in page.content.decode()
    assert api.status_code == 400
    assert "不是业主" in api.json()["error"]["fields"]["owner_confirmation"][0]
    release_pass.refresh_from_db()
    assert release_pass.status == PassStatus.REQUESTED
    response = client.post(
        f"/api/v1/release-passes/{release_pass.pk}/approve/",
        {"owner_confirmation": "业主张建国电话确认"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"
    release_pass.refresh_from_db()
    assert release_pass.owner_confirmation == "业主张建国电话确认"
    assert release_pass.decided_by == csr_a


@pytest.mark.django_db
def test_occ04_the_owners_own_furniture_needs_no_confirmation_and_a_rejection_needs_a_reason(
    home, csr_a
):
    owners = apply(csr_a)
    assert passes.approve_pass(owners, actor=csr_a).status == PassStatus.APPROVED
    other = apply(csr_a)
    with pytest.raises(DomainError) as refused:
        passes.reject_pass(other, actor=csr_a, note=" ")
    assert refused.value.field == "note"
    assert passes.reject_pass(other, actor=csr_a, note="物品清单不符").status == "rejected"
    with pytest.raises(DomainError):  # decided already
        passes.approve_pass(other, actor=csr_a)


# --- At the gate -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_occ04_a_pass_is_let_out_once_and_the_second_scan_says_when_and_by_whom(
    community_a, sec_a, login
):
    """OCC-04, DSP-8: the guard verifies by the number; the second verification is refused
    (409) with the time and the guard who let it out, and the pass stays used once."""
    release_pass = ReleasePassFactory(community=community_a)
    client = login(sec_a)
    first = client.post(
        "/api/v1/release-passes/verify/",
        {"code": release_pass.number.lower(), "gate": "北门"},
        content_type="application/json",
    )
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "used" and first.json()["used_by"] == str(sec_a)
    release_pass.refresh_from_db()
    used_at = release_pass.used_at
    with translation.override("zh-hans"):
        second = client.post(
            "/api/v1/release-passes/verify/",
            {"code": release_pass.number},
            content_type="application/json",
            headers=ZH,
        )
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "already_used"
    stamp = timezone.localtime(used_at).strftime("%Y-%m-%d %H:%M")
    assert stamp in error["message"] and str(sec_a) in error["message"]
    assert "北门" in error["message"] and "不能再次使用" in error["message"]
    release_pass.refresh_from_db()
    assert release_pass.used_at == used_at and release_pass.used_by == sec_a
    assert Event.objects.filter(verb="pass.used", target_id=release_pass.pk).count() == 1


@pytest.mark.django_db
def test_occ04_the_gate_page_looks_up_without_changing_and_refuses_a_second_use(
    community_a, sec_a, login
):
    """OCC-04: looking a pass up (GET) changes nothing; letting out is a POST; a second scan
    on the page shows who let it out and when, and offers no button."""
    release_pass = ReleasePassFactory(community=community_a)
    client = login(sec_a)
    seq = int(release_pass.number[-6:])
    page = client.get(reverse("occupancy:gate"), {"code": str(seq)}, headers=ZH)  # short form
    assert page.status_code == 200 and 'data-testid="gate-let-out"' in page.content.decode()
    release_pass.refresh_from_db()
    assert release_pass.status == PassStatus.APPROVED
    back = f"{reverse('occupancy:gate')}?code={release_pass.number}"
    done = client.post(
        reverse("occupancy:releasepass_action", args=[release_pass.pk]),
        {"action": "verify", "gate": "东门", "next": back},
    )
    assert done.status_code == 302 and done.url == back
    again = client.post(
        reverse("occupancy:releasepass_action", args=[release_pass.pk]),
        {"action": "verify", "next": back},
        headers=ZH,
    )
    with translation.override("zh-hans"):
        refused = [str(m) for m in get_messages(again.wsgi_request) if m.level_tag == "error"]
    assert refused and "不能再次使用" in refused[0]
    shown = client.get(back, headers=ZH).content.decode()
    assert "gate-refused" in shown and "gate-let-out" not in shown and "东门" in shown


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, code",
    [
        ({"status": "requested"}, "not_approved"),
        ({"status": "rejected"}, "not_approved"),
        ({"status": "cancelled"}, "not_approved"),
        (
            {"valid_from": dt.date(2020, 1, 1), "valid_until": dt.date(2020, 1, 2)},
            "not_valid_today",
        ),
    ],
)
def test_occ04_only_an_approved_pass_valid_today_goes_out(community_a, sec_a, login, changes, code):
    release_pass = ReleasePassFactory(community=community_a, **changes)
    response = login(sec_a).post(
        "/api/v1/release-passes/verify/",
        {"code": release_pass.number},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == code
    status_before = changes.get("status", "approved")
    release_pass.refresh_from_db()
    assert release_pass.status == status_before and release_pass.used_at is None


@pytest.mark.django_db
def test_occ04_arrears_are_shown_and_never_block(home, csr_a, sec_a, login):
    """OCC-04: the unit owes ¥500 past due: the desk and the gate see it, and the pass is
    approved and let out all the same."""
    BillFactory(
        community=home.community,
        unit=home,
        total=Decimal("500.00"),
        due_date=timezone.localdate() - dt.timedelta(days=40),
    )
    release_pass = apply(csr_a)
    desk = login(csr_a)
    page = desk.get(release_pass.get_absolute_url(), headers=ZH).content.decode()
    assert "arrears-note" in page and "500.00" in page
    approved = desk.post(
        f"/api/v1/release-passes/{release_pass.pk}/approve/", {}, content_type="application/json"
    )
    assert approved.status_code == 200
    guard = login(sec_a)
    look = guard.get("/api/v1/release-passes/lookup/", {"code": release_pass.number})
    assert look.status_code == 200
    assert look.json()["unit_owed"] == "500.00" and look.json()["can_let_out"] is True
    gate_page = guard.get(reverse("occupancy:gate"), {"code": release_pass.number}, headers=ZH)
    assert "500.00" in gate_page.content.decode()
    verified = guard.post(
        "/api/v1/release-passes/verify/",
        {"code": release_pass.number},
        content_type="application/json",
    )
    assert verified.status_code == 200 and verified.json()["status"] == "used"


@pytest.mark.django_db
def test_occ04_who_may_do_what(home, csr_a, sec_a, login):
    """OCC-04: the guard verifies but does not approve; the desk (CSR) approves but is not the
    gate; an unknown number is a 404 with a Chinese message."""
    waiting = apply(csr_a)
    guard = login(sec_a)
    assert (
        guard.post(
            f"/api/v1/release-passes/{waiting.pk}/approve/", {}, content_type="application/json"
        ).status_code
        == 403
    )
    assert guard.get(reverse("occupancy:releasepass_add")).status_code == 403
    desk = login(csr_a)
    assert desk.get(reverse("occupancy:gate")).status_code == 403
    assert (
        desk.post(
            "/api/v1/release-passes/verify/",
            {"code": waiting.number},
            content_type="application/json",
        ).status_code
        == 403
    )
    with translation.override("zh-hans"):
        missing = guard.get("/api/v1/release-passes/lookup/", {"code": "FX1999000001"}, headers=ZH)
    assert missing.status_code == 404 and "没有" in missing.json()["error"]["message"]


@pytest.mark.django_db
def test_occ04_the_printed_pass_carries_its_qr_code(community_a, csr_a, login, rendered_pdfs):
    release_pass = ReleasePassFactory(community=community_a)
    response = login(csr_a).get(reverse("occupancy:releasepass_pdf", args=[release_pass.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    html = rendered_pdfs[0]
    assert "<svg" in html and release_pass.number in html and "物品放行条" in html


def test_occ04_numbers_typed_at_the_gate_are_understood():
    year = timezone.localdate().year
    assert passes.normalize_code(" fx2026000123 ") == "FX2026000123"
    assert passes.normalize_code("2026000123") == "FX2026000123"
    assert passes.normalize_code("123") == f"FX{year}000123"
    for junk in ("", "FX", "12a", "１２３", "9" * 11, "DROP TABLE"):
        assert passes.normalize_code(junk) == ""


# --- Two guards at once ------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_occ04_two_guards_scanning_at_once_let_a_pass_out_once(community_a, make_staff):
    """OCC-04 race: two guards verify the same pass at the same moment, in every trial one is
    let out and the other refused as already used."""
    guards = [make_staff(community_a, "SEC", username=f"gate_{i}") for i in range(2)]
    for _trial in range(15):
        release_pass = ReleasePassFactory(community=community_a)
        barrier = threading.Barrier(2)
        outcomes: list[object] = []

        def verify(guard, target=release_pass):
            try:
                barrier.wait(timeout=10)
                outcomes.append(passes.verify_pass(target, actor=guard))
            except ConflictError as exc:
                outcomes.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=verify, args=(g,)) for g in guards]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(type(o).__name__ for o in outcomes) == ["ConflictError", "ReleasePass"]
        release_pass.refresh_from_db()
        assert release_pass.status == PassStatus.USED
        assert Event.objects.filter(verb="pass.used", target_id=release_pass.pk).count() == 1
