"""Build the demo company idempotently: every app with a `demo.seed(out)` adds its part."""

import importlib
import os
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


def demo_password() -> str:
    """WUYE_DEMO_PASSWORD, or one random password kept in var/demo-password for this install."""
    value = os.environ.get("WUYE_DEMO_PASSWORD", "")
    if value:
        return value
    path = Path(settings.VAR_DIR) / "demo-password"
    if not path.exists():
        path.write_text(f"wuye-{secrets.token_hex(4)}")
        path.chmod(0o600)
    return path.read_text().strip()


class Command(BaseCommand):
    help = "Create (or complete) the demo company, its service centers, staff and data."

    def handle(self, *args, **options):
        password = demo_password()
        for config in apps.get_app_configs():
            if not config.name.startswith("wuye."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            with transaction.atomic():
                module.seed(out=self.stdout, password=password)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Demo password: {password}"))
