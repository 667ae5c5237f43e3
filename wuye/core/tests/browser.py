"""Browser-test fixtures: Debian's chromium (/usr/bin/chromium) driven by Playwright's sync API
against pytest-django's live server, with every request to another host blocked and recorded,
and console errors and CSP violations collected. Import `browser` and `page` into a test module."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per module (and per xdist worker: each worker is its own process)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("the playwright package is not installed")

    # Playwright's sync API keeps an asyncio loop on this thread; Django's ORM (fixtures, the
    # transactional_db flush) would refuse to run "in an async context" without this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page that records external requests, console errors and CSP reports."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.external_requests = []
    page.console_problems = []

    def guard(route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("http://", "https://", "ws://", "wss://")) and host not in LOCAL_HOSTS:
            page.external_requests.append(url)
            route.abort()
        else:
            route.continue_()

    def on_console(message):
        text = message.text
        if message.type == "error" or "Content Security Policy" in text:
            page.console_problems.append(f"console {message.type}: {text} @ {message.location}")

    page.route("**/*", guard)
    page.on("console", on_console)
    page.on("pageerror", lambda error: page.console_problems.append(f"page error: {error}"))
    try:
        yield page
    finally:
        context.close()


def log_in(tab, live_server, user):
    """Sign in through the login page (the test users' password)."""
    from wuye.conftest import PASSWORD

    tab.goto(f"{live_server.url}/login/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("form button[type=submit]")
    tab.wait_for_load_state("load")


def either(*texts):
    """A regex matching any of the given texts (English msgid or its Chinese translation)."""
    return re.compile("|".join(re.escape(t) for t in texts))


def count_text(n):
    """Row-count footer text for n rows, whatever the language ("5 records", "5 条记录")."""
    return re.compile(rf"(^|\D){n}(\D|$)")
