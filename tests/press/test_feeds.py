import html
import xml.etree.ElementTree as ET

import pytest

from press.models import PressRelease
from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def releases():
    field = make_term("Elections", slug="elections")
    austria = make_country("Austria", "AT")
    mission = make_structure("Mission", slug="mission")
    first = make_release("Observers deploy", source=mission, summary="They deploy.")
    first.fields_of_work.add(field)
    first.tags.add("water")
    second = make_release("Austria hosts meeting")
    second.countries.add(austria)
    make_release("Draft", status=PressRelease.Status.DRAFT)
    return {"field": field, "austria": austria, "mission": mission}


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    for element in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.find(element) is not None, element
    return channel.findall("item")


def test_rss_of_all_releases_has_the_required_elements(client, releases):
    items = rss_items(client.get("/feeds/rss/"))
    assert [item.findtext("title") for item in items] == [
        "Observers deploy",
        "Austria hosts meeting",
    ]
    first = items[0]
    assert first.findtext("link").startswith("http://testserver/press-releases/")
    assert first.findtext("description") == "They deploy."
    assert first.findtext("pubDate")
    assert first.findtext("guid")
    assert [c.text for c in first.findall("category")] == ["Elections"]


def test_atom_of_all_releases(client, releases):
    response = client.get("/feeds/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "OSCE press releases"
    assert feed.findtext(f"{ATOM}updated")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for element in ("title", "id", "updated", "published", "summary"):
        assert entries[0].find(f"{ATOM}{element}") is not None, element
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://testserver/")


@pytest.mark.parametrize(
    "path, expected",
    [
        ("fields-of-work/elections", ["Observers deploy"]),
        ("countries/{austria}", ["Austria hosts meeting"]),
        ("structures/mission", ["Observers deploy"]),
        ("tags/water", ["Observers deploy"]),
    ],
)
def test_scoped_feeds(client, releases, path, expected):
    path = path.format(austria=releases["austria"].slug)
    items = rss_items(client.get(f"/feeds/rss/{path}/"))
    assert [item.findtext("title") for item in items] == expected
    atom = ET.fromstring(client.get(f"/feeds/atom/{path}/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == expected


@pytest.mark.parametrize(
    "path",
    ["/feeds/rss/planets/earth/", "/feeds/rss/tags/no-such-tag/", "/feeds/atom/countries/x/"],
)
def test_unknown_feed_is_404(client, releases, path):
    assert client.get(path).status_code == 404


def test_pages_link_their_feeds(client, releases):
    html = client.get("/fields-of-work/elections/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/atom/fields-of-work/elections/"' in html


# A summary is plain text: feed readers that render HTML must show markup in it as text.
MARKUP = '<img src=x onerror="alert(1)"> & <b>bold</b>'


def test_rss_sends_a_summary_as_text_not_markup(client):
    make_release("Observed", summary=MARKUP)
    description = rss_items(client.get("/feeds/rss/"))[0].findtext("description")
    assert "<" not in description
    assert html.unescape(description) == MARKUP


def test_atom_sends_a_summary_as_text_not_markup(client):
    make_release("Observed", summary=MARKUP)
    entry = ET.fromstring(client.get("/feeds/atom/").content).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html" and "<" not in summary.text
    assert html.unescape(summary.text) == MARKUP
