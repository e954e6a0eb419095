"""A press office's day in a real browser: an officer writes, previews and submits a release
by keyboard alone, a publisher finds it on the dashboard and publishes it; a publisher
schedules and withdraws."""

import datetime

import pytest
from django.utils import timezone

from press.models import PressRelease
from structures.models import Structure
from tests.e2e.test_editor import log_in, picture_file
from tests.factories import make_release

pytestmark = pytest.mark.e2e


def tab_to(page, selector, key="Tab", limit=200):
    """Press Tab (or `key`) until the focused element matches `selector`, as a keyboard
    user would."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} never reached by keyboard")


def test_officer_submits_by_keyboard_and_the_publisher_publishes_it(site, open_page):
    officer = open_page()
    log_in(officer, site, "kosovo-officer")
    officer.get_by_role("link", name="Write a press release").click()
    officer.focus("#id_title")
    officer.keyboard.type("Mission trains municipal officials in Gjilan")
    tab_to(officer, "#id_summary")
    officer.keyboard.type("Officials from Gjilan were trained in open local government.")
    tab_to(officer, ".ProseMirror[contenteditable=true]")
    officer.keyboard.type("Twenty officials took part in ")
    officer.keyboard.press("Control+b")
    officer.keyboard.type("three days")
    officer.keyboard.press("Control+b")
    officer.keyboard.type(" of training.")
    tab_to(officer, "#id_source")
    officer.keyboard.press("ArrowDown")  # their only structure, after the empty choice
    assert officer.locator("#id_source option:checked").inner_text() == "Mission in Kosovo"
    tab_to(officer, "#action-preview")
    with officer.expect_popup() as opened:
        officer.keyboard.press("Enter")  # before saving anything
    preview = opened.value
    assert preview.locator("h1").inner_text() == "Mission trains municipal officials in Gjilan"
    assert preview.locator(".release-body strong").inner_text() == "three days"
    assert not PressRelease.objects.filter(title__startswith="Mission trains").exists()
    officer.bring_to_front()
    tab_to(officer, "#action-submit", key="Shift+Tab")
    officer.keyboard.press("Enter")
    officer.locator(".messagelist .success", has_text="submitted for publication").wait_for()
    assert "Publishers told: publisher" in officer.locator(".messagelist").inner_text()
    release = PressRelease.objects.get(title="Mission trains municipal officials in Gjilan")
    assert release.status == PressRelease.Status.DRAFT and release.submitted_at is not None
    assert "<strong>three days</strong>" in release.body

    publisher = open_page()
    log_in(publisher, site, "publisher")
    waiting = publisher.locator("#panel-submitted")
    assert "by kosovo-officer" in waiting.inner_text()
    # By keyboard too: from the dashboard's row to the Publish button.
    tab_to(publisher, f'#panel-submitted a[href$="/{release.pk}/change/"]')
    publisher.keyboard.press("Enter")
    publisher.wait_for_url(f"**/pressrelease/{release.pk}/change/")
    tab_to(publisher, "#action-publish")
    publisher.keyboard.press("Enter")
    publisher.locator(".messagelist .success", has_text="is live").wait_for()
    publisher.locator(".messagelist").get_by_role("link", name="its public page").click()
    assert publisher.locator("h1").inner_text() == release.title
    release.refresh_from_db()
    assert release.is_public and release.submitted_at is None


def test_publisher_schedules_a_draft_for_tomorrow(site, open_page):
    kosovo = Structure.objects.get(slug="mission-in-kosovo")
    draft = make_release("Donor conference announced", source=kosovo, status="draft")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page = open_page()
    log_in(page, site, "publisher")
    page.goto(site + f"/admin/press/pressrelease/{draft.pk}/change/")
    page.fill("#id_title", "Donor conference in Pristina announced")
    with page.expect_popup() as opened:
        page.click("#action-preview")
    preview = opened.value
    assert preview.locator("h1").inner_text() == "Donor conference in Pristina announced"
    assert "Preview" in preview.locator(".preview-banner").inner_text()
    page.focus("#id_title")
    page.keyboard.press("Enter")  # Enter in a field saves the draft; it publishes nothing
    page.locator(".messagelist .success", has_text="Draft “Donor conference").wait_for()
    draft.refresh_from_db()
    assert draft.status == PressRelease.Status.DRAFT
    page.click("#action-schedule")  # the draft is dated in the past
    error = page.locator(".field-published_at .errorlist")
    assert error.inner_text() == "Give a future date and time to schedule the release."
    page.fill("#id_published_at_0", f"{tomorrow:%Y-%m-%d}")
    page.fill("#id_published_at_1", "09:00:00")
    page.click("#action-schedule")
    page.locator(".messagelist .success", has_text="is scheduled").wait_for()
    assert "Scheduled for" in page.locator(".release-state").inner_text()
    visitor = open_page()
    assert visitor.goto(site + draft.get_absolute_url()).status == 404


def test_publisher_withdraws_a_release_with_a_public_reason_by_keyboard(site, open_page):
    live = PressRelease.objects.published().order_by("-published_at").first()
    page = open_page()
    log_in(page, site, "publisher")
    page.goto(site + f"/admin/press/pressrelease/{live.pk}/change/")
    reason = page.locator("#id_withdrawal_reason")
    assert not reason.is_visible()  # it belongs to the Withdraw button
    tab_to(page, "#action-withdraw")  # by keyboard: the reason opens and takes the focus
    page.keyboard.press("Enter")
    assert reason.is_visible()
    assert page.evaluate("document.activeElement.id") == "id_withdrawal_reason"
    page.keyboard.type("The meeting it announced was cancelled.")
    tab_to(page, "#action-withdraw")
    page.keyboard.press("Enter")
    page.locator(".messagelist .success", has_text="is withdrawn").wait_for()

    visitor = open_page()
    visitor.goto(site + live.get_absolute_url())
    assert "The meeting it announced was cancelled." in visitor.locator(".notice").inner_text()


def test_a_chosen_image_is_kept_when_the_form_comes_back_with_an_error(site, open_page, tmp_path):
    picture = picture_file(tmp_path, "training.jpg", (900, 600))
    page = open_page()
    log_in(page, site, "kosovo-officer")
    page.goto(site + "/admin/press/pressrelease/add/")
    page.fill("#id_summary", "Officials were trained.")  # no title yet, nor a body
    page.locator("#images-group .add-row a").click()
    page.set_input_files("#id_images-0-image", str(picture))
    page.fill("#id_images-0-alt_text", "Officials at the training")
    page.click("#action-save-draft")
    page.locator(".errornote").wait_for()
    kept = page.locator("#images-0 .field-image").inner_text()
    assert "Kept from your last attempt: training.jpg" in kept

    page.fill("#id_title", "Officials trained in Gjilan")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Twenty officials took part.")
    page.select_option("#id_source", label="Mission in Kosovo")
    page.click("#action-save-draft")
    page.locator(".messagelist .success", has_text="saved").wait_for()
    image = PressRelease.objects.get(title="Officials trained in Gjilan").images.get()
    assert (image.width, image.alt_text) == (900, "Officials at the training")


def test_editor_compares_two_versions_and_restores_the_earlier(site, open_page):
    release = PressRelease.objects.filter(source__slug="mission-in-kosovo").first()
    first_title = release.title
    page = open_page()
    log_in(page, site, "publisher")
    page.goto(site + f"/admin/press/pressrelease/{release.pk}/change/")
    page.fill("#id_title", "A title with a mistake")
    page.check("#id_change_kind_0")  # minor: readers are not told
    page.click("#action-save")
    page.locator(".messagelist .success").wait_for()

    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Compare the chosen versions").click()
    changes = page.locator("#content-main").inner_text()
    assert first_title in changes and "A title with a mistake" in changes

    page.go_back()
    page.locator("#change-history tbody tr").last.get_by_role("link").click()  # the first version
    assert page.input_value("#id_title") == first_title
    assert "it becomes the newest version" in page.locator(".release-state").inner_text()
    page.check("#id_change_kind_0")
    page.get_by_role("button", name="Restore this version").click()
    page.locator(".messagelist .success").wait_for()
    release.refresh_from_db()
    assert release.title == first_title and release.is_public


def test_publisher_tells_readers_what_changed_in_a_published_release(site, open_page):
    live = PressRelease.objects.published().filter(language="en").order_by("-published_at").first()
    page = open_page()
    log_in(page, site, "publisher")
    page.goto(site + f"/admin/press/pressrelease/{live.pk}/change/")
    page.fill("#id_summary", live.summary + " The visit is on 5 May.")
    page.click("#action-save")
    error = page.locator(".field-change_kind .errorlist")
    assert error.inner_text() == "Say whether readers should know of this change."
    page.get_by_label("A change readers should know about").check()
    page.fill("#id_change_note", "Added the date of the visit.")
    page.click("#action-save")
    page.locator(".messagelist .success").wait_for()

    visitor = open_page()
    visitor.goto(site + live.get_absolute_url())
    notes = visitor.locator(".change-notes")
    assert notes.locator("h2").inner_text().startswith("Updated ")
    assert "Added the date of the visit." in notes.inner_text()
