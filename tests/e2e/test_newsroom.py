"""The press office's checks in a real browser: a dateline that disagrees with the place is
flagged on save and found again in the list."""

import pytest

from tests.e2e.test_editor import log_in
from tests.e2e.test_publishing import tab_to

pytestmark = pytest.mark.e2e


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
