"""BIL-06, BIL-08, BIL-12: collecting, voiding and the closing's actions are declared commands —
the counter page and POST payments/ bind the one CollectForm, so the same bad input gets the
same Chinese words on both and collects nothing; the closing's page and API take the same
commands."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from wuye.billing.commands import CLOSING_COMMANDS, COLLECT, PAYMENT_COMMANDS
from wuye.billing.models import Deposit, Payment
from wuye.billing.tests.test_api_counter import bills, home  # noqa: F401  (fixtures)

API = "/api/v1"


def api_fields(client, body, **headers):
    response = client.post(
        f"{API}/payments/", body, content_type="application/json", headers=headers
    )
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]


@pytest.mark.django_db
def test_counter_page_and_api_refuse_the_same_bad_amount_alike(home, bills, csh_a, login):  # noqa: F811
    """BIL-06: an amount that is no number is the same field error on the counter page and in
    the API, and nothing is collected."""
    client = login(csh_a)
    with translation.override("zh-hans"):
        page = client.post(
            reverse("billing:counter"),
            {
                "unit": home.pk,
                "idempotency_key": uuid.uuid4().hex,
                "amount": "一百",
                "channel": "cash",
            },
        )
        api = api_fields(
            client,
            {"unit": home.pk, "amount": "一百", "channel": "cash"},
            **{"Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "zh-hans"},
        )
    assert page.status_code == 400
    assert list(page.context["form"].errors) == ["amount"] == list(api)
    assert page.context["form"].errors["amount"] == api["amount"] == ["输入一个数字。"]
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_deposit_needs_its_purpose_on_the_page_and_in_the_api(home, csh_a, login):  # noqa: F811
    """BIL-08: a deposit without saying what for is refused by the one form on both sides."""
    client = login(csh_a)
    body = {"unit": home.pk, "amount": "800", "channel": "cash", "purpose": "deposit"}
    with translation.override("zh-hans"):
        page = client.post(
            reverse("billing:counter_deposit"),
            {**body, "idempotency_key": uuid.uuid4().hex},
            follow=True,
        )
        api = api_fields(
            client, body, **{"Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "zh-hans"}
        )
    said = [str(m) for m in page.context["messages"]]
    assert api == {"deposit_purpose": ["请填写押金用途。"]}
    assert said == ["押金用途：请填写押金用途。"]
    assert not Deposit.objects.exists() and not Payment.objects.exists()


def test_each_declared_command_has_its_api_action():
    """BIL-07, BIL-12: the page's commands are the API's actions, one list."""
    from wuye.billing.api.views.closing import DailyClosingViewSet
    from wuye.billing.api.views.counter import PaymentViewSet

    for viewset, commands in (
        (PaymentViewSet, PAYMENT_COMMANDS),
        (DailyClosingViewSet, CLOSING_COMMANDS),
    ):
        paths = {a.url_path for a in viewset.get_extra_actions()}
        assert {c.api_path or c.name for c in commands} <= paths
    assert COLLECT.form.base_fields["idempotency_key"].max_length == 64


@pytest.mark.django_db
def test_a_waiver_request_is_checked_by_one_form_on_the_bill_and_in_the_api(
    home,  # noqa: F811
    bills,  # noqa: F811
    csh_a,
    login,
):
    """BIL-10: asking for a waiver without a reason, or for another community's line, is
    refused by the bill page's WaiverForm in the API too, with the same words."""
    from wuye.billing.models import Waiver

    line = bills[0].lines.get()
    client = login(csh_a)
    with translation.override("zh-hans"):
        page = client.post(
            reverse("billing:bill_waiver", args=[bills[0].pk]),
            {"line": line.pk, "amount": "10"},
            follow=True,
        )
        api = client.post(
            f"{API}/waivers/",
            {"line": line.pk, "amount": "10"},
            content_type="application/json",
            headers={"Accept-Language": "zh-hans"},
        )
    assert api.status_code == 400
    fields = api.json()["error"]["fields"]
    assert fields == {"reason": ["该字段是必填项。"]}
    assert [str(m) for m in page.context["messages"]] == ["事由：该字段是必填项。"]
    assert not Waiver.objects.exists()


@pytest.mark.django_db
def test_a_deposit_refund_is_one_command_on_the_deposit_page_and_in_the_api(home, csh_a, login):  # noqa: F811
    """BIL-09: the deposit page's rows of deductions and the API's list are one field of one
    form: a bad amount is refused on both with the row named, a deduction without its reason
    is refused by the same service, and a good request keeps 800 − 50 − 30.50 = 719.50."""
    from wuye.billing.commands import DEPOSIT_COMMANDS
    from wuye.billing.models import Refund

    client = login(csh_a)
    client.post(
        reverse("billing:counter_deposit"),
        {
            "unit": home.pk,
            "idempotency_key": uuid.uuid4().hex,
            "amount": "800",
            "channel": "pos",
            "purpose": "deposit",
            "deposit_purpose": "装修押金",
        },
        follow=True,
    )
    deposit = Deposit.objects.get()
    page_url = reverse("billing:deposit_detail", args=[deposit.pk])
    api_url = f"{API}/deposits/{deposit.pk}/refund/"
    rows = {"deductions-0-reason": "垃圾清运", "deductions-0-amount": "50"}
    shown = client.get(page_url).content.decode()
    assert all(f'name="deductions-{n}-amount"' in shown for n in range(3))
    with translation.override("zh-hans"):
        page = client.post(
            page_url,
            {
                "action": "refund",
                "reason": "完工",
                **rows,
                "deductions-1-reason": "墙面",
                "deductions-1-amount": "三十",
            },
            follow=True,
        )
        api = client.post(
            api_url,
            {
                "reason": "完工",
                "deductions": [
                    {"reason": "垃圾清运", "amount": "50"},
                    {"reason": "墙面", "amount": "三十"},
                ],
            },
            content_type="application/json",
            headers={"Accept-Language": "zh-hans"},
        )
        unreasoned = client.post(
            page_url,
            {"action": "refund", "reason": "完工", "deductions-0-amount": "50"},
            follow=True,
        )
    assert [str(m) for m in page.context["messages"]] == ["扣款明细：第2项：输入一个数字。"]
    assert api.status_code == 400
    assert api.json()["error"]["fields"] == {"deductions[1].amount": ["输入一个数字。"]}
    assert [str(m) for m in unreasoned.context["messages"]] == ["扣款明细：每项扣款都须写明事由。"]
    assert not Refund.objects.exists()

    done = client.post(
        page_url,
        {
            "action": "refund",
            "reason": "完工",
            **rows,
            "deductions-2-reason": "墙面",
            "deductions-2-amount": "30.50",
        },
    )
    refund = Refund.objects.get()
    assert done["Location"] == refund.get_absolute_url()
    assert refund.amount == Decimal("719.50") and [d["reason"] for d in refund.deductions] == [
        "垃圾清运",
        "墙面",
    ]
    assert DEPOSIT_COMMANDS["refund"].permission == "billing.refund.change"


@pytest.mark.django_db
def test_a_reading_is_corrected_by_one_command_on_its_page_and_in_the_api(
    community_a, tech_a, login
):
    """BIL-04: correcting a month's reading is one command: a negative reading gets the same
    words on the reading's page and from POST meter-readings/{id}/correct/, and a good one
    corrects it (usage 30 → 25) on either side; a month like 2026-13 is refused."""
    from wuye.billing.commands import READING_COMMANDS
    from wuye.billing.models import MeterReading
    from wuye.billing.services.readings import record_reading
    from wuye.estate.tests.factories import MeterFactory

    meter = MeterFactory(community=community_a, kind="water", initial_reading=Decimal("100"))
    reading = record_reading(
        meter=meter,
        period=dt.date(2026, 10, 1),
        current=Decimal("130"),
        read_on=dt.date(2026, 10, 28),
        actor=None,
    )
    client = login(tech_a)
    page_url = reverse("billing:meterreading_detail", args=[reading.pk])
    bad = {"current_reading": "-1", "read_on": "2026-10-28"}
    with translation.override("zh-hans"):
        page = client.post(page_url, {"action": "correct", **bad}, follow=True)
        api = client.post(
            f"{API}/meter-readings/{reading.pk}/correct/",
            bad,
            content_type="application/json",
            headers={"Accept-Language": "zh-hans"},
        )
        month = client.post(
            f"{API}/meter-readings/",
            {"period": "2026-13", "current_reading": "1", "read_on": "2026-10-28"},
            content_type="application/json",
            headers={"Accept-Language": "zh-hans"},
        )
    assert api.status_code == 400
    assert api.json()["error"]["fields"] == {"current_reading": ["确保该值大于或等于0。"]}
    assert [str(m) for m in page.context["messages"]] == ["本期读数：确保该值大于或等于0。"]
    assert month.status_code == 400 and list(month.json()["error"]["fields"]) == ["period"]
    assert MeterReading.objects.get().current_reading == Decimal("130.00")

    client.post(page_url, {"action": "correct", "current_reading": "125", "read_on": "2026-10-29"})
    assert MeterReading.objects.get().usage == Decimal("25.00")
    answer = client.post(
        f"{API}/meter-readings/{reading.pk}/correct/",
        {"current_reading": "126", "read_on": "2026-10-30", "note": "复核"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["usage"] == "26.00"
    assert {c.name for c in READING_COMMANDS} == {"confirm", "correct"}
