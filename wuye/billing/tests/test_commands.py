"""BIL-06, BIL-08, BIL-12: collecting, voiding and the closing's actions are declared commands —
the counter page and POST payments/ bind the one CollectForm, so the same bad input gets the
same Chinese words on both and collects nothing; the closing's page and API take the same
commands."""

import uuid

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
