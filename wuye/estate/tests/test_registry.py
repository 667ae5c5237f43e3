"""REG-01..REG-06: the registry's records refuse bad data with clear messages, keep history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from wuye.core.errors import DomainError
from wuye.core.models import Event
from wuye.estate import services
from wuye.estate.addresses import parse_unit_query
from wuye.estate.models import Meter, Person, Unit, UnitRelation, Vehicle
from wuye.estate.tests.factories import (
    BuildingFactory,
    FacilityFactory,
    MeterFactory,
    PersonFactory,
    UnitFactory,
    VehicleFactory,
)
from wuye.estate.validators import PLATE_RE, normalize_plate


@pytest.fixture
def building(community_a):
    return BuildingFactory(community=community_a, number="3", name="", floors=33)


@pytest.fixture
def unit(community_a, building):
    return UnitFactory(
        community=community_a, building=building, entrance=2, number="1501", floor=15
    )


def unit_post(building, **overrides):
    data = {
        "building": building.pk,
        "entrance": 2,
        "number": "1601",
        "floor": 16,
        "gross_area": "89.50",
        "inner_area": "72.30",
        "use": "residential",
        "status": "occupied",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"gross_area": "0"}, "gross_area", "0.01"),
        ({"inner_area": "-5"}, "inner_area", "0.01"),
        ({"inner_area": "100.00"}, "inner_area", "套内面积不能大于建筑面积"),
        ({"gross_area": "八十九"}, "gross_area", "数字"),
        ({"gross_area": "89.555"}, "gross_area", "小数不超过 2 位"),
        ({"number": "1501"}, "number", "已存在"),
    ],
)
@pytest.mark.django_db
def test_unit_constraints_refuse_bad_data_with_clear_messages(
    overrides, field, message, unit, building, mgr_a, login
):
    """REG-01: areas > 0 with 2 decimals, 套内 ≤ 建筑, unique (building, entrance, number)."""
    response = login(mgr_a).post(reverse("estate:unit_add"), unit_post(building, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors.get(field, [])), form.errors
    assert Unit.objects.count() == 1


@pytest.mark.django_db
def test_database_constraints_back_the_forms(community_a, building):
    """REG-01: even bypassing forms, the database refuses impossible areas and duplicates."""
    UnitFactory(community=community_a, building=building, entrance=1, number="101", floor=1)
    for bad in (
        {"gross_area": Decimal("80"), "inner_area": Decimal("90")},
        {"gross_area": Decimal("0"), "inner_area": Decimal("0")},
        {"number": "101"},
    ):
        values = {
            "entrance": 1,
            "number": "102",
            "floor": 1,
            "gross_area": Decimal("80"),
            "inner_area": Decimal("70"),
            **bad,
        }
        with pytest.raises(IntegrityError), transaction.atomic():
            Unit.objects.create(community=community_a, building=building, **values)


@pytest.mark.django_db
def test_unit_code_and_address_are_the_spoken_forms(unit):
    """REG-01: a unit is known as 3-2-1501 and shown as 3栋2单元1501."""
    assert unit.code == "3-2-1501"
    assert unit.address == "3栋2单元1501"


@pytest.mark.parametrize(
    ("raw", "normalized", "valid"),
    [
        ("粤b 12345", "粤B12345", True),
        ("粤B·D12345", "粤BD12345", True),
        ("粤B12345D", "粤B12345D", True),
        ("沪A 1234学", "沪A1234学", True),
        ("粤BI2345", "粤BI2345", False),  # no letter I on plates
        ("B12345", "B12345", False),
        ("粤B1234", "粤B1234", False),
    ],
)
def test_plates_are_normalized_and_validated(raw, normalized, valid):
    """REG-03: upper-case, no spaces; mainland formats including new-energy plates."""
    assert normalize_plate(raw) == normalized
    assert bool(PLATE_RE.match(normalized)) is valid


@pytest.mark.django_db
def test_vehicle_form_stores_the_normalized_plate_once(community_a, mgr_a, login):
    """REG-03: the same plate typed differently is still the same vehicle."""
    owner = PersonFactory(community=community_a, name="车主甲", phone="13800005678")
    client = login(mgr_a)
    response = client.post(
        reverse("estate:vehicle_add"),
        {"plate": "粤b d1234 5", "person": "车主甲 138****5678", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Vehicle.objects.get().plate == "粤BD12345"
    response = client.post(
        reverse("estate:vehicle_add"), {"plate": "粤BD12345", "person": owner.name}
    )
    assert response.status_code == 400 and "已登记" in response.content.decode()
    response = client.post(
        reverse("estate:vehicle_add"), {"plate": "粤B-I2345", "person": owner.phone}
    )
    assert response.status_code == 400
    assert Vehicle.objects.count() == 1


@pytest.mark.parametrize(
    ("id_number", "ok"),
    [
        ("11010519491231002X", True),
        ("11010519491231002x", True),
        ("110105194912310021", False),
        ("1234", False),
    ],
)
@pytest.mark.django_db
def test_resident_id_numbers_are_checked(id_number, ok, community_a, mgr_a, login):
    """REG-02: ID numbers pass the national check-digit rules; lower-case x is accepted."""
    response = login(mgr_a).post(
        reverse("estate:person_add"), {"name": "测试", "id_type": "ric", "id_number": id_number}
    )
    assert (response.status_code == 302) is ok
    assert Person.objects.filter(id_number=id_number.upper()).exists() is ok


@pytest.mark.django_db
def test_id_numbers_are_masked_for_posts_that_do_not_need_them(community_a, make_staff, login):
    """REG-02: a CSR sees 110105********002X; the manager sees the full number."""
    person = PersonFactory(community=community_a, id_number="11010519491231002X")
    csr_page = (
        login(make_staff(community_a, "CSR"))
        .get(reverse("estate:person_detail", args=[person.pk]))
        .content.decode()
    )
    mgr_page = (
        login(make_staff(community_a, "MGR"))
        .get(reverse("estate:person_detail", args=[person.pk]))
        .content.decode()
    )
    assert "11010519491231002X" not in csr_page and "110105********002X" in csr_page
    assert "11010519491231002X" in mgr_page


@pytest.mark.django_db
def test_pinyin_and_initials_are_stored(community_a):
    """REG-02/PLT-10: names keep their pinyin for search."""
    person = PersonFactory(community=community_a, name="欧阳娜娜")
    assert person.pinyin == "ouyangnana" and person.initials == "oynn"


@pytest.mark.django_db
def test_lunar_birthday_is_shown(community_a, mgr_a, login):
    """REG-02: a birthday celebrated by the lunar calendar is shown in lunar form."""
    person = PersonFactory(
        community=community_a, birthday=dt.date(1990, 5, 20), birthday_lunar=True
    )
    assert person.lunar_birthday == "四月廿六"
    assert (
        "四月廿六"
        in login(mgr_a).get(reverse("estate:person_detail", args=[person.pk])).content.decode()
    )


@pytest.mark.django_db
def test_sale_ends_relations_and_keeps_history(community_a, unit, mgr_a):
    """REG-02: a sale ends the owners' and family's relations; nothing is deleted."""
    seller = PersonFactory(community=community_a, name="卖方")
    spouse = PersonFactory(community=community_a, name="卖方配偶")
    buyer_a = PersonFactory(community=community_a, name="买方甲")
    buyer_b = PersonFactory(community=community_a, name="买方乙")
    services.add_relation(
        unit=unit, person=seller, role="owner", start_date=dt.date(2020, 1, 1), actor=mgr_a
    )
    services.add_relation(
        unit=unit, person=spouse, role="family", start_date=dt.date(2020, 1, 1), actor=mgr_a
    )
    services.transfer_ownership(
        unit=unit,
        new_owners=[(buyer_a, Decimal("60")), (buyer_b, Decimal("40"))],
        date=dt.date(2026, 6, 1),
        actor=mgr_a,
    )
    history = {(r.person.name, r.role): r for r in UnitRelation.objects.filter(unit=unit)}
    assert len(history) == 4
    assert history[("卖方", "owner")].end_date == dt.date(2026, 5, 31)
    assert history[("卖方配偶", "family")].end_date == dt.date(2026, 5, 31)
    current = UnitRelation.objects.filter(unit=unit).current(dt.date(2026, 6, 2))
    assert {(r.person.name, r.share) for r in current} == {
        ("买方甲", Decimal("60")),
        ("买方乙", Decimal("40")),
    }
    assert Event.objects.filter(verb="unit.ownership_transferred", target_id=str(unit.pk)).exists()


@pytest.mark.django_db
def test_co_owner_shares_cannot_exceed_100(community_a, unit, mgr_a):
    """REG-02: co-owners' shares add up to at most 100 %."""
    services.add_relation(
        unit=unit,
        person=PersonFactory(community=community_a),
        role="owner",
        share=Decimal("70"),
        actor=mgr_a,
    )
    with pytest.raises(DomainError):
        services.add_relation(
            unit=unit,
            person=PersonFactory(community=community_a),
            role="owner",
            share=Decimal("40"),
            actor=mgr_a,
        )
    with pytest.raises(DomainError):
        services.transfer_ownership(
            unit=unit,
            new_owners=[
                (PersonFactory(community=community_a), Decimal("50")),
                (PersonFactory(community=community_a), Decimal("40")),
            ],
            date=dt.date(2026, 12, 1),
            actor=mgr_a,
        )


@pytest.mark.django_db
def test_ending_a_tenancy_keeps_it_on_the_card(community_a, unit, mgr_a, login):
    """REG-02: a tenant who moves out stays in the unit's history with the reason."""
    tenant = PersonFactory(community=community_a, name="旧租户")
    relation = services.add_relation(
        unit=unit, person=tenant, role="tenant", start_date=dt.date(2025, 1, 1), actor=mgr_a
    )
    client = login(mgr_a)
    response = client.post(
        reverse("estate:relation_end", args=[relation.pk]),
        {"end_date": "2025-12-31", "end_reason": "租期届满"},
    )
    assert response.status_code == 302
    relation.refresh_from_db()
    assert relation.end_date == dt.date(2025, 12, 31) and relation.end_reason == "租期届满"
    card = client.get(unit.get_absolute_url()).content.decode()
    assert "旧租户" in card and "租期届满" in card
    response = client.post(
        reverse("estate:relation_end", args=[relation.pk]),
        {"end_date": "2026-01-05", "end_reason": ""},
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_meter_replacement_keeps_both_readings(community_a, unit, mgr_a, login):
    """REG-04: the old meter's final reading and the new meter's initial reading are kept."""
    meter = MeterFactory(
        community=community_a,
        unit=unit,
        serial="W-OLD",
        initial_reading=Decimal("10"),
        multiplier=Decimal("1"),
    )
    response = login(mgr_a).post(
        reverse("estate:meter_replace", args=[meter.pk]),
        {
            "new_serial": "W-NEW",
            "old_final_reading": "1234.50",
            "new_initial_reading": "0.00",
            "replaced_on": "2026-11-01",
            "reason": "表坏",
        },
    )
    assert response.status_code == 302
    meter.refresh_from_db()
    assert meter.is_active is False
    new = Meter.objects.get(serial="W-NEW")
    assert (
        new.unit == unit
        and new.initial_reading == 0
        and new.replaces.old_final_reading == Decimal("1234.50")
    )
    with pytest.raises(DomainError):
        services.replace_meter(
            new,
            new_serial="W-3",
            old_final_reading=Decimal("-1"),
            new_initial_reading=Decimal("0"),
            replaced_on=dt.date(2026, 11, 2),
            reason="",
            actor=mgr_a,
        )


@pytest.mark.django_db
def test_meter_scope_must_match_its_target(community_a, unit, mgr_a, login):
    """REG-04: a unit meter needs a unit; a building meter its building."""
    client = login(mgr_a)
    response = client.post(
        reverse("estate:meter_add"),
        {
            "kind": "water",
            "scope": "unit",
            "serial": "X1",
            "multiplier": "1",
            "initial_reading": "0",
        },
    )
    assert response.status_code == 400
    response = client.post(
        reverse("estate:meter_add"),
        {
            "kind": "electricity",
            "scope": "building",
            "building": unit.building.pk,
            "serial": "E1",
            "multiplier": "40",
            "initial_reading": "0",
        },
    )
    assert response.status_code == 302
    assert Meter.objects.get(serial="E1").unit is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3-2-1501", ("3", 2, "1501")),
        ("3栋2单元1501", ("3", 2, "1501")),
        ("3幢2单元1501室", ("3", 2, "1501")),
        ("３－２－１５０１", ("3", 2, "1501")),
        ("3号楼1501", ("3", None, "1501")),
        ("S-101", ("S", None, "101")),
        ("张三", None),
        ("13812345678", None),
    ],
)
def test_units_are_understood_the_way_people_say_them(text, expected):
    """PLT-10: “3-2-1501” and “3栋2单元1501” name the same unit."""
    parsed = parse_unit_query(text)
    assert (
        None if parsed is None else (parsed.building, parsed.entrance, parsed.number)
    ) == expected


@pytest.mark.django_db
def test_global_search_by_initials_phone_plate_and_unit(community_a, unit, make_staff, login):
    """PLT-10: the header search finds 张三 by zs / zhangsan / phone, a car by plate, a unit by 3-2-1501."""
    person = PersonFactory(community=community_a, name="张三", phone="13812345678")
    services.add_relation(unit=unit, person=person, role="owner", actor=None)
    VehicleFactory(community=community_a, person=person, plate="粤B12345")
    client = login(make_staff(community_a, "CSR"))
    for query in ("zs", "zhangsan", "ZhangSan", "1381234", "张三"):
        body = client.get(reverse("search"), {"q": query}).content.decode()
        assert "张三" in body and person.get_absolute_url() in body, query
    response = client.get(reverse("search"), {"q": "粤b12345"})
    assert response.status_code == 302  # one exact plate: straight to the vehicle
    response = client.get(reverse("search"), {"q": "3-2-1501"})
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    response = client.get(reverse("search"), {"q": "3栋2单元1501"})
    assert response["Location"] == unit.get_absolute_url()


@pytest.mark.django_db
def test_search_never_shows_another_community(community_a, community_b, make_staff, login):
    """PLT-01/PLT-10: search results are scoped like every list."""
    PersonFactory(community=community_b, name="张外人", phone="13999999999")
    body = (
        login(make_staff(community_a, "CSR")).get(reverse("search"), {"q": "zwr"}).content.decode()
    )
    assert "张外人" not in body


@pytest.mark.django_db
def test_unit_grid_shows_every_floor_and_status(
    community_a, building, mgr_a, login, django_assert_max_num_queries
):
    """REG-01: the 楼盘表 of a 33-floor, 8-units-per-floor building in a bounded number of queries."""
    Unit.objects.bulk_create(
        [
            Unit(
                community=community_a,
                building=building,
                entrance=entrance,
                number=f"{floor}{pos:02d}",
                floor=floor,
                gross_area=Decimal("90"),
                inner_area=Decimal("75"),
                status="occupied" if pos % 2 else "vacant",
                code=f"3-{entrance}-{floor}{pos:02d}",
            )
            for floor in range(1, 34)
            for entrance in (1, 2)
            for pos in (1, 2, 3, 4)
        ]
    )
    client = login(mgr_a)
    with django_assert_max_num_queries(20):
        body = client.get(building.get_absolute_url()).content.decode()
    assert body.count('class="unit-cell') == 33 * 8
    assert 'data-testid="unit-total">264<' in body
    assert "33F" in body and "bg-green-lt" in body and "bg-yellow-lt" in body


@pytest.mark.django_db
def test_unit_card_shows_residents_vehicles_meters_and_facilities(community_a, unit, mgr_a, login):
    """REG-01..05: the one-stop unit card."""
    owner = PersonFactory(community=community_a, name="卡片业主")
    services.add_relation(unit=unit, person=owner, role="owner", actor=None)
    VehicleFactory(community=community_a, person=owner, unit=unit, plate="粤B54321")
    MeterFactory(community=community_a, unit=unit, serial="W-CARD")
    FacilityFactory(community=community_a, building=unit.building, name="3栋1号电梯")
    body = login(mgr_a).get(unit.get_absolute_url()).content.decode()
    for text in ("卡片业主", "粤B54321", "W-CARD", "3栋1号电梯", "3-2-1501"):
        assert text in body


@pytest.mark.django_db
def test_other_apps_plug_panels_into_the_unit_card(community_a, unit, mgr_a, login):
    """REG-01: later modules add panels through the registry, without editing this app."""
    from wuye.estate.panels import PANELS, UnitPanel, register_unit_panel

    panel = UnitPanel(
        key="test-bills",
        title="账单",
        template="estate/panels/list.html",
        permission="estate.unit.view",
        context=lambda unit, access: {"message": f"{unit.code} 的测试面板"},
    )
    register_unit_panel(panel)
    try:
        body = login(mgr_a).get(unit.get_absolute_url()).content.decode()
        assert 'data-panel="test-bills"' in body and "3-2-1501 的测试面板" in body
    finally:
        PANELS.remove(panel)


@pytest.mark.django_db
def test_csr_sees_units_of_his_zone_first(community_a, make_staff, login):
    """REG-01: a CSR's unit list starts with the buildings of his zones."""
    from wuye.org.tests.factories import ZoneFactory

    mine, other = ZoneFactory(community=community_a), ZoneFactory(community=community_a)
    first = BuildingFactory(community=community_a, number="1", zone=other)
    second = BuildingFactory(community=community_a, number="9", zone=mine)
    UnitFactory(community=community_a, building=first, number="101", floor=1)
    UnitFactory(community=community_a, building=second, number="101", floor=1)
    csr = make_staff(community_a, "CSR")
    csr.memberships.get().zones.set([mine])
    body = login(csr).get(reverse("estate:unit_list")).content.decode()
    assert body.index("9-1-101") < body.index("1-1-101")


@pytest.mark.django_db
def test_edit_form_does_not_reveal_the_id_number(community_a, make_staff, login):
    """REG-02: a CSR editing a resident sees the masked number and does not overwrite it."""
    person = PersonFactory(community=community_a, name="隐私", id_number="11010519491231002X")
    client = login(make_staff(community_a, "CSR"))
    page = client.get(reverse("estate:person_edit", args=[person.pk])).content.decode()
    assert "11010519491231002X" not in page and "110105********002X" in page
    response = client.post(
        reverse("estate:person_edit", args=[person.pk]),
        {
            "name": "隐私",
            "id_type": "ric",
            "id_number": "110105********002X",
            "phone": "13800001111",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.id_number == "11010519491231002X" and person.phone == "13800001111"


def test_older_cards_with_districts_renamed_later_are_accepted():
    """REG-02: a genuine card of someone born in 1950 in 330106 (西湖区, code from 1983) is valid."""
    from stdnum.cn import ric

    from wuye.core.validators import validate_resident_id

    body = "33010619500101123"
    validate_resident_id(body + ric.calc_check_digit(body + "0"))


@pytest.mark.django_db
def test_building_tree_groups_buildings_by_zone(community_a, mgr_a, login):
    """REG-01: the building tree (片区 → 楼栋) leads to each building's grid."""
    from wuye.org.tests.factories import ZoneFactory

    zone = ZoneFactory(community=community_a, name="东片区")
    building = BuildingFactory(community=community_a, number="12", zone=zone)
    UnitFactory(community=community_a, building=building)
    body = login(mgr_a).get(reverse("estate:building_list")).content.decode()
    tree = body.split('data-testid="building-tree"')[1].split("</div>\n</div>")[0]
    assert "东片区" in tree and building.get_absolute_url() in tree
