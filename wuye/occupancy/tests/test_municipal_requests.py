"""OCC-08 (CSD-10): municipal service requests — registered for the unit's people, forwarded to
the utility, recorded when opened; the utility's fee is billed at the utility's own price under
a pass-through item (代收代缴: no handling fee) and collected at the counter."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from wuye.billing.models import Bill, BillLine
from wuye.billing.services.counter import collect_payment
from wuye.core.models import Event
from wuye.estate.tests.factories import PersonFactory, UnitFactory, UnitRelationFactory
from wuye.occupancy.models import MunicipalRequest

D = Decimal
ZH = {"Accept-Language": "zh-hans"}


@pytest.fixture
def home(community_a):
    unit = UnitFactory(community=community_a, building__number="2", entrance=1, number="601")
    tenant = PersonFactory(community=community_a, name="周晓燕")
    UnitRelationFactory(
        community=community_a,
        unit=unit,
        person=tenant,
        role="tenant",
        start_date=dt.date(2024, 1, 1),
    )
    return unit


def body(**changes):
    data = {
        "unit": "2-1-601",
        "applicant_name": "周晓燕",
        "applicant_phone": "139 0000 3333",
        "service": "gas",
        "provider": "港华燃气",
        "utility_fee": "150.00",
        "note": "厨房燃气开通",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_occ08_a_request_is_registered_forwarded_and_opened(home, csr_a, login):
    """OCC-08: the tenant's gas opening: registered (fee billed at the utility's ¥150 under a
    pass-through item), forwarded with the utility's reference, recorded as opened."""
    client = login(csr_a)
    made = client.post("/api/v1/municipal-requests/", body(), content_type="application/json")
    assert made.status_code == 201, made.content
    request = MunicipalRequest.objects.get()
    assert request.number == f"SZ{timezone.localdate().year}000001"
    assert request.applicant_phone == "13900003333" and request.status == "registered"
    line = BillLine.objects.get(bill__unit=home)
    assert line.amount == D("150.00") and line.bill.total == D("150.00")  # no handling fee
    assert line.fee_item.pass_through and line.fee_item.code == "DSFW"
    forwarded = client.post(
        f"/api/v1/municipal-requests/{request.pk}/forward/",
        {"utility_reference": "GH-20261207-88"},
        content_type="application/json",
    )
    assert forwarded.status_code == 200 and forwarded.json()["status"] == "forwarded"
    page = client.post(
        request.get_absolute_url(), {"action": "complete", "result": "已通气并点火测试"}
    )
    assert page.status_code == 302
    request.refresh_from_db()
    assert request.status == "done" and request.done_on == timezone.localdate()
    assert request.utility_reference == "GH-20261207-88"
    verbs = set(Event.objects.filter(target_id=request.pk).values_list("verb", flat=True))
    assert {"municipal.registered", "municipal.forwarded", "municipal.done"} <= verbs


@pytest.mark.django_db
def test_occ08_the_fee_is_collected_at_the_counter_and_then_cannot_be_cancelled_away(
    home, csr_a, csh_a, login
):
    client = login(csr_a)
    made = client.post("/api/v1/municipal-requests/", body(), content_type="application/json")
    request_id = made.json()["id"]
    payment = collect_payment(
        unit=home, channel="cash", cashier=csh_a, idempotency_key=uuid.uuid4().hex
    )
    assert payment.amount == D("150.00")
    with translation.override("zh-hans"):
        refused = client.post(
            f"/api/v1/municipal-requests/{request_id}/cancel/",
            {"reason": "不开通了"},
            content_type="application/json",
            headers=ZH,
        )
    assert refused.status_code == 400 and "退款" in refused.json()["error"]["message"]
    assert MunicipalRequest.objects.get().status == "registered"


@pytest.mark.django_db
def test_occ08_cancelled_unpaid_cancels_its_bill_and_a_free_request_bills_nothing(
    home, csr_a, login
):
    client = login(csr_a)
    paid_one = client.post("/api/v1/municipal-requests/", body(), content_type="application/json")
    done = client.post(
        f"/api/v1/municipal-requests/{paid_one.json()['id']}/cancel/",
        {"reason": "住户改约"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert Bill.objects.get(unit=home).status == "cancelled"
    free = client.post(
        "/api/v1/municipal-requests/",
        body(service="broadband", provider="中国电信", utility_fee=None),
        content_type="application/json",
    )
    assert free.status_code == 201 and free.json()["utility_fee"] == "0.00"
    assert Bill.objects.filter(unit=home).count() == 1  # only the cancelled one


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"applicant_name": "路人乙"}, "applicant_name"),  # not one of the unit's people
        ({"applicant_phone": "12345"}, "applicant_phone"),
        ({"service": "heating"}, "service"),
        ({"utility_fee": "-1"}, "utility_fee"),
        ({"utility_fee": "abc"}, "utility_fee"),
        ({"unit": "99-9-999"}, "unit"),
        ({"provider": ""}, "provider"),
    ],
)
def test_occ08_bad_requests_get_a_field_error_and_change_nothing(
    home, csr_a, login, changes, field
):
    response = login(csr_a).post(
        "/api/v1/municipal-requests/", body(**changes), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not MunicipalRequest.objects.exists() and not Bill.objects.exists()


@pytest.mark.django_db
def test_occ08_steps_only_in_order(home, csr_a, login):
    """OCC-08: opened before forwarding, or forwarded twice: refused, nothing changes; an
    opening date before the forwarding date is a field error."""
    client = login(csr_a)
    request_id = client.post(
        "/api/v1/municipal-requests/", body(utility_fee="0"), content_type="application/json"
    ).json()["id"]
    early = client.post(
        f"/api/v1/municipal-requests/{request_id}/complete/", {}, content_type="application/json"
    )
    assert early.status_code == 400 and early.json()["error"]["code"] == "wrong_status"
    client.post(
        f"/api/v1/municipal-requests/{request_id}/forward/",
        {"forwarded_on": "2026-12-05"},
        content_type="application/json",
    )
    backwards = client.post(
        f"/api/v1/municipal-requests/{request_id}/complete/",
        {"done_on": "2026-12-01"},
        content_type="application/json",
    )
    assert backwards.status_code == 400 and "done_on" in backwards.json()["error"]["fields"]
    assert MunicipalRequest.objects.get().status == "forwarded"


@pytest.mark.django_db
def test_occ08_the_desk_pages(home, csr_a, login):
    client = login(csr_a)
    page = client.post(reverse("occupancy:municipalrequest_add"), body(), headers=ZH)
    assert page.status_code == 302
    request = MunicipalRequest.objects.get()
    shown = client.get(request.get_absolute_url(), headers=ZH).content.decode()
    assert "转交供应单位" in shown and "不加收手续费" in shown
    listing = client.get(reverse("occupancy:municipalrequest_list"), headers=ZH).content.decode()
    assert request.number in listing
