"""PLT-08: the API takes exactly what its schema says, answers errors in its one shape, and
never a server error for a request it does not like (issue 9; found by fuzzing the schema,
see test_api_schema_fuzz.py). One test per class of fault, each on a few endpoints."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from wuye.estate.models import Unit
from wuye.estate.tests.factories import BuildingFactory, UnitFactory
from wuye.org.models import Zone
from wuye.org.tests.factories import ZoneFactory
from wuye.service.tests.factories import ReturnVisitFactory

API = "/api/v1"
JSON = "application/json"


def error(response, status=400):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(JSON)
    return response.json()["error"]


@pytest.fixture
def client_a(community_a, mgr_a, login):
    return login(mgr_a)


@pytest.fixture
def building(community_a):
    return BuildingFactory(community=community_a, number="3")


def unit_body(home, **changes):
    return {
        "building": home.pk,
        "entrance": 2,
        "number": "1501",
        "floor": 15,
        "gross_area": "89.50",
        "inner_area": "72.30",
        "use": "residential",
        "status": "occupied",
        "handover_date": "2020-06-30",
        "developer_held": False,
        **changes,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("handover_date", 20200630),  # a date as a number: was a 500
        ("handover_date", True),
        ("handover_date", "30/06/2020"),
        ("gross_area", 89.5),  # amounts are strings, as the schema says
        ("gross_area", "89.5.0"),
        ("developer_held", "false"),  # "false" would have been a ticked box
        ("developer_held", 0),
        ("use", 1),
        ("building", "3"),
        ("building", True),
        ("building", 2**70),
        ("floor", "15"),
        ("floor", 1.5),
        ("number", 1501),
        ("number", False),
        ("number", ["1501"]),
        ("note", {"text": "x"}),
    ],
)
def test_a_json_value_of_the_wrong_type_is_a_field_error(
    field, value, client_a, community_a, building
):
    """PLT-08: every field type (dates, decimals, booleans, choices, foreign keys, numbers,
    text) refuses a JSON value of another type with a field-level 400; nothing is saved."""
    response = client_a.post(
        f"{API}/units/", unit_body(building, **{field: value}), content_type=JSON
    )
    found = error(response)
    assert found["code"] == "wrong_type"
    assert list(found["fields"]) == [field] and found["fields"][field][0]
    assert not Unit.objects.exists()
    # The same body with the right type is accepted.
    assert client_a.post(f"{API}/units/", unit_body(building), content_type=JSON).status_code == 201


@pytest.mark.django_db
def test_a_name_given_as_false_is_refused_not_stored_as_text(client_a, community_a):
    """PLT-08: `"name": false` used to be stored as "False"; strings must be strings."""
    found = error(client_a.post(f"{API}/zones/", {"code": "A9", "name": False}, content_type=JSON))
    assert found["fields"] == {"name": ["不是有效的字符串。"]}
    zone = ZoneFactory(community=community_a, name="一区")
    response = client_a.patch(f"{API}/zones/{zone.pk}/", {"name": 12}, content_type=JSON)
    assert error(response)["fields"].keys() == {"name"}
    zone.refresh_from_db()
    assert zone.name == "一区" and not Zone.objects.filter(name__in=["False", "12"]).exists()


@pytest.mark.django_db
def test_lists_and_files_are_checked_like_the_rest(client_a, community_a, building):
    """PLT-08: a list field wants a JSON array of the right items; files come only as
    multipart/form-data (a JSON body naming one is refused, never silently ignored)."""
    body = {
        "code": "WYF",
        "name": "物业费",
        "calculation": "area",
        "applies_to_uses": "residential",
    }
    assert error(client_a.post(f"{API}/fee-items/", body, content_type=JSON))["fields"].keys() == {
        "applies_to_uses"
    }
    body["applies_to_uses"] = ["residential", 7]
    assert (
        "applies_to_uses[1]"
        in error(client_a.post(f"{API}/fee-items/", body, content_type=JSON))["fields"]
    )
    body["applies_to_uses"] = ["residential"]
    body["buildings"] = [str(building.pk)]
    assert (
        "buildings[0]"
        in error(client_a.post(f"{API}/fee-items/", body, content_type=JSON))["fields"]
    )
    body["buildings"] = [building.pk]
    assert client_a.post(f"{API}/fee-items/", body, content_type=JSON).status_code == 201


@pytest.mark.django_db
def test_bodies_queries_and_paths_of_the_wrong_shape_are_4xx_in_the_error_shape(
    client_a, community_a, building
):
    """PLT-08: query values are read as their parameters' schema says (a yes/no is true or
    false, a date is a date, a page size a whole number); an id that is no id, however
    large or odd, is a JSON 404 — never a 500 or an HTML page."""
    for query in ("developer_held=null", "developer_held=", "building=abc", "page_size=0"):
        assert error(client_a.get(f"{API}/units/?{query}"))["fields"]
    assert client_a.get(f"{API}/units/?developer_held=true").status_code == 200
    for pk in ("0", "-1", "0.5", "null", str(2**63), str(2**80), "１"):
        assert error(client_a.get(f"{API}/units/{pk}/"), 404)["code"] == "not_found"
    assert error(client_a.get(f"{API}/no-such-things/"), 404)["code"] == "not_found"
    response = client_a.post(f"{API}/zones/", "not json", content_type=JSON)
    assert error(response)["code"] == "parse_error"
    response = client_a.post(f"{API}/zones/", "code=A9&name=x", content_type="text/plain")
    assert error(response, 415)["code"] == "unsupported_media_type"


@pytest.mark.django_db
def test_a_method_a_route_does_not_have_is_405(client_a, community_a, building):
    """PLT-08: PUT or DELETE on a record that is never edited or deleted answers 405 with its
    Allow header (it was a 500 for an unknown permission); POST where there is no create
    (return visits, deposits, relations) is 405 too, not a write through a serializer."""
    unit = UnitFactory(community=community_a, building=building)
    visit = ReturnVisitFactory(community=community_a)
    for method, url in (
        ("put", f"{API}/payments/1/"),
        ("delete", f"{API}/payments/1/"),
        ("post", f"{API}/return-visits/"),
        ("post", f"{API}/deposits/"),
        ("post", f"{API}/unit-relations/"),
        ("delete", f"{API}/billing-runs/1/"),
    ):
        response = getattr(client_a, method)(url, {}, content_type=JSON)
        assert error(response, 405)["code"] == "method_not_allowed", url
        assert method.upper() not in response["Allow"]
    response = client_a.post(f"{API}/return-visits/{visit.pk}/record/", {}, content_type=JSON)
    assert error(response)["fields"].keys() == {"reached"}
    assert Unit.objects.filter(pk=unit.pk).exists()


@pytest.mark.django_db
def test_an_invalid_token_is_401_with_www_authenticate(community_a, mgr_a):
    """PLT-08: no credentials or a wrong token is 401 (not 403) and says how to sign in."""
    for headers in ({}, {"HTTP_AUTHORIZATION": "Token not-a-token"}):
        response = Client().get(f"{API}/zones/", **headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["error"]["code"] in ("not_authenticated", "authentication_failed")
    token = Token.objects.create(user=mgr_a)
    response = Client().get(f"{API}/zones/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_token_endpoint_says_locked_during_a_lockout(community_a, mgr_a):
    """PLT-08/PLT-09: the sign-in lockout of the pages holds for the token endpoint, and it
    says "locked" (429) — also for the right password — instead of "bad credentials"."""
    client = Client(REMOTE_ADDR="10.0.0.8")
    url = f"{API}/auth/token/"
    wrong = {"username": mgr_a.username, "password": "wrong"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        found = error(client.post(url, wrong, content_type=JSON))
        assert found["code"] == "invalid" and found["fields"]["non_field_errors"]
    locked = error(client.post(url, wrong, content_type=JSON), 429)
    assert locked["code"] == "locked" and "解锁" in locked["message"]
    right = client.post(url, {"username": mgr_a.username, "password": "pw-Wuye-2026"})
    assert error(right, 429)["code"] == "locked"
    assert int(right["Retry-After"]) > 0
    assert not Token.objects.exists()
    AccessAttempt.objects.all().delete()  # the lockout ends
    response = client.post(url, {"username": mgr_a.username, "password": "pw-Wuye-2026"})
    assert response.status_code == 200 and response.json()["token"]
    assert (
        error(client.post(url, {"username": 7, "password": True}, content_type=JSON))["code"]
        == "wrong_type"
    )


def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.django_db
def test_the_schema_documents_errors_nulls_and_pages_as_they_are():
    """PLT-08: every operation documents the error answers it gives (in the error shape);
    values that come back null are nullable; only lists answer with pages; a form-validated
    write documents the form's fields with their types."""
    document = schema()
    components = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in ("400", "401", "403", "404"):
                assert code in responses, (method, path, code)
                content = responses[code]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/Error"}
    nullable = components["ParkingSpace"]["properties"]
    assert nullable["unit_address"]["nullable"] and nullable["person_name"]["nullable"]
    assert components["Event"]["properties"]["actor"]["nullable"]
    events = document["paths"]["/api/v1/work-orders/{id}/events/"]["get"]["responses"]["200"]
    assert events["content"][JSON]["schema"]["type"] == "array"
    suggestions = document["paths"]["/api/v1/faq-suggestions/"]["get"]["responses"]["200"]
    assert suggestions["content"][JSON]["schema"]["type"] == "array"
    units = document["paths"]["/api/v1/units/"]["get"]["responses"]["200"]
    assert units["content"][JSON]["schema"]["$ref"].endswith("PaginatedUnitList")
    unit = components["UnitRequest"]["properties"]
    assert unit["handover_date"] == {
        "type": "string",
        "format": "date",
        "nullable": True,
        "title": unit["handover_date"]["title"],
    }
    assert unit["gross_area"]["type"] == "string" and unit["gross_area"]["pattern"]
    assert unit["developer_held"]["type"] == "boolean"
    tiers = components["FeeStandardRequest"]["properties"]["tiers"]
    assert tiers["type"] == "array" and tiers["items"]["$ref"].endswith("/TierRequest")
    order = document["paths"]["/api/v1/work-orders/"]["post"]["requestBody"]["content"]
    assert set(order) == {JSON, "multipart/form-data"}
    upload = components[order["multipart/form-data"]["schema"]["$ref"].split("/")[-1]]
    assert upload["properties"]["photos"]["items"]["format"] == "binary"
