"""Control characters (Word's vertical tab, \\x01, ...) never reach the database, and the
feeds survive those that got there anyway."""

import xml.etree.ElementTree as ET

import pytest
from taggit.models import Tag

from osce_site.text import strip_controls
from press.models import Contact, PressRelease
from structures.models import Structure
from taxonomy.models import Term
from tests.factories import make_release, make_structure, make_term

pytestmark = pytest.mark.django_db
CONTROLS = "".join(chr(n) for n in range(32) if chr(n) not in "\t\n\r")


def test_controls_are_removed_and_text_stays():
    assert strip_controls("a\x01b\tc\nd\re\x1f") == "ab\tc\nd\re"


def test_a_vertical_tab_separates_words_as_a_space():
    assert strip_controls("Line\x0bbreak") == "Line break"


def test_a_release_is_stored_without_control_characters():
    release = make_release(f"Title{CONTROLS}", summary="Summary\x0bwith\x01break")
    release.refresh_from_db()
    assert (release.title, release.summary) == ("Title  ", "Summary withbreak")


def test_trees_are_stored_without_control_characters():
    term = make_term("Elec\x01tions")
    structure = make_structure("Mis\x02sion", description="A\x0cB")
    assert Term.objects.get(pk=term.pk).name == "Elections"
    assert Structure.objects.get(pk=structure.pk).description == "A B"


def test_tags_and_contacts_are_stored_without_control_characters():
    tag = Tag.objects.create(name="wa\x07ter")
    contact = Contact.objects.create(name="Ann\x08", email="ann@example.org")
    assert Tag.objects.get(pk=tag.pk).name == "water"
    assert Contact.objects.get(pk=contact.pk).name == "Ann"


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/feeds/rss/structures/mission/"])
def test_feeds_survive_control_characters_stored_by_any_path(client, url):
    release = make_release("Observed", source=make_structure("Mission", slug="mission"))
    # update() skips save(): what an older version or a raw SQL import could have left
    # (all but NUL, which PostgreSQL refuses to store).
    stored = CONTROLS.replace("\x00", "")
    PressRelease.objects.filter(pk=release.pk).update(
        title=f"Ob\x0bserved{stored}", summary=f"Sum\x01mary{stored}"
    )
    response = client.get(url)
    assert response.status_code == 200
    ET.fromstring(response.content)  # well-formed XML
    assert b"Ob served" in response.content
