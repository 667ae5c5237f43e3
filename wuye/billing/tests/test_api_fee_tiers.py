"""BIL-02/PLT-08: fee-standard tiers go in and come out of the API as the JSON list the schema
documents (they were accepted only as the page's text, one tier per line)."""

import pytest

from wuye.billing.models import FeeStandard

API = "/api/v1"
JSON = "application/json"
WATER = [
    {"up_to": "216", "price": "3.20"},
    {"up_to": "300", "price": "4.30"},
    {"up_to": None, "price": "6.90"},
]


@pytest.fixture
def water(community_a, mgr_a, login):
    client = login(mgr_a)
    response = client.post(
        f"{API}/fee-items/",
        {"code": "SF", "name": "水费", "calculation": "tiered", "meter_kind": "water"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    return client, response.json()["id"]


def standard(item, **changes):
    return {"fee_item": item, "effective_from": "2026-01-01", "unit_price": "0", **changes}


@pytest.mark.django_db
def test_tiers_are_taken_and_given_back_as_a_list(water):
    """BIL-02: a tiered standard by API; read back, the tiers are the list that was sent."""
    client, item = water
    response = client.post(f"{API}/fee-standards/", standard(item, tiers=WATER), content_type=JSON)
    assert response.status_code == 201, response.content
    assert response.json()["tiers"] == WATER
    assert FeeStandard.objects.get().tiers == WATER
    pk = response.json()["id"]
    changed = [{"up_to": "200", "price": "3.00"}, {"up_to": None, "price": "5.00"}]
    response = client.patch(f"{API}/fee-standards/{pk}/", {"tiers": changed}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert client.get(f"{API}/fee-standards/{pk}/").json()["tiers"] == changed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tiers",
    [
        "180 2.80\n- 6.10",  # the page's text is not the API's list
        [{"up_to": "180"}, {"up_to": None, "price": "6.10"}],  # a tier without its price
        [{"up_to": 180, "price": "2.80"}, {"up_to": None, "price": "6.10"}],  # a number
        [["180", "2.80"]],
    ],
)
def test_tiers_of_another_shape_are_a_field_error(tiers, water):
    """PLT-08: anything but the documented list of {up_to, price} is a 400 on `tiers`."""
    client, item = water
    response = client.post(f"{API}/fee-standards/", standard(item, tiers=tiers), content_type=JSON)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "wrong_type"
    assert all(key.startswith("tiers") for key in error["fields"])
    assert not FeeStandard.objects.exists()


@pytest.mark.django_db
def test_tiers_that_break_the_page_rules_get_the_page_message(water):
    """BIL-02: the page's own rules still apply to a well-formed list (ceilings must rise)."""
    client, item = water
    tiers = [{"up_to": "300", "price": "3.20"}, {"up_to": "200", "price": "4.30"}]
    tiers.append({"up_to": None, "price": "6.90"})
    response = client.post(f"{API}/fee-standards/", standard(item, tiers=tiers), content_type=JSON)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "tiers" in response.json()["error"]["fields"]
