"""The apps depend downward only (docs/architecture.md): core imports no app of the project and
names none in its code (the tenancy root comes from settings and org's registered tenancy);
org imports nothing above it; the registry (estate) imports neither billing nor service.
Module-level and function-level imports both count; tests are not walked."""

import ast
import re
from pathlib import Path

import pytest

WUYE = Path(__file__).resolve().parents[2]


def project_imports(app: str, *, tests: bool = False):
    """(file relative to the app, imported module) for every import of a wuye module, in the
    app's code (or, with `tests`, in its tests)."""
    for path in sorted((WUYE / app).rglob("*.py")):
        relative = path.relative_to(WUYE / app)
        if relative.parts[0] == "migrations" or (relative.parts[0] == "tests") != tests:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("wuye.") and not name.startswith(f"wuye.{app}"):
                    yield str(relative), name


@pytest.mark.parametrize(
    ("app", "forbidden"),
    [
        ("estate", ("wuye.billing", "wuye.service")),
        ("org", ("wuye.estate", "wuye.billing", "wuye.service")),
    ],
)
def test_lower_apps_never_import_higher_ones(app, forbidden):
    wrong = [(f, m) for f, m in project_imports(app) if m.startswith(forbidden)]
    assert not wrong, wrong


def test_core_imports_no_app_of_the_project():
    found = [
        (f, m)
        for f, m in project_imports("core")
        if not m.startswith(("wuye.core", "wuye.settings", "wuye.urls"))
    ]
    assert not found, found


def test_core_names_no_app_model():
    """Core's models point at the tenancy root through settings, never at "org.Community"."""
    model_reference = re.compile(r"[\"'](org|estate|billing|service)\.[A-Z]\w*[\"']")
    for path in sorted((WUYE / "core").glob("*.py")):
        assert not model_reference.findall(path.read_text()), path.name


def test_cores_tests_use_no_app_above_org():
    """Core's tests stand on core and the tenancy (org) alone; walks over every app live in
    wuye/tests/, an app's own tests in the app."""
    wrong = [
        (f, m)
        for f, m in project_imports("core", tests=True)
        if m.startswith(("wuye.estate", "wuye.billing", "wuye.service"))
    ]
    assert not wrong, wrong
