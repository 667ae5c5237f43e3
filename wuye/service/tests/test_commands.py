"""SRV-02, SRV-03: each work-order action is one declared command — the page and the API bind
the same form, so the same bad input gets the same Chinese field error and changes nothing, and
every command is reachable from both."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from wuye.service import services
from wuye.service.choices import OrderStatus
from wuye.service.commands import ORDER_COMMANDS
from wuye.service.models import WorkOrder
from wuye.service.tests.factories import WorkOrderFactory


def page_errors(client, order, data):
    response = client.post(reverse("service:workorder_action", args=[order.pk]), data)
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def api_errors(client, order, path, body):
    response = client.post(
        f"/api/v1/work-orders/{order.pk}/{path}/",
        body,
        content_type="application/json",
        headers={"Accept-Language": "zh-hans"},
    )
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]


@pytest.mark.django_db
def test_page_and_api_refuse_a_foreign_assignee_with_the_same_words(
    community_a, dsp_a, mgr_b, login
):
    """SRV-02: a dispatch to someone of another service center is refused alike on the page
    and in the API, in Chinese, and the order stays registered."""
    order = WorkOrderFactory(community=community_a)
    client = login(dsp_a)
    with translation.override("zh-hans"):
        expected = "请选择本服务中心的员工。"
        assert page_errors(client, order, {"action": "dispatch", "assignee": mgr_b.pk}) == [
            f"处理人：{expected}"
        ]
        assert api_errors(client, order, "dispatch", {"assignee": mgr_b.pk}) == {
            "assignee": [expected]
        }
    order.refresh_from_db()
    assert order.status == OrderStatus.REGISTERED and order.assignee is None


@pytest.mark.django_db
def test_page_and_api_refuse_completion_without_what_was_done(community_a, dsp_a, tech_a, login):
    """SRV-03: completing without saying what was done, or with a negative charge, is a field
    error from the one CompleteForm on both sides; the order stays accepted."""
    order = WorkOrderFactory(community=community_a)
    services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    services.accept_order(order, actor=tech_a)
    client = login(tech_a)
    with translation.override("zh-hans"):
        page = page_errors(client, order, {"action": "complete", "material_cost": "-1"})
        api = api_errors(client, order, "complete", {"material_cost": "-1"})
    assert sorted(api) == ["material_cost", "result"]
    # The page's message names each field; the API keys them by field.
    assert page == [f"处理结果：{api['result'][0]}；材料费：{api['material_cost'][0]}"]
    assert api["result"] == ["该字段是必填项。"]
    assert WorkOrder.objects.get(pk=order.pk).status == OrderStatus.ACCEPTED


def test_every_command_has_an_api_action_and_a_page_entry():
    """SRV-02: the commands are the one list of actions — the API has a route for each, the
    page's view takes each by name."""
    from wuye.service.api.views import WorkOrderViewSet

    actions = {a.url_path: a for a in WorkOrderViewSet.get_extra_actions()}
    for command in ORDER_COMMANDS:
        path = command.api_path or command.name
        assert path in actions, path
        assert actions[path].mapping == {"post": command.api_name or command.name}
    assert set(ORDER_COMMANDS.names()) >= {"dispatch", "accept", "complete", "escalate"}


@pytest.mark.django_db
def test_forwarding_under_warranty_is_one_command_on_the_order_page_and_in_the_api(
    community_a, community_b, dsp_a, login
):
    """SRV-10: the order page's forward and POST warranty-claims/ bind the same form: another
    service center's vendor and a past due date are refused with the same words on both, and
    nothing is forwarded; a good request forwards once."""
    import datetime as dt

    from django.utils import timezone

    from wuye.estate.tests.factories import VendorFactory
    from wuye.service.models import WarrantyClaim

    developer = VendorFactory(community=community_a, name="开发商甲")
    foreign = VendorFactory(community=community_b, name="别处开发商")
    order = WorkOrderFactory(community=community_a, under_warranty=True)
    client = login(dsp_a)
    url = reverse("service:workorder_warranty", args=[order.pk])
    due = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    with translation.override("zh-hans"):
        page = client.post(url, {"action": "forward", "vendor": foreign.pk, "due_date": due})
        said = [str(m) for m in get_messages(page.wsgi_request)]
        api = client.post(
            "/api/v1/warranty-claims/",
            {"order": order.pk, "vendor": foreign.pk, "due_date": due},
            content_type="application/json",
            headers={"Accept-Language": "zh-hans"},
        )
        late = client.post(
            "/api/v1/warranty-claims/",
            {"order": order.pk, "vendor": developer.pk, "due_date": past},
            content_type="application/json",
            headers={"Accept-Language": "zh-hans"},
        )
    vendor_error = api.json()["error"]["fields"]["vendor"]
    assert api.status_code == 400 and said == [f"开发商或施工单位：{vendor_error[0]}"]
    assert late.status_code == 400 and list(late.json()["error"]["fields"]) == ["due_date"]
    assert not WarrantyClaim.objects.exists()

    done = client.post(url, {"action": "forward", "vendor": developer.pk, "due_date": due})
    claim = WarrantyClaim.objects.get()
    assert done["Location"] == claim.get_absolute_url() and claim.vendor == developer
