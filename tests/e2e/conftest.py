"""Browser tests: Playwright driving Debian's chromium against a live server with the demo
data. Without the browser they skip, except in CI (CI set), where they fail loudly."""

import importlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings, transactional_db, django_db_serialized_rollback):
    """The live server with the demo data and the demo accounts. (Serialized rollback puts
    back what the migrations made, vocabularies and groups, after each test.)"""
    # What the migrations made, if an earlier live-server test flushed it away.
    ContentType.objects.clear_cache()
    groups = importlib.import_module("press.migrations.0007_editorial_groups")
    groups.create_groups(django_apps, None)
    drafts = importlib.import_module("press.migrations.0012_officers_delete_drafts")
    drafts.let_officers_delete_drafts(django_apps, None)
    journalists = importlib.import_module("press.migrations.0022_journalist_permissions")
    journalists.grant(django_apps, None)
    settings.DEBUG = True  # the demo accounts are refused otherwise
    call_command("load_demo", admin=True, verbosity=0, stdout=io.StringIO())
    settings.DEBUG = False
    return live_server.url


@pytest.fixture
def open_page(browser, request):
    """A new browser page of the given width; screenshots are kept after the test."""
    contexts = []

    def open_page(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for number, context in enumerate(contexts):
        for page in context.pages:
            name = re.sub(r"\W+", "-", request.node.name).strip("-")
            page.screenshot(path=SCREENSHOTS / f"{name}-{number}.png", full_page=True)
        context.close()


def press_tab_until(page, predicate, limit=250):
    """Tab through the page until the focused element satisfies `predicate` (text, href)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => ({text: document.activeElement.textContent.trim(),"
            " href: document.activeElement.getAttribute('href') || ''})"
        )
        if predicate(focused["text"], focused["href"]):
            return focused
    raise AssertionError("never reached by keyboard")


def serious_violations(page):
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
