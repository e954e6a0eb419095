"""Editors in the admin, in a real browser: writing, publishing, and the rights per structure."""

import io
import re

import pytest
from PIL import Image

from press.models import PressRelease

pytestmark = pytest.mark.e2e


def log_in(page, site, username):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", username)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def choose(page, field, text, typed=None):
    """Pick `text` in an admin autocomplete (select2) field, after typing `typed` (`text`
    itself by default)."""
    page.locator(f".field-{field} .select2-container").click()
    # Type into select2's own search box once it is open: keys pressed before it has the
    # focus would be lost, and the unfiltered first page of results may not hold `text`.
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(typed or text)
    option = page.locator(
        ".select2-container--open .select2-results__option:not(.loading-results)", has_text=text
    ).first
    option.click()


def picture_file(tmp_path, name, size):
    """A JPEG of this size, as a photographer would upload it."""
    picture = tmp_path / name
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d6a96").save(buffer, "JPEG")
    picture.write_bytes(buffer.getvalue())
    return picture


def test_editor_writes_and_publishes_a_release_that_visitors_then_read(site, open_page, tmp_path):
    picture = picture_file(tmp_path, "forum.jpg", (1400, 800))

    page = open_page()
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    log_in(page, site, "admin")
    page.get_by_role("link", name="Write a press release").click()
    page.fill("#id_title", "Youth forum in Prizren discusses community safety")
    page.dispatch_event("#id_title", "change")  # the admin fills the slug on change
    assert page.input_value("#id_slug") == "youth-forum-in-prizren-discusses-community-safety"
    page.fill("#id_summary", "Young people from Prizren met to discuss safety.")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("The forum brought together ")
    page.keyboard.press("Control+b")
    page.keyboard.type("forty")
    page.keyboard.press("Control+b")
    page.keyboard.type(" young people.")
    page.fill("#id_place", "PRIZREN")
    choose(page, "source", "Mission in Kosovo")
    choose(page, "fields_of_work", "Youth")
    choose(page, "countries", "Serbia")
    choose(page, "tags", "youth (", typed="yout")  # an existing tag, suggested with its count
    choose(page, "tags", "New tag: community safety", typed="community safety")
    assert page.input_value("#id_tags") == 'youth, "community safety"'
    page.locator("#images-group .add-row a").click()
    page.set_input_files("#id_images-0-image", str(picture))
    # Without alt text the browser keeps the form, and the chosen image, on the page.
    page.click("#action-publish")
    assert page.locator("#id_images-0-alt_text:invalid").count() == 1
    assert page.url.endswith("/admin/press/pressrelease/add/")
    assert page.input_value("#id_images-0-image").endswith("forum.jpg")
    page.fill("#id_images-0-alt_text", "Participants of the forum around a table")
    page.fill("#id_images-0-caption", "The forum in Prizren")
    page.click("#action-publish")
    page.locator(".messagelist .success", has_text="is live").wait_for()
    page.wait_for_load_state("load")
    assert len(loads) == 4  # sign-in, dashboard, form, the form again with the result

    release = PressRelease.objects.get(slug="youth-forum-in-prizren-discusses-community-safety")
    assert "<strong>forty</strong>" in release.body
    assert set(release.tags.names()) == {"youth", "community safety"}

    visitor = open_page()
    visitor.goto(site + release.get_absolute_url())
    assert visitor.locator("h1").inner_text() == release.title
    assert visitor.locator(".release-body strong").inner_text() == "forty"
    assert visitor.locator(".release-meta", has_text="Mission in Kosovo").count() == 1
    assert visitor.locator("picture source[type='image/webp']").count() == 1
    assert visitor.locator("img[alt='Participants of the forum around a table']").count() == 1
    visitor.goto(site + "/press-releases/")
    assert visitor.locator(".release-item-title", has_text="Youth forum in Prizren").count() == 1


def test_press_officer_cannot_reach_another_structures_release(site, open_page):
    page = open_page()
    log_in(page, site, "kosovo-officer")
    page.goto(site + "/admin/press/pressrelease/")
    sources = page.locator("td.field-source_label").all_inner_texts()
    assert sources and set(sources) == {"Mission in Kosovo"}

    other = PressRelease.objects.exclude(source__slug="mission-in-kosovo").first()
    page.goto(site + f"/admin/press/pressrelease/{other.pk}/change/")
    assert re.search(r"/admin/$", page.url)
    assert page.locator(".messagelist", has_text="doesn’t exist").count() == 1
    preview = page.goto(site + f"/press-releases/preview/{other.pk}/")
    assert preview.status == 403
    page.goto(site + "/admin/press/pressrelease/add/")
    options = page.locator("#id_source option").all_inner_texts()
    assert [o for o in options if o.strip("-")] == ["Mission in Kosovo"]
