"""The apps depend downward only (docs/architecture.md): core imports no app of the project and
names none in its code (the tenancy root comes from settings and org's registered tenancy);
org imports nothing above it; the registry (estate) imports neither billing nor service.
Module-level and function-level imports both count; tests are not walked."""

import ast
import re
from pathlib import Path

import pytest

WUYE = Path(__file__).resolve().parents[2]


def imported_modules(source: str, module: str):
    """Every module `source` (the text of module `module`, e.g. "wuye.core.views.pages")
    imports, wherever the import stands (module level, in a function, under TYPE_CHECKING), with
    relative imports resolved ("..org" from wuye.core.x is wuye.org)."""
    package = module.split(".")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level]) if node.level else ""
            target = ".".join(part for part in (base, node.module) if part)
            # `from . import x` may name a module x: count the package and each name in it.
            yield target
            yield from (f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def project_imports(app: str, *, tests: bool = False):
    """(file relative to the app, imported module) for every import of a wuye module, in the
    app's code (or, with `tests`, in its tests)."""
    for path in sorted((WUYE / app).rglob("*.py")):
        relative = path.relative_to(WUYE / app)
        if relative.parts[0] == "migrations" or (relative.parts[0] == "tests") != tests:
            continue
        module = ".".join(("wuye", app, *relative.with_suffix("").parts))
        for name in imported_modules(path.read_text(), module):
            if name.startswith("wuye.") and not name.startswith(f"wuye.{app}"):
                yield str(relative), name


def test_the_check_sees_imports_inside_functions_and_relative_ones():
    """The rules below would be toothless if a local or relative import slipped past them."""
    source = (
        "from . import views\n"
        "def f():\n"
        "    from wuye.estate.models import Unit\n"
        "    import wuye.billing.services\n"
        "class C:\n"
        "    def g(self):\n"
        "        from ...org import services\n"
        "        from ..menu import register\n"
    )
    found = set(imported_modules(source, "wuye.core.views.pages"))
    assert {
        "wuye.estate.models",
        "wuye.billing.services",
        "wuye.org",
        "wuye.org.services",
        "wuye.core.menu",
        "wuye.core.views.views",
    } <= found


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
    for path in sorted((WUYE / "core").rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(WUYE / "core").parts):
            continue
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
