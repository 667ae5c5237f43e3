"""The apps depend downward only (docs/architecture.md): the registry (estate) imports neither
billing nor service, and core imports no app of the project except where listed below — the
tenancy root it still reads from org, a debt being paid (issue 11), which may only shrink.
Module-level and function-level imports both count; tests are not walked."""

import ast
from pathlib import Path

import pytest

WUYE = Path(__file__).resolve().parents[2]

# Core's remaining imports of org: (file, module imported). A new one fails the test.
CORE_DEBT = {
    ("access.py", "wuye.org.models"),
    ("audit.py", "wuye.org.models"),
    ("views.py", "wuye.org.services"),
}


def project_imports(app: str):
    """(file relative to the app, imported module) for every import of a wuye module."""
    for path in sorted((WUYE / app).rglob("*.py")):
        relative = path.relative_to(WUYE / app)
        if relative.parts[0] in ("tests", "migrations"):
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


def test_core_imports_no_app_but_its_listed_debt():
    found = {
        (f, m)
        for f, m in project_imports("core")
        if not m.startswith(("wuye.core", "wuye.settings", "wuye.urls"))
    }
    assert found <= CORE_DEBT, found - CORE_DEBT
