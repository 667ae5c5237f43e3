"""PLT-03: each app owns its permissions and its menus. Core assembles the role matrix and the
menu from what the apps register, so a new app adds its own files and never edits core."""

from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from wuye.core.menu import GROUPS
from wuye.core.roles import PERMISSIONS, register_permissions

CORE = Path(__file__).resolve().parents[1]


def test_every_permission_comes_from_its_own_apps_permissions_module():
    assert PERMISSIONS
    for code, perm in PERMISSIONS.items():
        app = code.split(".", 1)[0]
        config = apps.get_app_config(app)
        assert perm.module == f"{config.name}.permissions", code


def test_core_holds_no_other_apps_permissions_or_menus():
    """Core's own files name no permission or menu entry of another app."""
    others = [c.label for c in apps.get_app_configs() if c.name.startswith("wuye.")]
    others.remove("core")
    for name in ("roles.py", "permissions.py", "menu.py", "menus.py"):
        text = (CORE / name).read_text()
        for label in others:
            assert f'"{label}.' not in text and f'"{label}:' not in text, (name, label)


def test_a_permission_is_registered_once():
    with pytest.raises(ValueError, match="registered twice"):
        register_permissions([("core.home.view", "again", set())])


def test_every_menu_entry_needs_a_registered_permission():
    for group in GROUPS.values():
        for item in group.items:
            assert item.permission in PERMISSIONS, item.url_name


@pytest.mark.django_db
def test_the_roles_page_groups_permissions_by_app(community_a, mgr_a, login):
    client = login(mgr_a)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(reverse("core:roles")).content.decode()
    assert body.count('data-testid="permission-group"') == len(
        {code.split(".", 1)[0] for code in PERMISSIONS}
    )
    assert body.index("收费") > body.index("房产")  # in the apps' order: registry, then billing
