"""COM-08 (QC-10, QC-11): the chronicle of major events with its yearly document, and the
visit-reception calendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from wuye.community.models import ChronicleEntry, Visit

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZH = {"Accept-Language": "zh-hans"}


@pytest.mark.django_db
def test_com08_chronicle_entries_and_the_year_document(community_a, make_staff, login):
    client = login(make_staff(community_a, "QC"))
    for day, title in (
        ("2026-03-12", "通过市级优秀住宅小区复评"),
        ("2026-08-01", "完成二次供水改造"),
    ):
        response = client.post(
            "/community/chronicle/add/",
            {"occurred_on": day, "category": "honour", "title": title, "description": "全体员工"},
            headers=ZH,
        )
        assert response.status_code == 302
    assert ChronicleEntry.objects.count() == 2
    document = client.get("/community/chronicle/pdf/?year=2026")
    assert document.status_code == 200 and document.content.startswith(b"%PDF")
    # A photo that is not a picture is refused, nothing saved.
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("照片.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(
        "/community/chronicle/add/",
        {"occurred_on": "2026-09-01", "category": "event", "title": "中秋晚会", "photo": fake},
        headers=ZH,
    )
    assert response.status_code == 400 and ChronicleEntry.objects.count() == 2


@pytest.mark.django_db
def test_com08_visits_on_the_month_calendar(community_a, make_staff, login):
    client = login(make_staff(community_a, "MGR"))
    response = client.post(
        "/community/visits/add/",
        {
            "visit_at": "2026-12-15T09:30",
            "kind": "authority",
            "visitor": "区住建局物业科",
            "people": "3",
            "purpose": "物业服务质量检查",
            "status": "planned",
        },
        headers=ZH,
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.visit_at == dt.datetime(2026, 12, 15, 9, 30, tzinfo=SHANGHAI)
    page = client.get("/community/visits/calendar/?month=2026-12", headers=ZH).content.decode()
    assert "区住建局物业科" in page and "09:30" in page
    assert (
        "区住建局物业科"
        not in client.get("/community/visits/calendar/?month=2026-11", headers=ZH).content.decode()
    )
    assert client.get("/community/visits/calendar/?month=bad", headers=ZH).status_code == 200


@pytest.mark.django_db
def test_com08_a_visit_in_the_year_623_is_a_slip_and_refused(community_a, make_staff, login):
    client = login(make_staff(community_a, "MGR"))
    response = client.post(
        "/api/v1/visits/",
        {
            "visit_at": "0623-12-16T08:45:00+08:00",
            "kind": "press",
            "visitor": "电视台",
            "people": 2,
            "purpose": "采访",
            "status": "planned",
        },
        content_type="application/json",
        headers=ZH,
    )
    assert response.status_code == 400
    assert "1901" in response.json()["error"]["fields"]["visit_at"][0]
    assert not Visit.objects.exists()
