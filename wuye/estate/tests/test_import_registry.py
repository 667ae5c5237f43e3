"""REG-07/PLT-07: the registry from Excel — units, owners, tenants; bad files change nothing."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from wuye.core.models import ImportBatch
from wuye.estate.models import Building, ParkingArea, Person, Unit, UnitRelation, Vehicle
from wuye.estate.tests.factories import BuildingFactory, PersonFactory, UnitFactory

FILES = Path(__file__).parent / "import_files"


def upload(client, key, path_or_file):
    if isinstance(path_or_file, Path):
        path_or_file = SimpleUploadedFile(path_or_file.name, path_or_file.read_bytes())
    return client.post(reverse("core:import_upload", args=[key]), {"file": path_or_file})


def commit(client, response):
    return client.post(response["Location"], {"action": "commit"})


def registry_counts():
    return (
        Building.objects.count(),
        Unit.objects.count(),
        Person.objects.count(),
        UnitRelation.objects.count(),
    )


@pytest.fixture
def client_a(community_a, mgr_a, login):
    return login(mgr_a)


@pytest.mark.django_db
def test_good_file_creates_buildings_units_owners_and_tenants(client_a, community_a):
    """REG-07: buildings, units, owners (co-owners with shares) and tenants from one sheet."""
    response = upload(client_a, "estate.units", FILES / "good.xlsx")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.error_count == 0, batch.errors
    assert registry_counts() == (0, 0, 0, 0)  # the preview writes nothing
    commit(client_a, response)
    assert set(Building.objects.values_list("number", flat=True)) == {"1", "S"}
    unit = Unit.objects.get(code="1-1-201")
    assert unit.gross_area == Decimal("89.50") and unit.inner_area == Decimal("72.30")
    owners = UnitRelation.objects.filter(unit=unit, role="owner")
    assert sorted(owners.values_list("share", flat=True)) == [Decimal("50"), Decimal("50")]
    rented = Unit.objects.get(code="1-1-102")
    assert rented.status == "rented"
    assert set(rented.relations.values_list("role", "person__name")) == {
        ("owner", "李华"),
        ("tenant", "赵租客"),
    }
    shop = Unit.objects.get(code="S-0-101")
    assert shop.use == "shop" and shop.developer_held and not shop.relations.exists()
    normalized = Unit.objects.get(code="1-1-202")  # full-width digits and stray spaces
    assert normalized.floor == 2 and normalized.use == "residential"
    assert Person.objects.get(name="孙七").phone == "13800000006"
    assert Person.objects.get(name="王小明").pinyin == "wangxiaoming"


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(client_a, community_a):
    """REG-07: a second import of the same file finds everything in place and writes nothing."""
    commit(client_a, upload(client_a, "estate.units", FILES / "good.xlsx"))
    before = registry_counts()
    response = upload(client_a, "estate.units", FILES / "good.xlsx")
    batch = ImportBatch.objects.latest("pk")
    assert batch.error_count == 0 and batch.unchanged_count == batch.total_rows
    commit(client_a, response)
    assert registry_counts() == before


@pytest.mark.parametrize(
    ("name", "expect_rows"),
    [
        ("duplicate_units.xlsx", {"3", "4"}),
        ("text_in_area.xlsx", {"2"}),
        ("negative_area.xlsx", {"2"}),
        ("inner_larger_than_gross.xlsx", {"2"}),
        ("half_valid.xlsx", {"6", "7", "8", "9", "10"}),
    ],
)
@pytest.mark.django_db
def test_bad_files_are_refused_row_by_row_and_nothing_is_written(name, expect_rows, client_a):
    """REG-07/PLT-07: every bad row is named (row and column, in Chinese); nothing is saved."""
    response = upload(client_a, "estate.units", FILES / name)
    batch = ImportBatch.objects.get()
    assert set(batch.errors) == expect_rows, batch.errors
    page = client_a.get(response["Location"]).content.decode()
    assert 'data-testid="commit"' not in page
    commit(client_a, response)
    assert registry_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_error_messages_name_the_column(client_a):
    """REG-07: the messages say which column is wrong and why."""
    upload(client_a, "estate.units", FILES / "half_valid.xlsx")
    errors = ImportBatch.objects.get().errors
    assert "楼层" in errors["6"]
    assert "用途" in errors["7"]
    assert "手机号" in errors["8"]
    assert "证件号码" in errors["9"]
    assert "产权比例" in errors["10"]


@pytest.mark.django_db
def test_wrong_headers_are_refused_before_any_row(client_a):
    """REG-07: a file without the template's headers gets one clear message."""
    response = upload(client_a, "estate.units", FILES / "wrong_headers.xlsx")
    assert response.status_code == 400
    assert "缺少必填列" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_a_unit_already_registered_with_other_data_is_an_error(client_a, community_a):
    """REG-07: the import never silently overwrites a unit."""
    building = BuildingFactory(community=community_a, number="1")
    UnitFactory(
        community=community_a,
        building=building,
        entrance=1,
        number="101",
        floor=1,
        gross_area=Decimal("95.00"),
    )
    upload(client_a, "estate.units", FILES / "good.xlsx")
    errors = ImportBatch.objects.get().errors
    assert "2" in errors and "建筑面积" in " ".join(errors["2"]["__all__"])


@pytest.mark.django_db
def test_vehicles_import_with_plates_normalized(client_a, community_a):
    """REG-03/REG-07: vehicles by plate, owner matched by name and phone; re-import changes nothing."""
    PersonFactory(community=community_a, name="车主甲", phone="13900000001")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["车牌号", "品牌型号", "颜色", "车主姓名", "车主手机号", "房屋", "车位"])
    sheet.append(["浙a·12345", "大众", "白", "车主甲", "13900000001", "", ""])
    sheet.append(["浙A d1234 5", "比亚迪", "蓝", "车主甲", "13900000001", "", ""])
    sheet.append(["ABC123", "x", "", "车主甲", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(client_a, "estate.vehicles", SimpleUploadedFile("cars.xlsx", buffer.getvalue()))
    batch = ImportBatch.objects.get()
    assert set(batch.errors) == {"4"} and "车牌号" in batch.errors["4"]
    good = Workbook()
    good.active.append(["车牌号", "品牌型号", "颜色", "车主姓名", "车主手机号", "房屋", "车位"])
    good.active.append(["浙a·12345", "大众", "白", "车主甲", "13900000001", "", ""])
    good.active.append(["浙A d1234 5", "比亚迪", "蓝", "车主甲", "13900000001", "", ""])
    buffer = io.BytesIO()
    good.save(buffer)
    response = upload(
        client_a, "estate.vehicles", SimpleUploadedFile("cars.xlsx", buffer.getvalue())
    )
    commit(client_a, response)
    assert set(Vehicle.objects.values_list("plate", flat=True)) == {"浙A12345", "浙AD12345"}
    again = upload(client_a, "estate.vehicles", SimpleUploadedFile("cars.xlsx", buffer.getvalue()))
    assert ImportBatch.objects.latest("pk").unchanged_count == 2
    commit(client_a, again)
    assert Vehicle.objects.count() == 2


@pytest.mark.django_db
def test_parking_spaces_and_meters_import(client_a, community_a):
    """REG-03/REG-04/REG-07: spaces into an existing area; meters onto units written as 3-2-1501."""
    ParkingArea.objects.create(community=community_a, name="地下车库")
    building = BuildingFactory(community=community_a, number="3")
    UnitFactory(community=community_a, building=building, entrance=2, number="1501", floor=15)
    spaces = Workbook()
    spaces.active.append(
        ["停车区域", "车位号", "类型", "面积", "房屋", "持有人姓名", "持有人手机号"]
    )
    spaces.active.append(["地下车库", "B1-001", "产权", "12.5", "3-2-1501", "", ""])
    spaces.active.append(["不存在车库", "B1-002", "产权", "", "", "", ""])
    meters = Workbook()
    meters.active.append(["表类型", "范围", "房屋", "楼栋", "表号", "倍率", "初始读数", "安装日期"])
    meters.active.append(["水表", "户表", "3-2-1501", "", "W-1", "1", "12.5", "2020-06-30"])
    meters.active.append(["电表", "楼栋公共表", "", "3", "E-PUB-1", "40", "0", ""])
    for key, workbook, errors in (
        ("estate.spaces", spaces, {"3"}),
        ("estate.meters", meters, set()),
    ):
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload(client_a, key, SimpleUploadedFile("f.xlsx", buffer.getvalue()))
        assert set(ImportBatch.objects.latest("pk").errors) == errors
    response = client_a.get(
        reverse("core:import_preview", args=["estate.meters", ImportBatch.objects.latest("pk").pk])
    )
    assert response.status_code == 200
    client_a.post(
        reverse("core:import_preview", args=["estate.meters", ImportBatch.objects.latest("pk").pk]),
        {"action": "commit"},
    )
    unit_meter = Unit.objects.get(code="3-2-1501").meters.get()
    assert unit_meter.serial == "W-1" and unit_meter.initial_reading == Decimal("12.5")
    assert building.meters.get(serial="E-PUB-1").multiplier == Decimal("40")
