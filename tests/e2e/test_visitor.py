"""A visitor on the public site, by keyboard, on a wide and a phone-sized screen."""

import re

import pytest

from tests.e2e.conftest import press_tab_until, serious_violations

pytestmark = pytest.mark.e2e
SEED_TITLE = "Chairman-in-Office says Kazakhstan election points to need to open up political life"


@pytest.mark.parametrize("width", [1280, 375])
def test_visitor_uses_the_menu_by_keyboard_filters_and_reads(site, open_page, width):
    page = open_page(width)
    page.goto(site + "/")

    press_tab_until(page, lambda text, href: text == "Countries")
    toggle = page.locator("button.menu-toggle", has_text="Countries")
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    press_tab_until(page, lambda text, href: text == "Kazakhstan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/countries/kazakhstan/")
    assert page.locator("h1").inner_text().startswith("Kazakhstan")
    assert page.locator("main", has_text="Programme Office in Astana").count() == 1

    press_tab_until(page, lambda text, href: text == "Filter these in the press release list")
    page.keyboard.press("Enter")
    page.wait_for_url("**/press-releases/?country=kazakhstan")
    press_tab_until(page, lambda text, href: href.startswith("?country=kazakhstan&field="))
    page.keyboard.press("Enter")
    page.wait_for_url("**/press-releases/?country=kazakhstan&field=*")
    assert page.locator(".active-filters .chip").count() == 2

    release = press_tab_until(
        page, lambda text, href: re.fullmatch(r"/press-releases/[-\w]+/", href)
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**" + release["href"])
    assert page.locator("dl.release-meta dt", has_text="Date:").count() == 1
    assert page.locator("h1").count() == 1


def test_menu_escape_returns_focus_and_page_does_not_scroll_sideways(site, open_page):
    page = open_page(375)
    page.goto(site + "/")
    press_tab_until(page, lambda text, href: text == "Our work")
    page.keyboard.press("Enter")
    press_tab_until(page, lambda text, href: text == "Elections")
    page.keyboard.press("Escape")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Our work"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_menu_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.locator("summary", has_text="Countries").click()
    page.locator("summary", has_text="Structures and institutions").click()
    # One section at a time, as with scripts: panels never stack over each other.
    assert page.locator("details.menu-disclosure[open]").count() == 1
    page.locator(".menu-panel a", has_text="Mission in Kosovo").click()
    page.wait_for_url("**/structures/field-operations/mission-in-kosovo/")
    context.close()


ACCESSIBILITY_PAGES = [
    "/",
    "/press-releases/",
    "/press-releases/?q=election",
    "/press-releases/chairman-in-office-says-kazakhstan-election-points-to-need-to-open-up-political-life/",
    "/countries/kazakhstan/",
    "/fields-of-work/elections/",
    "/structures/field-operations/mission-in-kosovo/",
    "/structures/closed-field-activities/",
    "/structures/chairpersonship/",
    "/meetings/ministerial-council-meetings/",
    "/meetings/ministerial-council-meetings/33rd-ministerial-council/",
    "/search/?q=election+observation",
    "/admin/login/",
]


@pytest.mark.parametrize("width", [1280, 375])
def test_no_serious_accessibility_violations(site, open_page, width):
    page = open_page(width)
    found = {}
    for path in ACCESSIBILITY_PAGES:
        page.goto(site + path)
        serious = serious_violations(page)
        if serious:
            found[path] = serious
        page.screenshot(path=str(_shot(path, width)), full_page=True)
    assert found == {}


def _shot(path, width):
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-")[:80] or "home"
    return SCREENSHOTS / f"page-{name}-{width}.png"


@pytest.mark.parametrize("width", [1440, 375])
def test_wide_screens_use_their_width_and_phones_read_in_one_column(site, open_page, width):
    page = open_page(width)
    page.goto(site + ACCESSIBILITY_PAGES[3])  # the seed release, with contacts and related
    body = page.locator(".release-body").bounding_box()
    aside = page.locator(".release-aside").bounding_box()
    if width > 1000:
        assert aside["x"] >= body["x"] + body["width"]  # beside the text, not below it
        assert aside["y"] < body["y"]
    else:
        assert aside["y"] > body["y"] + body["height"]
    page.goto(site + "/")
    image = page.locator(".featured-image").bounding_box()
    text = page.locator(".featured-text").bounding_box()
    if width > 1000:
        assert text["x"] >= image["x"] + image["width"]
        assert (
            text["y"] >= image["y"]
            and text["y"] + text["height"] <= image["y"] + image["height"] + 1
        )
    else:
        assert text["y"] >= image["y"] + image["height"]
