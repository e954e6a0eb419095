"""Visitors who read Russian, French and Spanish: the switcher takes them to their language,
the menu and the lists speak it, a release leads to its translation, and the pages are
accessible in each language."""

import re

import pytest
from django.utils import translation

from press.models import PressRelease
from tests.e2e.conftest import press_tab_until, serious_violations
from tests.e2e.test_visitor import ACCESSIBILITY_PAGES

pytestmark = pytest.mark.e2e


def words(language, text):
    with translation.override(language):
        return translation.gettext(text)


def test_a_russian_reader_switches_language_and_reads_a_release_and_its_original(site, open_page):
    page = open_page(1280)
    page.goto(site + "/")
    press_tab_until(page, lambda text, href: text == "Русский")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/ru/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("nav.menu", has_text=words("ru", "Our work")).count() == 1
    problems = serious_violations(page)

    page.goto(site + "/ru/press-releases/")
    items = page.locator("article.release-item h3 a")
    assert items.count() > 0
    assert set(items.evaluate_all("links => links.map(a => a.lang)")) == {"ru"}
    problems += serious_violations(page)

    items.first.click()
    page.wait_for_url(re.compile(r".*/ru/press-releases/[^/]+/$"))
    assert page.locator("html").get_attribute("lang") == "ru"
    problems += serious_violations(page)
    page.locator("nav.language-switcher a", has_text="English").click()
    page.wait_for_url(re.compile(r".*/press-releases/[-\w]+/$"))
    assert "/ru/" not in page.url and page.locator("html").get_attribute("lang") == "en"
    assert problems == []


def test_a_french_reader_filters_and_asks_for_every_language(site, open_page):
    page = open_page(375)
    page.goto(site + "/fr/press-releases/")
    assert page.locator("h1").inner_text() == words("fr", "Press releases")
    own = page.locator("article.release-item").count()
    problems = serious_violations(page)
    page.get_by_role("link", name=words("fr", "Show releases in every language")).click()
    page.wait_for_url("**/fr/press-releases/?language=all")
    assert page.locator("article.release-item").count() > own
    problems += serious_violations(page)
    assert problems == []


def test_a_spanish_reader_finds_the_translation_from_the_english_page(site, open_page):
    page = open_page(1280)
    page.goto(site + "/es/press-releases/")
    page.locator("article.release-item h3 a").first.click()
    page.wait_for_url(re.compile(r".*/es/press-releases/[^/]+/$"))
    spanish = page.url
    page.locator("nav.language-switcher a", has_text="English").click()
    page.wait_for_url(re.compile(r".*/press-releases/[-\w]+/$"))
    page.locator("nav.language-switcher a", has_text="español").click()
    page.wait_for_url(spanish)
    assert page.locator("html").get_attribute("lang") == "es"
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["fr", "de", "it", "ru", "es"])
def test_every_page_type_is_accessible_in_each_language(site, open_page, language):
    release = PressRelease.objects.published().filter(language=language).first()
    page = open_page(1280)
    problems = []
    for path in ACCESSIBILITY_PAGES:
        if path.startswith("/press-releases/") and "?" not in path and path != "/press-releases/":
            path = release.get_absolute_url()  # a release has its own language's address
        else:
            path = f"/{language}{path}"
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == language, path
        problems += [f"{path}: {finding}" for finding in serious_violations(page)]
    assert problems == []
