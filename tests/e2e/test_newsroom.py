"""The newsroom in a real browser: a release shared under embargo and read by a journalist
who signs in by e-mail link, while a visitor cannot; a dateline that disagrees with the
place is flagged on save and found again in the list; a visitor reads the Chair of a
release's own year; media kits and the meetings calendar."""

import datetime
import re
import zipfile

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from press.models import EmbargoView, PressRelease
from structures.models import Structure
from tests.e2e.conftest import serious_violations
from tests.e2e.test_editor import log_in
from tests.e2e.test_publishing import tab_to
from tests.e2e.test_visitor import ACCESSIBILITY_PAGES, SEED_TITLE
from tests.factories import make_release

pytestmark = pytest.mark.e2e
SEED_RELEASE = ACCESSIBILITY_PAGES[3]


def test_a_release_under_embargo_is_read_by_a_journalist_and_no_one_else(site, open_page):
    kosovo = Structure.objects.get(slug="mission-in-kosovo")
    draft = make_release("Mission hands over archive", source=kosovo, status="draft")
    until = timezone.localtime() + datetime.timedelta(days=1)
    editor = open_page()
    log_in(editor, site, "publisher")
    editor.goto(site + f"/admin/press/pressrelease/{draft.pk}/change/")
    editor.fill("#id_published_at_0", f"{until:%Y-%m-%d}")
    editor.fill("#id_published_at_1", "14:00:00")
    mail.outbox.clear()
    editor.click("#action-embargo")
    editor.locator(".messagelist .success", has_text="is under embargo until").wait_for()
    assert "Under embargo until" in editor.locator(".release-state").inner_text()
    assert any(message.to == ["press@example.org"] for message in mail.outbox)

    # The journalist asks for a link at the press room's door, and follows it.
    journalist = open_page()
    journalist.goto(site + "/press-room/")
    assert serious_violations(journalist) == []
    mail.outbox.clear()
    journalist.fill("#id_email", "press@example.org")
    journalist.get_by_role("button", name="Send me a sign-in link").click()
    journalist.get_by_role("heading", name="Check your e-mail").wait_for()
    (message,) = mail.outbox
    link = re.search(r"http://\S+/press-room/link/\S+", message.body).group(0)
    journalist.goto(link)
    assert serious_violations(journalist) == []
    journalist.get_by_role("button", name="Sign in").click()
    journalist.wait_for_url("**/press-room/")
    assert serious_violations(journalist) == []
    journalist.get_by_role("link", name="Mission hands over archive").click()
    banner = journalist.locator(".embargo-banner").inner_text()
    assert f"EMBARGOED UNTIL 14:00 CET, {until.day} {until:%B %Y}" in banner
    assert journalist.locator("h1").inner_text() == "Mission hands over archive"
    assert serious_violations(journalist) == []
    assert EmbargoView.objects.filter(release=draft).count() == 1

    # A visitor trying its addresses early finds nothing.
    visitor = open_page()
    assert visitor.goto(site + draft.get_absolute_url()).status == 404
    visitor.goto(site + "/press-releases/")
    assert "Mission hands over archive" not in visitor.locator("main").inner_text()
    visitor.goto(site + f"/press-room/{draft.slug}/")
    assert "Mission hands over archive" not in visitor.locator("main").inner_text()
    assert visitor.get_by_role("button", name="Send me a sign-in link").count() == 1

    # The publisher sees who read it, and lifts the embargo: it is public at once.
    editor.reload()
    log = editor.locator(".embargo-log").inner_text()
    assert "read by journalists: 1 time" in log.lower() and "Jana Novak" in log
    editor.click("#action-lift-embargo")
    editor.locator(".messagelist .success", has_text="is live").wait_for()
    assert visitor.goto(site + draft.get_absolute_url()).status == 200
    draft.refresh_from_db()
    assert draft.is_public and draft.status == PressRelease.Status.PUBLISHED


def test_officer_finds_a_release_without_russian_and_starts_its_translation(site, open_page):
    page = open_page()
    log_in(page, site, "kosovo-officer")
    page.get_by_role("link", name="Translations to do").click()
    page.get_by_role("link", name=re.compile(r"^No Russian version")).click()
    page.wait_for_url("**language=ru**")
    row = page.locator(".translations-todo-table tbody tr").first
    title = row.locator("th a").inner_text()
    row.get_by_role("link", name="Add Russian").click()
    page.wait_for_url("**translation_of=**")
    assert page.input_value("#id_title") == title  # the text to translate, to start from
    assert page.input_value("#id_language") == "ru"
    page.fill("#id_title", "Перевод: " + title)
    page.click("#action-save-draft")
    page.locator(".messagelist .success", has_text="saved").wait_for()
    panel = page.locator(".translations-panel").inner_text()
    assert "This is the Russian translation of" in panel and title in panel
    original = PressRelease.objects.get(title=title)
    assert original.translations.get().language == "ru"


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
