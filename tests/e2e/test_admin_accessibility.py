"""The admin pages a press officer and a publisher use, checked with axe (WCAG 2.2 AA):
no critical or serious finding."""

import pytest
import reversion
from axe_playwright_python.sync_playwright import Axe
from reversion.models import Version

from press.models import PressRelease
from structures.models import Structure
from taxonomy.models import Term
from tests.e2e.test_editor import log_in

pytestmark = pytest.mark.e2e
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def serious_findings(page):
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def officer_pages(release, version_ids):
    return [
        "/admin/",
        "/admin/press/pressrelease/",
        "/admin/press/pressrelease/add/",
        "/admin/press/contact/add/",
        "/admin/press/pressrelease/translations/",
        "/admin/press/journalist/",
        f"/admin/press/pressrelease/{release.pk}/change/",
        f"/admin/press/pressrelease/{release.pk}/history/",
        f"/admin/press/pressrelease/{release.pk}/history/compare/?version_id1={version_ids[1]}"
        f"&version_id2={version_ids[0]}",
    ]


def tree_pages():
    term = Term.objects.get(slug="elections")
    structure = Structure.objects.get(slug="mission-in-kosovo")
    return [
        "/admin/taxonomy/term/",
        f"/admin/taxonomy/term/{term.pk}/change/",
        "/admin/structures/structure/",
        "/admin/events/event/",
        "/admin/events/event/add/",
        f"/admin/structures/structure/{structure.pk}/change/",
    ]


@pytest.mark.parametrize("username", ["kosovo-officer", "admin"])
def test_admin_pages_have_no_serious_accessibility_findings(site, open_page, username):
    release = PressRelease.objects.filter(source__slug="mission-in-kosovo").first()
    with reversion.create_revision():  # a second revision, to compare with the first
        release.title += " (edited)"
        release.save()
    versions = list(Version.objects.get_for_object(release).values_list("pk", flat=True))
    page = open_page()
    log_in(page, site, username)
    pages = officer_pages(release, versions)
    if username == "admin":  # restoring a live release's version; the trees
        pages += [f"/admin/press/pressrelease/{release.pk}/history/{versions[1]}/", *tree_pages()]
    found = {}
    for path in pages:
        page.goto(site + path)
        serious = serious_findings(page)
        if serious:
            found[path] = serious
    assert found == {}


def test_every_control_of_the_body_editor_has_a_name(site, open_page):
    page = open_page()
    log_in(page, site, "kosovo-officer")
    page.goto(site + "/admin/press/pressrelease/add/")
    editor = page.get_by_role("textbox", name="Body (required)")
    assert editor.get_attribute("contenteditable") == "true"
    toolbar = page.locator(".prose-menubar button")
    assert toolbar.count() > 10
    unnamed = toolbar.evaluate_all(
        "buttons => buttons.filter(b => !(b.getAttribute('aria-label') || b.textContent.trim()))"
        ".map(b => b.outerHTML)"
    )
    assert unnamed == []


def test_the_body_editors_text_style_shows_its_name_and_works_by_keyboard(site, open_page):
    page = open_page()
    log_in(page, site, "kosovo-officer")
    page.goto(site + "/admin/press/pressrelease/add/")
    editor = page.get_by_role("textbox", name="Body (required)")
    editor.click()
    page.keyboard.type("Programme of the visit")
    style = page.locator(".prose-menubar__selected button")
    shown = style.evaluate("b => getComputedStyle(b, '::after').content")
    assert shown.strip('"').lower() == "paragraph"  # a word beside the icon
    style.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # into the list of styles: Heading 2 first
    page.keyboard.press("Enter")
    assert editor.inner_html() == "<h2>Programme of the visit</h2>"
