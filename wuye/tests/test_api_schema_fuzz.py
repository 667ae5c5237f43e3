"""PLT-08: the whole API against its own OpenAPI schema, fuzzed by schemathesis in-process.

Every operation of /api/schema/ is called through the WSGI app with requests schemathesis
makes from the schema — the coverage phase's boundary, missing and wrong-type values and a few
fuzzed ones, valid and invalid — by a company administrator who is also the cashier of
community A, in a world with a record of every scoped model in A and in B (three ids in four
are replaced by A's record of the route's model, so GET-by-id paths hit real rows). Every
check schemathesis has runs: no server error; status codes, content types, bodies and headers
as documented; invalid data refused; Allow headers; the token enforced (a wrong token is 401).
Valid data refused by a business rule (a unit that must exist, a code already taken, an order
not in a state for the action) is a 400 the schema cannot foresee, so positive_data_acceptance
allows 400 — but a value the schema allows may never be refused for its JSON type: the API
answers such refusals with the code `wrong_type`, and `valid_json_types_are_accepted` fails on
them.

DELETE operations are included, on A's records: a record deleted early makes later reads of
it a 404, which the schema documents.

Bounded for CI: the operations are split into GROUPS pytest items (so `-n 2` shares them);
generation is deterministic (`derandomize`: the same cases on every run, no example database,
no shrinking); the fuzzing phase makes MAX_EXAMPLES cases per operation and a fixed share of
the coverage phase's two most numerous kinds is sent (COVERAGE_SHARE).
"""

import os
import time
import zlib
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from schemathesis.config._health_check import HealthCheck

from wuye.core.roles import CompanyRole
from wuye.org.models import Community
from wuye.tests.test_isolation import all_factories, make_object, scoped_models

MAX_EXAMPLES = 4
GROUPS = 8
# The coverage phase makes every case the schema defines: a wrong JSON type for every property
# of every body (half of all cases) and every combination of optional properties. A fixed
# share of those two kinds is sent (the same cases on every run), every other case is.
COVERAGE_SHARE = {"incorrect_type": 5, "valid_object": 4, "object_required_and_optional": 4}
STATS: Counter = Counter()

fuzzed = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.check
def valid_json_types_are_accepted(ctx, response, case):
    """A body the schema allows is never refused for the type of one of its values."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return None
    if error.get("code") == "wrong_type":
        raise AssertionError(f"A value the schema allows was refused: {error['fields']}")
    return None


@pytest.fixture(autouse=True)
def _nodeid_for_schemathesis(request):
    # schemathesis 4.32's lazy schema renames the test node through `_nodeid`, which pytest 9
    # no longer has (the id lives in `_id`); give it the attribute it reads and writes.
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def api_world(community_a, community_b, make_staff):
    """A company administrator holding the cashier's post in A, and a record of every model."""
    user = make_staff(community_a, "CSH", username="fuzz_admin", company_role=CompanyRole.ADMIN)
    factories = all_factories()
    rows = {}
    for model in scoped_models():
        if model in factories or model is Community:
            make_object(model, community_b, factories)
            rows[model] = make_object(model, community_a, factories)
    token = Token.objects.create(user=user)
    return {"user": user, "token": token.key, "rows": rows}


def real_id(path, rows):
    """The id of community A's record for a path with {id}, so GET-by-id paths hit a row."""
    try:
        match = resolve(path.replace("{id}", "1"))
    except Resolver404:
        return None
    queryset = getattr(getattr(match.func, "cls", None), "queryset", None)
    if queryset is None or queryset.model not in rows:
        return None
    return rows[queryset.model].pk


@pytest.fixture
def api_schema(api_world):
    raw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = WSGIHandler()
    token = api_world["token"]

    class TokenAuth:
        def get(self, case, context):
            return token

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}

    schema.auth.auth(refresh_interval=None, retry_on=[])(TokenAuth)
    schema.config.update(headers={"X-Community": "A"}, suppress_health_check=[HealthCheck.all])
    schema.config.generation.update(
        max_examples=MAX_EXAMPLES,
        deterministic=True,
        no_shrink=True,
        with_security_parameters=False,
    )
    acceptance = schema.config.checks.positive_data_acceptance
    acceptance.expected_statuses = [*acceptance.expected_statuses, "400"]
    # As Django's test client does: a finished request must not close the connection that
    # holds the test's transaction (PostgreSQL; SQLite's in-memory one ignores the close).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    STATS.clear()
    started = time.monotonic()
    try:
        yield schema
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    if os.environ.get("WUYE_FUZZ_STATS"):
        phases = {k: v for k, v in STATS.items() if k.startswith("phase:")}
        print(
            f"\nfuzz: {len(STATS) - len(phases)} operations, {sum(phases.values())} cases "
            f"{phases}, {time.monotonic() - started:.1f} s"
        )


def selected(case) -> bool:
    """Every case but a fixed share of the coverage kinds in COVERAGE_SHARE (by a hash)."""
    meta = case.meta
    if meta is None or meta.phase.name.value != "coverage":
        return True
    data = meta.phase.data
    share = COVERAGE_SHARE.get(str(getattr(data.scenario, "value", data.scenario)))
    if share is None:
        return True
    key = f"{case.operation.label}|{data.parameter}|{data.description}|{case.body!r}"
    return zlib.crc32(key.encode()) % share == 0


def _group(index):
    def matches(ctx):
        return zlib.crc32(ctx.operation.path.encode()) % GROUPS == index

    return matches


def _test_group(index):
    @fuzzed.include(_group(index)).parametrize()
    def test(case, api_world):
        """PLT-08: every answer of this group's operations is as the schema says."""
        if not selected(case):
            return
        if "{id}" in case.operation.path and isinstance(
            (case.path_parameters or {}).get("id"), int
        ):
            pk = real_id(case.operation.path, api_world["rows"])
            if pk is not None and case.path_parameters["id"] % 4 != 3:
                case.path_parameters["id"] = pk
        STATS[case.operation.label] += 1
        STATS[f"phase:{case.meta.phase.name.value if case.meta else None}"] += 1
        # Each request in a savepoint: a failing one must not spoil the next ones' transaction.
        with transaction.atomic():
            case.call_and_validate()

    test.__name__ = f"test_api_group_{index}_answers_as_its_schema_says"
    return test


for _index in range(GROUPS):
    globals()[f"test_api_group_{_index}_answers_as_its_schema_says"] = _test_group(_index)
