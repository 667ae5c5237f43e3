"""BIL-04/PLT-07: meter readings from Excel, and the bills panel on the unit card."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from wuye.billing.models import MeterReading
from wuye.billing.tests.factories import BillFactory
from wuye.core.models import ImportBatch
from wuye.estate.tests.factories import BuildingFactory, MeterFactory, UnitFactory

HEADERS = ["楼栋", "单元", "房号", "表类型", "上期读数", "本期读数", "读表日期"]


def sheet(rows):
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("readings.xlsx", buffer.getvalue())


@pytest.mark.django_db
def test_readings_import_flags_anomalies_and_reimport_changes_nothing(community_a, mgr_a, login):
    """BIL-04: rows by 楼栋/单元/房号/表类型; negative usage is kept as an anomaly to check."""
    building = BuildingFactory(community=community_a, number="3")
    home = UnitFactory(
        community=community_a, building=building, entrance=2, number="1501", floor=15
    )
    MeterFactory(community=community_a, unit=home, kind="water", initial_reading=Decimal("100"))
    MeterFactory(
        community=community_a, unit=home, kind="electricity", initial_reading=Decimal("500")
    )
    client = login(mgr_a)
    rows = [
        ["3", "2", "1501", "水表", "", "112.5", "2026-10-28"],
        ["3", "2", "1501", "电表", "500", "450", "2026-10-28"],
        ["3", "2", "1502", "水表", "", "10", "2026-10-28"],  # no such meter
    ]
    response = client.post(
        reverse("core:import_upload", args=["billing.readings"]), {"file": sheet(rows)}
    )
    batch = ImportBatch.objects.get()
    assert set(batch.errors) == {"4"}
    response = client.post(
        reverse("core:import_upload", args=["billing.readings"]), {"file": sheet(rows[:2])}
    )
    client.post(response["Location"], {"action": "commit"})
    water = MeterReading.objects.get(meter__kind="water")
    assert (
        water.previous_reading == Decimal("100")
        and water.usage == Decimal("12.5")
        and water.status == "ok"
    )
    assert water.period == dt.date(2026, 10, 1)
    assert MeterReading.objects.get(meter__kind="electricity").status == "anomaly"
    again = client.post(
        reverse("core:import_upload", args=["billing.readings"]), {"file": sheet(rows[:2])}
    )
    assert ImportBatch.objects.latest("pk").unchanged_count == 2
    client.post(again["Location"], {"action": "commit"})
    assert MeterReading.objects.count() == 2


@pytest.mark.django_db
def test_unit_card_shows_the_units_bills(community_a, make_staff, login):
    """BIL-16: the billing panel on the unit card (plugged in by the billing app)."""
    home = UnitFactory(community=community_a)
    BillFactory(community=community_a, unit=home, number="ZD20260000001", total=Decimal("223.75"))
    body = login(make_staff(community_a, "CSH")).get(home.get_absolute_url()).content.decode()
    assert 'data-panel="bills"' in body and "ZD20260000001" in body and "223.75" in body
    tech_body = login(make_staff(community_a, "TECH")).get(home.get_absolute_url()).content.decode()
    assert 'data-panel="bills"' not in tech_body
