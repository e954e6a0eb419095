"""The newsroom in a real browser: a dateline that disagrees with the place is flagged on
save and found again in the list; a visitor reads the Chair of a release's own year."""

import zipfile

import pytest
from icalendar import Calendar

from tests.e2e.test_editor import log_in
from tests.e2e.test_publishing import tab_to
from tests.e2e.test_visitor import ACCESSIBILITY_PAGES, SEED_TITLE

pytestmark = pytest.mark.e2e
SEED_RELEASE = ACCESSIBILITY_PAGES[3]


def test_officer_is_warned_of_a_dateline_that_disagrees_and_finds_it_in_the_list(site, open_page):
    page = open_page()
    log_in(page, site, "kosovo-officer")
    page.goto(site + "/admin/press/pressrelease/add/")
    page.fill("#id_title", "Mission supports municipal elections")
    page.fill("#id_summary", "The mission supported the elections.")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("VIENNA, 2 December 2026 – The mission supported the elections.")
    page.select_option("#id_source", label="Mission in Kosovo")
    page.fill("#id_place", "PRISTINA")
    tab_to(page, "#action-save-draft")
    page.keyboard.press("Enter")
    warning = page.locator(".messagelist .warning")
    assert "The body opens with “VIENNA”, but the place is “PRISTINA”." in warning.inner_text()

    page.goto(site + "/admin/press/pressrelease/")
    page.get_by_role("link", name="disagrees with the place or date").click()
    page.wait_for_url("**dateline=mismatch**")
    titles = page.locator("#result_list th.field-title").all_inner_texts()
    assert titles == ["Mission supports municipal elections"]


def test_visitor_reads_the_chair_of_the_releases_year_and_its_history(site, open_page):
    page = open_page()
    page.goto(site + SEED_RELEASE)
    source = page.locator(".release-meta dd a").nth(0)
    assert source.inner_text() == "OSCE Chairmanship 2005 — Slovenia"
    source.click()
    row = page.locator("table.chairs tr", has=page.locator("th", has_text="2005"))
    assert "Dimitrij Rupel, Chairman-in-Office" in row.inner_text()
    assert "Ann Linde, Chairperson-in-Office" in page.locator("table.chairs").inner_text()
    row.get_by_role("link", name="release").click()
    page.wait_for_url("**year=2005**")
    titles = page.locator(".release-item-title").all_inner_texts()
    assert SEED_TITLE in titles


def test_journalist_downloads_the_media_kit_of_a_release(site, open_page):
    page = open_page()
    page.goto(site + SEED_RELEASE)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the media kit").click()
    download = downloading.value
    assert download.suggested_filename.endswith("-media-kit.zip")
    kit = zipfile.ZipFile(download.path())
    names = kit.namelist()
    assert {"release.html", "release.txt", "images/CREDITS.txt"} <= set(names)
    assert any(name.endswith(".vcf") for name in names)
    assert SEED_TITLE in kit.read("release.txt").decode()


def test_visitor_finds_the_next_ministerial_council_and_adds_it_to_a_calendar(site, open_page):
    page = open_page()
    page.goto(site + "/meetings/ministerial-council-meetings/")
    upcoming = page.locator("section", has=page.locator("h2", has_text="Upcoming meetings"))
    upcoming.get_by_role("link", name="33rd OSCE Ministerial Council").click()
    assert page.locator("h1").inner_text() == "33rd OSCE Ministerial Council"
    assert "Palazzo dei Congressi, Lugano" in page.locator(".release-meta").inner_text()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Add to calendar").click()
    calendar = Calendar.from_ical(downloading.value.path().read_bytes())
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "33rd OSCE Ministerial Council"
