"""Locust users of the work-order API (bench/service_api_load.py starts them): dispatchers
and hotline staff reading lists and orders and registering new ones."""

import os
import random

from locust import HttpUser, between, task

TOKEN = os.environ["BENCH_TOKEN"]
COMMUNITY = os.environ["BENCH_COMMUNITY"]
UNITS = os.environ["BENCH_UNIT_CODES"].split(",")
ORDER_IDS = [int(pk) for pk in os.environ["BENCH_ORDER_IDS"].split(",")]


class ServiceDesk(HttpUser):
    wait_time = between(0.2, 0.8)

    def on_start(self):
        self.client.headers.update({"Authorization": f"Token {TOKEN}", "X-Community": COMMUNITY})

    @task(5)
    def open_orders(self):
        self.client.get("/api/v1/work-orders/?state=open", name="list open orders")

    @task(2)
    def overdue(self):
        self.client.get("/api/v1/work-orders/?state=overdue", name="list overdue orders")

    @task(4)
    def one_order(self):
        pk = random.choice(ORDER_IDS)
        self.client.get(f"/api/v1/work-orders/{pk}/", name="order detail")

    @task(1)
    def timeline(self):
        pk = random.choice(ORDER_IDS)
        self.client.get(f"/api/v1/work-orders/{pk}/events/", name="order timeline")

    @task(2)
    def register(self):
        self.client.post(
            "/api/v1/work-orders/",
            json={
                "unit": random.choice(UNITS),
                "kind": random.choice(["repair", "complaint", "inquiry"]),
                "channel": "hotline",
                "description": "压测报修：水龙头漏水",
            },
            name="register order",
        )
