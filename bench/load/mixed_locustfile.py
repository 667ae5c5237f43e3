"""Locust users of bench/mixed_load.py: a service center's staff at work at once.

Cashiers take payments (each unit's open bills, then POST payments/ with an Idempotency-Key;
now and then the same request is sent again, as a retry after a timeout would), hotline staff
register work orders and look at the open ones, managers read the arrears list, a unit's open
bills, the work-order lists and the collection rates. Every response is checked: a wrong status
or an empty answer is an error.
"""

import json
import os
import random
import uuid
from decimal import ROUND_UP, Decimal

from locust import HttpUser, between, events, task

with open(os.environ["BENCH_LOAD_DATA"]) as handle:
    DATA = json.load(handle)

COMMUNITY = DATA["community"]
PAY_UNITS = iter(DATA["pay_units"])  # one payment per unit: each unit's bills are paid once
RETRY_SHARE = 0.1


def headers(token):
    return {"Authorization": f"Token {token}", "X-Community": COMMUNITY}


def expect(response, *codes, what=""):
    if response.status_code not in codes:
        response.failure(f"{what} {response.status_code}: {response.text[:200]}")
        return False
    return True


class Staff(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    tokens: list[str] = []

    def on_start(self):
        self.client.headers.update(headers(random.choice(self.tokens)))

    def open_bills(self, unit_id):
        with self.client.get(
            f"/api/v1/bills/?unit={unit_id}&status=open",
            name="unit open bills",
            catch_response=True,
        ) as response:
            if expect(response, 200, what="bills"):
                return response.json()["results"]
        return None


class Cashier(Staff):
    """At the counter: the unit's open bills, then the payment of all of them in cash."""

    tokens = DATA["tokens"]["cashier"]

    def on_start(self):
        # One cashier, one account: the drawer (and its daily closing) is the cashier's own.
        self.client.headers.update(headers(self.tokens.pop()))

    @task
    def collect(self):
        unit_id = next(PAY_UNITS, None)
        if unit_id is None:  # every unit paid (a long run): keep looking bills up
            self.open_bills(random.choice(DATA["view_units"]))
            return
        bills = self.open_bills(unit_id)
        if not bills:
            return
        owed = sum(Decimal(bill["outstanding"]) for bill in bills)
        if owed <= 0:
            return
        # Cash in round hundreds (the change is computed), and room for a waiver's negative line.
        tendered = ((owed + 100) / 100).quantize(Decimal(1), rounding=ROUND_UP) * 100
        body = {"unit": unit_id, "channel": "cash", "tendered": str(tendered)}
        key = uuid.uuid4().hex
        with self.client.post(
            "/api/v1/payments/",
            json=body,
            headers={"Idempotency-Key": key},
            name="payment POST",
            catch_response=True,
        ) as response:
            if not expect(response, 201, what="payment"):
                return
            if Decimal(response.json()["amount"]) <= 0:
                response.failure(f"nothing collected, {owed} owed")
        if random.random() < RETRY_SHARE:
            with self.client.post(
                "/api/v1/payments/",
                json=body,
                headers={"Idempotency-Key": key},
                name="payment POST again (same key)",
                catch_response=True,
            ) as response:
                expect(response, 200, what="retried payment")


class Hotline(Staff):
    """The hotline: callers' repairs and complaints registered, the open orders watched."""

    tokens = DATA["tokens"]["hotline"]

    @task(2)
    def register(self):
        with self.client.post(
            "/api/v1/work-orders/",
            json={
                "unit": random.choice(DATA["unit_codes"]),
                "kind": random.choice(["repair", "complaint", "inquiry"]),
                "channel": "hotline",
                "description": "压测来电：厨房水龙头漏水",
            },
            name="register work order",
            catch_response=True,
        ) as response:
            expect(response, 201, what="work order")

    @task(1)
    def open_orders(self):
        with self.client.get(
            "/api/v1/work-orders/?state=open", name="work-order list", catch_response=True
        ) as response:
            expect(response, 200, what="orders")


class Manager(Staff):
    """The manager's and finance's reading: arrears, a unit's bills, orders, rates."""

    tokens = DATA["tokens"]["manager"]

    @task(2)
    def arrears(self):
        with self.client.get("/api/v1/arrears/", name="arrears list", catch_response=True) as r:
            if expect(r, 200, what="arrears") and not r.json()["results"]:
                r.failure("no arrears: the benchmark's data did not load")

    @task(3)
    def unit_bills(self):
        self.open_bills(random.choice(DATA["view_units"]))

    @task(2)
    def orders(self):
        state = random.choice(["open", "overdue"])
        with self.client.get(
            f"/api/v1/work-orders/?state={state}", name="work-order list", catch_response=True
        ) as response:
            expect(response, 200, what="orders")

    @task(1)
    def rates(self):
        with self.client.get(
            f"/api/v1/collection-rates/?period={DATA['period']}",
            name="collection rates",
            catch_response=True,
        ) as response:
            expect(response, 200, what="rates")


# Exact percentiles: locust's own table rounds response times above 100 ms to tens.
TIMES: dict[str, list[float]] = {}
FAILURES: dict[str, int] = {}


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    TIMES.setdefault(name, []).append(response_time)
    if exception is not None:
        FAILURES[name] = FAILURES.get(name, 0) + 1


@events.quitting.add_listener
def _dump(environment, **kwargs):
    with open(os.environ["BENCH_LOAD_RESULT"], "w") as handle:
        json.dump({"times": TIMES, "failures": FAILURES}, handle)
