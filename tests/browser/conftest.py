"""Real-browser tests: Playwright for Python driving Debian's Chromium.

The browser is ``$CIDB_CHROMIUM`` if set, else ``chromium`` or ``chromium-browser`` on
PATH, else ``/usr/bin/chromium``; without one the tests skip and the run's summary says
so at its end (``tests/conftest.py``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

DEFAULT_CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def find_chromium() -> tuple[str | None, str]:
    """The Chromium to drive, or None and why there is none."""
    configured = os.environ.get("CIDB_CHROMIUM", "").strip()
    if configured:
        path = shutil.which(configured) or (configured if Path(configured).is_file() else None)
        return path, "" if path else f"CIDB_CHROMIUM={configured} is not an executable file"
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found, ""
    if Path(DEFAULT_CHROMIUM).is_file():
        return DEFAULT_CHROMIUM, ""
    return None, (
        "no Chromium: set CIDB_CHROMIUM, or put chromium on PATH (apt-get install chromium)"
    )


@pytest.fixture(scope="session")
def browser():
    chromium, why = find_chromium()
    if chromium is None:
        pytest.skip(why)
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A page the size of a phone (390 px wide, touch)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, device_scale_factor=1)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def save_screenshot(page, name: str) -> Path:
    """A full-page screenshot in test-artifacts/, lazy images loaded first (a full-page
    capture does not scroll, so they would stay blank)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    # Polled from the test: wait_for_function evaluates its predicate with eval, which
    # the site's Content-Security-Policy (rightly) refuses.
    for _ in range(150):
        if page.evaluate("Array.from(document.images).every(i => i.complete)"):
            break
        page.wait_for_timeout(100)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(page, request):
    def take(name: str) -> Path:
        return save_screenshot(page, f"{request.node.name}-{name}")

    return take


@pytest.fixture
def log_in(page, live_server):
    """Log a factory user in through the form (the factories' password), landing on
    ``next_path``."""

    def go(username: str = "mona", next_path: str = "/accounts/") -> None:
        page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill("correct horse battery")
        page.locator("main button[type=submit]").click()
        page.wait_for_url(f"**{next_path}")

    return go
