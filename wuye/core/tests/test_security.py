"""PLT-09: password hashing, lockout, CSP, no external URLs, secure settings in production."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from wuye.org.models import User

ROOT = Path(settings.BASE_DIR)
# A URL that would make the browser fetch something from another host.
EXTERNAL_IN_HTML = re.compile(
    r"""(?:src|href|action|poster|data)\s*=\s*["']\s*(?:https?:)?//""", re.I
)
EXTERNAL_IN_CSS = re.compile(
    r"""(?:url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*["']?(?:https?:)?//)""", re.I
)
EXTERNAL_IN_JS = re.compile(
    r"""(?:sourceMappingURL=\s*(?:https?:)?//|importScripts\(\s*["'](?:https?:)?//|\bimport\s*\(\s*["'](?:https?:)?//|from\s+["']https?://)""",
    re.I,
)


def project_templates():
    yield from ROOT.joinpath("wuye").rglob("templates/**/*.html")


def served_static_files():
    """Every file the static finders would serve (project files and vendor packages)."""
    for finder in finders.get_finders():
        for path, storage in finder.list(["*.map", "*.woff*", "*.ttf", "*.svg", "*.png", "*.ico"]):
            full = Path(storage.path(path))
            if full.suffix in {".css", ".js", ".html"}:
                yield path, full


def test_no_template_loads_anything_from_another_host():
    """PLT-05/PLT-09: templates reference only this server (no CDN)."""
    offenders = [str(p) for p in project_templates() if EXTERNAL_IN_HTML.search(p.read_text())]
    assert not offenders, offenders


def test_no_served_css_or_js_loads_from_another_host():
    """PLT-05/PLT-09: no served stylesheet or script (vendor packages included) fetches from a CDN."""
    checked, offenders = 0, []
    for path, full in served_static_files():
        text = full.read_text(errors="replace")
        pattern = (
            EXTERNAL_IN_CSS
            if full.suffix == ".css"
            else EXTERNAL_IN_JS
            if full.suffix == ".js"
            else EXTERNAL_IN_HTML
        )
        checked += 1
        if pattern.search(text):
            offenders.append(path)
    assert checked >= 5, "vendor assets missing: run `manage.py vendor_assets`"
    assert not offenders, offenders


def test_the_external_url_check_catches_a_cdn_reference():
    """The detectors above do find what they are meant to find."""
    assert EXTERNAL_IN_HTML.search('<script src="https://cdn.example.com/x.js">')
    assert EXTERNAL_IN_HTML.search("<link href='//cdn.example.com/x.css'>")
    assert EXTERNAL_IN_CSS.search("@import url(https://fonts.example.com/css)")
    assert EXTERNAL_IN_CSS.search('background: url("https://x.example.com/a.png")')
    assert not EXTERNAL_IN_CSS.search(
        "url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'\")"
    )
    assert EXTERNAL_IN_JS.search("//# sourceMappingURL=https://cdn.example.com/a.map")


@pytest.mark.django_db
def test_every_response_carries_a_strict_csp(client, community_a, mgr_a, login):
    """PLT-09: CSP on every response: scripts from here (with a nonce), no framing, no plugins."""
    for response in (
        client.get(reverse("login")),
        login(mgr_a).get(reverse("home")),
        client.get("/nope/"),
    ):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert re.search(r"script-src 'self'( 'nonce-[^']+')?;", policy)
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
        assert "unsafe-eval" not in policy


@pytest.mark.django_db
def test_no_inline_scripts_in_pages(community_a, mgr_a, login):
    """PLT-09: pages carry no inline <script> (CSP would block it)."""
    body = login(mgr_a).get(reverse("org:staff_list")).content.decode()
    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag, tag


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings():
    """PLT-09: the production hasher is Argon2."""
    from wuye import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.contrib.auth.hashers import Argon2PasswordHasher

    assert (
        Argon2PasswordHasher()
        .encode("secret-2026", Argon2PasswordHasher().salt())
        .startswith("argon2$")
    )


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_account_with_a_chinese_message(community_a, mgr_a):
    """PLT-09: django-axes locks out after 5 failures, in Chinese; the right password then fails too."""
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": mgr_a.username, "password": "wrong"})
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode()
    response = client.post(reverse("login"), {"username": mgr_a.username, "password": "wrong"})
    assert response.status_code == 429
    assert "账号已被暂时锁定" in response.content.decode() or "锁定" in response.content.decode()
    response = client.post(
        reverse("login"), {"username": mgr_a.username, "password": "pw-Wuye-2026"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_successful_login_and_logout(community_a, mgr_a):
    """PLT-05/PLT-09: sign in lands on the workbench; log out (POST) returns to the login page."""
    client = Client()
    response = client.post(
        reverse("login"), {"username": mgr_a.username, "password": "pw-Wuye-2026"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_production_settings_are_secure(monkeypatch):
    """PLT-09: with HTTPS=1 cookies are secure and HSTS is on; without SECRET_KEY it refuses to start."""
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import wuye.settings as module

    monkeypatch.setenv("HTTPS", "1")
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    prod = importlib.reload(module)
    try:
        assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
        assert prod.SECURE_HSTS_SECONDS >= 31536000
        assert prod.SECURE_SSL_REDIRECT
        assert prod.DEBUG is False
        monkeypatch.delenv("SECRET_KEY")
        with pytest.raises(ImproperlyConfigured):
            importlib.reload(module)
    finally:
        monkeypatch.delenv("HTTPS", raising=False)
        monkeypatch.delenv("SECRET_KEY", raising=False)
        importlib.reload(module)


def test_no_secrets_or_demo_passwords_in_the_repository():
    """PLT-09: the repository holds no secret key and no demo password."""
    suspicious = re.compile(r"(SECRET_KEY\s*=\s*['\"][^'\"]{20,}|wuye-[0-9a-f]{8})")
    for path in list(ROOT.joinpath("wuye").rglob("*.py")) + [ROOT / "README.md", ROOT / "Makefile"]:
        if path.exists() and "tests" not in path.parts:
            assert not suspicious.search(path.read_text()), path


@pytest.mark.django_db
def test_users_cannot_be_created_with_plain_passwords(db):
    """PLT-09: stored passwords are hashes."""
    user = User.objects.create_user("hashcheck", password="Plain-Text-2026")
    assert "Plain-Text-2026" not in user.password
