"""Two editors on one release at once, in a real browser: the second save, from a form
opened before the first, is refused and shows what changed; nothing is lost."""

import pytest

from press.models import PressRelease
from tests.e2e.test_editor import log_in

pytestmark = pytest.mark.e2e


def test_the_second_editor_sees_what_changed_and_loses_nothing(site, open_page):
    release = PressRelease.objects.order_by("pk").first()
    old_title, old_summary = release.title, release.summary
    change = site + f"/admin/press/pressrelease/{release.pk}/change/"
    first, second = open_page(), open_page()
    log_in(first, site, "admin")
    log_in(second, site, "publisher")
    first.goto(change)
    second.goto(change)

    first.fill("#id_summary", "A summary written by the first editor.")
    first.check("#id_change_kind_0")  # a minor correction
    first.click("#action-save")
    first.wait_for_selector(".messagelist .success")
    second.fill("#id_title", "A title from the second editor")
    second.check("#id_change_kind_0")
    second.click("#action-save")

    conflict = second.locator(".errorlist .edit-conflict")
    conflict.wait_for()
    assert "by admin" in conflict.inner_text()
    summary_row = conflict.locator("tr.edit-conflict-summary td")
    assert summary_row.all_inner_texts() == [old_summary, "A summary written by the first editor."]
    title_row = conflict.locator("tr.edit-conflict-title td")
    assert title_row.all_inner_texts() == ["A title from the second editor", old_title]
    assert second.input_value("#id_title") == "A title from the second editor"
    release.refresh_from_db()
    assert (release.title, release.summary) == (old_title, "A summary written by the first editor.")

    # The second editor keeps the first one's summary and saves their own title over it.
    second.fill("#id_summary", summary_row.nth(1).inner_text())
    second.check("#id_edit_overwrite")
    second.click("#action-save")
    second.wait_for_selector(".messagelist .success")
    release.refresh_from_db()
    assert (release.title, release.summary) == (
        "A title from the second editor",
        "A summary written by the first editor.",
    )
