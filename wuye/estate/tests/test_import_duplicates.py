"""PLT-07/REG-07: a file that gives the same key twice is refused in the preview, row by row.

Without this the preview was clean and the commit failed on the database's unique key (the
same meter number or plate twice), or quietly kept only the first row's person.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from wuye.core.models import ImportBatch
from wuye.estate.models import Meter, ParkingArea, ParkingSpace, Person, Vehicle
from wuye.estate.tests.factories import BuildingFactory, PersonFactory, UnitFactory

DUPLICATE = "与本文件第 {row} 行重复。"


def preview(client, key, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        reverse("core:import_upload", args=[key]),
        {"file": SimpleUploadedFile("f.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 302
    return ImportBatch.objects.latest("pk")


def messages(batch, row):
    return [m for found in batch.errors[str(row)].values() for m in found]


@pytest.fixture
def client_a(community_a, mgr_a, login):
    return login(mgr_a)


@pytest.mark.django_db
def test_the_same_meter_number_twice_is_a_row_error(client_a, community_a):
    """PLT-07: two rows with one meter kind and number: the second is an error in the preview,
    and the file cannot be committed."""
    building = BuildingFactory(community=community_a, number="3")
    UnitFactory(community=community_a, building=building, entrance=2, number="1501", floor=15)
    UnitFactory(community=community_a, building=building, entrance=2, number="1502", floor=15)
    batch = preview(
        client_a,
        "estate.meters",
        [
            ["表类型", "范围", "房屋", "楼栋", "表号", "倍率", "初始读数", "安装日期"],
            ["水表", "户表", "3-2-1501", "", "W-1", "1", "0", ""],
            ["电表", "户表", "3-2-1501", "", "W-1", "1", "0", ""],  # another kind: fine
            ["水表", "户表", "3-2-1502", "", "W-1", "1", "0", ""],
        ],
    )
    assert set(batch.errors) == {"4"}
    assert DUPLICATE.format(row=2) in messages(batch, 4)
    response = client_a.post(
        reverse("core:import_preview", args=["estate.meters", batch.pk]), {"action": "commit"}
    )
    assert response.status_code in (200, 302)
    assert not Meter.objects.exists()


@pytest.mark.django_db
def test_the_same_plate_twice_is_a_row_error_however_it_is_typed(client_a, community_a):
    """PLT-07/REG-03: plates are compared as stored (浙a·12345 is 浙A12345)."""
    PersonFactory(community=community_a, name="车主甲", phone="13900000001")
    batch = preview(
        client_a,
        "estate.vehicles",
        [
            ["车牌号", "品牌型号", "颜色", "车主姓名", "车主手机号", "房屋", "车位"],
            ["浙A12345", "大众", "白", "车主甲", "13900000001", "", ""],
            ["浙B00001", "大众", "白", "车主甲", "13900000001", "", ""],
            ["浙a·12345", "比亚迪", "蓝", "车主甲", "13900000001", "", ""],
        ],
    )
    assert set(batch.errors) == {"4"}
    assert DUPLICATE.format(row=2) in messages(batch, 4)
    assert not Vehicle.objects.exists()


@pytest.mark.django_db
def test_the_same_space_twice_is_a_row_error(client_a, community_a):
    """PLT-07: one area and space number per row."""
    ParkingArea.objects.create(community=community_a, name="地下车库")
    ParkingArea.objects.create(community=community_a, name="地面车位")
    batch = preview(
        client_a,
        "estate.spaces",
        [
            ["停车区域", "车位号", "类型", "面积", "房屋", "持有人姓名", "持有人手机号"],
            ["地下车库", "B1-001", "产权", "", "", "", ""],
            ["地面车位", "B1-001", "产权", "", "", "", ""],  # another area: fine
            ["地下车库", "B1-001", "租赁", "", "", "", ""],
        ],
    )
    assert set(batch.errors) == {"4"}
    assert DUPLICATE.format(row=2) in messages(batch, 4)
    assert not ParkingSpace.objects.exists()


@pytest.mark.django_db
def test_one_id_number_for_two_names_is_a_row_error(client_a, community_a):
    """PLT-07/REG-07: the same ID number under another name would have been dropped at commit."""
    header = ["楼栋", "单元", "房号", "楼层", "建筑面积", "套内面积", "业主姓名", "证件号码"]
    batch = preview(
        client_a,
        "estate.units",
        [
            header,
            ["1", "1", "101", "1", "89.50", "72.30", "张三", "11010519491231002X"],
            ["1", "1", "102", "1", "89.50", "72.30", "张三", "11010519491231002X"],  # same one
            ["1", "1", "103", "1", "89.50", "72.30", "李四", "11010519491231002X"],
        ],
    )
    assert set(batch.errors) == {"4"}
    assert "张三" in " ".join(messages(batch, 4))
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_clean_file_still_imports_every_row(client_a, community_a):
    """PLT-07: distinct keys are not mistaken for duplicates; the commit saves them all."""
    PersonFactory(community=community_a, name="车主甲", phone="13900000001")
    batch = preview(
        client_a,
        "estate.vehicles",
        [
            ["车牌号", "品牌型号", "颜色", "车主姓名", "车主手机号", "房屋", "车位"],
            ["浙A12345", "大众", "白", "车主甲", "13900000001", "", ""],
            ["浙A12346", "大众", "白", "车主甲", "13900000001", "", ""],
        ],
    )
    assert batch.error_count == 0
    client_a.post(
        reverse("core:import_preview", args=["estate.vehicles", batch.pk]), {"action": "commit"}
    )
    assert Vehicle.objects.count() == 2
