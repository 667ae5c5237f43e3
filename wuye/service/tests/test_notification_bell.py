"""SRV notifications in the app: the bell counts unread messages, opening one marks it read
and follows its link; nobody opens another person's."""

import pytest
from django.urls import reverse

from wuye.core.models import Notification
from wuye.core.notifications import notify_users
from wuye.service import services


@pytest.mark.django_db
def test_a_dispatched_technician_finds_the_order_behind_the_bell(
    community_a, dsp_a, tech_a, make_staff, login, django_capture_on_commit_callbacks
):
    order = services.register_order(
        community=community_a,
        actor=dsp_a,
        kind="repair",
        channel="patrol",
        place="3号楼大堂",
        description="大堂吊灯不亮",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_order(order, assignee=tech_a, actor=dsp_a)
    notification = Notification.objects.get(user=tech_a)
    assert order.number in notification.text
    client = login(tech_a)
    home = client.get(reverse("home"), follow=True).content.decode()  # his task list
    assert 'data-testid="unread">1<' in home
    listed = client.get(reverse("core:notifications")).content.decode()
    assert reverse("core:notification_open", args=[notification.pk]) in listed
    # Reading is not writing: a GET (prefetch, link preview) marks nothing read.
    assert client.get(reverse("core:notification_open", args=[notification.pk])).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None
    opened = client.post(reverse("core:notification_open", args=[notification.pk]))
    assert opened["Location"] == order.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'data-testid="unread"' not in client.get(reverse("home"), follow=True).content.decode()
    other = login(make_staff(community_a, "TECH", username="tech_other"))
    assert other.post(reverse("core:notification_open", args=[notification.pk])).status_code == 403


@pytest.mark.django_db
def test_mark_all_read(community_a, mgr_a, login):
    notify_users(community_a, [mgr_a, mgr_a], "重大投诉 GD2026000001")
    assert Notification.objects.filter(user=mgr_a).count() == 1
    client = login(mgr_a)
    assert "重大投诉" in client.get(reverse("core:notifications")).content.decode()
    client.post(reverse("core:notifications"))
    assert not Notification.objects.filter(user=mgr_a, read_at__isnull=True).exists()
