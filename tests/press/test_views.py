"""The public release pages, through the test client, as an anonymous visitor."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import Contact, PressRelease, ReleaseImage
from press.search import search
from structures.models import Structure
from tests.factories import make_country, make_release, make_structure, make_term
from tests.html import assert_inert, facet_values, main_content, release_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two fields (one under the other), two countries, a mission under a parent body."""
    elections = make_term("Elections", slug="elections")
    observation = make_term("Election observation", parent=elections, slug="observation")
    youth = make_term("Youth", slug="youth")
    austria = make_country("Austria", "AT")
    kazakhstan = make_country("Kazakhstan", "KZ")
    operations = make_structure(
        "Field operations", slug="field-operations", kind="information-page"
    )
    mission = make_structure("Mission to Kazakhstan", parent=operations, slug="mission-kz")
    odihr = make_structure("ODIHR", slug="odihr", kind="institution")
    return {
        "elections": elections,
        "observation": observation,
        "youth": youth,
        "austria": austria,
        "kazakhstan": kazakhstan,
        "operations": operations,
        "mission": mission,
        "odihr": odihr,
    }


def release_in(world, title, *, source="odihr", fields=(), countries=(), tags=(), **kwargs):
    release = make_release(title, source=world[source], **kwargs)
    release.fields_of_work.set([world[f] for f in fields])
    release.countries.set([world[c] for c in countries])
    release.tags.set(list(tags))
    return release


# --- the home page ------------------------------------------------------------------------


def test_home_features_one_release_and_lists_the_latest_others(client, world):
    now = timezone.now()
    for day in range(10):
        release_in(world, f"R{day}", published_at=now - datetime.timedelta(days=day))
    PressRelease.objects.filter(title="R1").update(featured=True)
    html = main_content(client.get("/"))
    featured = html.split('<section class="featured"', 1)[1].split("</section>")[0]
    assert ">R1</a></h2>" in featured
    latest = html.split('id="latest-title"', 1)[1].split("</section>")[0]
    titles = re.findall(r'class="release-item-title"><a href="[^"]*"[^>]*>(.*?)</a>', latest)
    assert titles == ["R0", "R2", "R3", "R4", "R5", "R6", "R7", "R8"]
    assert 'href="/press-releases/">All press releases' in latest


# --- the list -----------------------------------------------------------------------------


def test_list_is_newest_first_and_paginated_by_twenty(client, world):
    for day in range(25):
        release_in(world, f"R{day:02}", published_at=timezone.now() - datetime.timedelta(days=day))
    first = client.get("/press-releases/")
    assert release_titles(first) == [f"R{day:02}" for day in range(20)]
    second = client.get("/press-releases/?page=2")
    assert release_titles(second) == [f"R{day:02}" for day in range(20, 25)]
    assert 'rel="next" href="?page=2"' in first.content.decode()


def test_list_item_shows_date_place_source_fields_and_summary(client, world):
    release_in(
        world,
        "Observers deploy",
        fields=["elections"],
        place="ASTANA",
        summary="Observers deployed today.",
        published_at=datetime.datetime(2019, 6, 3, 10, tzinfo=datetime.UTC),
    )
    html = client.get("/press-releases/").content.decode()
    for text in ["3 June 2019", "Astana", "ODIHR", "Elections", "Observers deployed today."]:
        assert text in html


def test_drafts_and_scheduled_releases_are_invisible(client, world):
    release_in(world, "Public")
    release_in(world, "Draft", status=PressRelease.Status.DRAFT, slug="draft")
    release_in(
        world, "Later", published_at=timezone.now() + datetime.timedelta(days=1), slug="later"
    )
    assert release_titles(client.get("/press-releases/")) == ["Public"]
    assert client.get("/press-releases/draft/").status_code == 404
    assert client.get("/press-releases/later/").status_code == 404
    assert "Later" not in client.get("/feeds/rss/").content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("field=elections", ["Field child", "Field"]),  # the field and its subtree
        ("field=observation", ["Field child"]),
        ("country=kazakhstan-{kz}", ["Country"]),
        ("source=field-operations", ["Mission"]),  # the structure and its subtree
        ("source=mission-kz", ["Mission"]),
        ("tag=water", ["Field", "Tagged"]),
        ("year=2001", ["Old"]),
        ("q=turbines", ["Searched"]),
        ("field=elections&year=2001", []),
        ("field=elections&tag=water", ["Field"]),
    ],
)
def test_each_filter_and_their_combination(client, world, query, expected):
    now = timezone.now()
    release_in(
        world,
        "Field",
        fields=["elections"],
        tags=["water"],
        published_at=now - datetime.timedelta(days=1),
    )
    release_in(world, "Field child", fields=["observation"], published_at=now)
    release_in(
        world, "Country", countries=["kazakhstan"], published_at=now - datetime.timedelta(days=2)
    )
    release_in(world, "Mission", source="mission", published_at=now - datetime.timedelta(days=3))
    release_in(world, "Tagged", tags=["water"], published_at=now - datetime.timedelta(days=4))
    release_in(world, "Old", published_at=datetime.datetime(2001, 5, 5, tzinfo=datetime.UTC))
    release_in(
        world,
        "Searched",
        body="<p>Wind turbines</p>",
        published_at=now - datetime.timedelta(days=5),
    )
    query = query.replace("kazakhstan-{kz}", world["kazakhstan"].slug)
    response = client.get(f"/press-releases/?{query}")
    assert response.status_code == 200
    assert release_titles(response) == expected


def test_facet_counts_describe_the_current_results(client, world):
    release_in(world, "A", fields=["elections"], countries=["austria"], tags=["water"])
    release_in(world, "B", fields=["elections", "youth"], countries=["austria"])
    release_in(world, "C", fields=["youth"], countries=["kazakhstan"])
    facets = facet_values(client.get("/press-releases/?country=" + world["austria"].slug))
    counts = {
        title: {label: v[0] for label, v in values.items()} for title, values in facets.items()
    }
    assert counts["Field of work"] == {"Elections": 2, "Youth": 1}
    # The chosen facet counts what choosing another of its values would show instead.
    assert counts["Country"] == {"Austria": 2, "Kazakhstan": 1}
    assert counts["Tag"] == {"water": 1}
    assert counts["Source"] == {"ODIHR": 2}
    assert sum(counts["Year"].values()) == 2


def test_each_facet_count_is_what_its_link_shows(client, world):
    this_year = timezone.now()
    last_year = this_year - datetime.timedelta(days=400)
    release_in(world, "A", fields=["elections"], countries=["austria"], tags=["water"])
    release_in(world, "B", fields=["elections", "youth"], countries=["austria"], tags=["water"])
    release_in(world, "C", fields=["youth"], countries=["kazakhstan"], published_at=last_year)
    release_in(world, "D", fields=["elections"], countries=["kazakhstan"], tags=["water"])
    release_in(world, "E", source="mission", countries=["austria"], published_at=last_year)
    release_in(world, "F", fields=["youth"], countries=["austria"], tags=["water", "air"])
    austria = world["austria"].slug
    for query in [
        "",
        f"?country={austria}",
        f"?field=elections&country={austria}",
        f"?tag=water&year={this_year.year}",
        f"?year={last_year.year}&q=release",
    ]:
        page = client.get("/press-releases/" + query)
        shown = len(release_titles(page))
        for title, values in facet_values(page).items():
            for label, (count, url, selected) in values.items():
                if selected:
                    assert count == shown, (query, title, label)
                else:
                    followed = len(release_titles(client.get("/press-releases/" + url)))
                    assert count == followed, (query, title, label, url)


def test_facet_link_selects_and_selected_link_removes(client, world):
    release_in(world, "A", fields=["elections"], tags=["water"])
    facets = facet_values(client.get("/press-releases/?tag=water"))
    assert facets["Field of work"]["Elections"] == (1, "?tag=water&field=elections", False)
    assert facets["Tag"]["water"] == (1, "?", True)


def test_filtered_links_are_shareable_and_keep_filters_across_pages(client, world):
    for n in range(21):
        release_in(world, f"E{n}", fields=["elections"])
    html = client.get("/press-releases/?field=elections").content.decode()
    assert 'href="?field=elections&amp;page=2"' in html


@pytest.mark.parametrize(
    "query, status",
    [
        ("page=abc", 404),
        ("page=0", 404),
        ("page=999999", 404),
        ("page=-1", 404),
        ("year=abcd", 200),
        ("year=99999", 200),
        ("year=", 200),
        ("field=no-such-field", 200),
        ("country=elections", 200),  # a slug of another vocabulary
        ("source=%ff%fe", 200),
        ("source=%00", 400),
        ("q=a%00b", 400),
        ("tag=" + "x" * 5000, 200),
        ("q=" + "election " * 3000, 200),
        ("q=%22%27%3C%3E%26%21%21", 200),
        ("field=elections&field=youth&field=", 200),
        ("page=1&page=2", 404),  # the last value counts, and there is one page
        ("year=2001&year=abcd", 200),
    ],
)
def test_bad_input_never_fails(client, world, query, status):
    release_in(world, "A", fields=["elections"])
    assert client.get(f"/press-releases/?{query}").status_code == status


def test_unknown_filter_value_is_ignored(client, world):
    release_in(world, "A", fields=["elections"])
    response = client.get("/press-releases/?field=no-such-field&year=abcd")
    assert release_titles(response) == ["A"]
    assert response.context["filters"].params == {}


def test_list_query_never_selects_the_body(client, world):
    release_in(world, "A", fields=["elections"])
    with CaptureQueriesContext(connection) as queries:
        client.get("/press-releases/")
    release_selects = [q["sql"] for q in queries if 'FROM "press_pressrelease"' in q["sql"]]
    assert release_selects
    assert not any(
        '"press_pressrelease"."body"' in sql.split(" FROM ")[0] for sql in release_selects
    )


# --- one release ----------------------------------------------------------------------------


@pytest.fixture
def full_release(world):
    release = release_in(
        world,
        "Chairman-in-Office says Kazakhstan election points to need to open up political life",
        source="mission",
        fields=["elections", "youth"],
        countries=["kazakhstan"],
        tags=["election observation"],
        place="LJUBLJANA",
        slug="seed-release",
        published_at=datetime.datetime(2005, 12, 5, 13, tzinfo=datetime.UTC),
        summary="The Chairman-in-Office responded to the observers.",
        body="<p>Observers <strong>deployed</strong>.</p>",
    )
    ReleaseImage.objects.create(
        release=release,
        image="releases/demo/card.jpg",
        alt_text="Title card",
        caption="Observers at work",
        credit="OSCE/Jane Doe",
    )
    release.contacts.add(Contact.objects.create(name="Anna Berger", email="anna@example.org"))
    return release


def test_release_page_shows_everything(client, full_release):
    html = client.get("/press-releases/seed-release/").content.decode()
    assert re.search(r"<dt>Date:</dt><dd><time[^>]*>5 December 2005</time>", html)
    assert "<dt>Place:</dt><dd>Ljubljana</dd>" in html  # as lists and feeds write it
    assert "<dt>Source:</dt>" in html and "Mission to Kazakhstan" in html
    assert re.search(r"Fields of work:</dt><dd>.*Elections.*Youth", html)
    assert "<p>Observers <strong>deployed</strong>.</p>" in html
    for text in [
        'alt="Title card"',
        "Observers at work",
        "OSCE/Jane Doe",
        "Kazakhstan",
        "election observation",
        "Anna Berger",
        "mailto:anna@example.org",
    ]:
        assert text in html


def test_release_page_metadata_for_search_engines_and_sharing(client, full_release):
    html = client.get("/press-releases/seed-release/").content.decode()
    assert '<link rel="canonical" href="http://testserver/press-releases/seed-release/">' in html
    assert '<meta property="og:title" content="Chairman-in-Office says Kazakhstan' in html
    assert 'og:image" content="http://testserver/media/releases/demo/card.jpg"' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"].startswith("2005-12-05")
    assert data["author"]["name"] == "Mission to Kazakhstan"
    assert data["dateline"] == "LJUBLJANA"


def test_a_printed_release_names_the_organisation_and_its_address(client, world, full_release):
    html = main_content(client.get("/press-releases/seed-release/"))
    printed = re.findall(r'<p class="print-only">(.*?)</p>', html)
    assert printed == [
        "OSCE · Organization for Security and Co-operation in Europe",
        "http://testserver/press-releases/seed-release/",
    ]


def test_release_page_lists_up_to_five_related_releases(client, world, full_release):
    for n in range(7):
        release_in(world, f"Shares a country {n}", countries=["kazakhstan"])
    release_in(world, "Unrelated", source="odihr")
    page = client.get("/press-releases/seed-release/")
    section = main_content(page).split('<section class="related"', 1)[1].split("</section>")[0]
    pattern = r'<a href="(/press-releases/[^"]+/)" lang="en">Shares a country \d</a>'
    links = re.findall(pattern, section)
    assert len(links) == 5 and section.count("<a ") == 5
    assert all(client.get(link).status_code == 200 for link in links)


def test_related_releases_are_in_the_releases_language(client, world, full_release):
    release_in(world, "Shares a country", countries=["kazakhstan"])
    release_in(world, "Делит страну", countries=["kazakhstan"], language="ru", slug="delit")
    section = main_content(client.get("/press-releases/seed-release/"))
    section = section.split('<section class="related"', 1)[1].split("</section>")[0]
    assert "Shares a country" in section and "Делит страну" not in section


def test_release_from_a_closed_structure_says_so(client, world, full_release):
    successor = make_structure("Programme Office", slug="programme-office")
    Structure.objects.filter(pk=world["mission"].pk).update(
        established=datetime.date(1998, 1, 1),
        closed=datetime.date(2007, 6, 30),
        succeeded_by=successor,
    )
    html = client.get("/press-releases/seed-release/").content.decode()
    assert "which closed in 2007" in html
    assert "its work continues at the" in html and "Programme Office" in html


def test_release_page_answers_conditional_get(client, full_release):
    first = client.get("/press-releases/seed-release/")
    etag = first["ETag"]
    again = client.get("/press-releases/seed-release/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    full_release.title = "Changed"
    full_release.save()
    assert client.get("/press-releases/seed-release/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_unknown_release_is_404(client, db):
    assert client.get("/press-releases/no-such-release/").status_code == 404
    assert "Page not found" in client.get("/press-releases/no-such-release/").content.decode()


def test_body_title_and_tags_are_served_inert(client, world):
    release_in(
        world,
        '<script>alert("t")</script>',
        tags=['<img src=x onerror="alert(1)">'],
        body='<p>ok</p><script>alert("b")</script><img src=x onerror="alert(2)">',
        slug="hostile",
    )
    html = client.get("/press-releases/hostile/").content.decode()
    assert_inert(html)
    assert "&lt;script&gt;alert" in html
    assert_inert(client.get("/press-releases/").content.decode())
    assert_inert(client.get("/feeds/rss/").content.decode())


# --- search ---------------------------------------------------------------------------------


def test_search_finds_ranks_and_marks_words(client, world):
    release_in(world, "Wind turbines everywhere", body="<p>Turbines turn.</p>", slug="wind")
    release_in(world, "Water", body="<p>Rivers and a single turbine.</p>", slug="water")
    release_in(world, "Unrelated", slug="unrelated")
    response = client.get("/search/?q=turbines")
    found = release_titles(response)
    assert found[0] == "Wind turbines everywhere"
    assert "Unrelated" not in found
    if connection.vendor == "postgresql":
        assert "Water" in found  # stemming: turbine ~ turbines
        assert "<mark>Turbines</mark>" in response.content.decode()


# Accents fold through PostgreSQL's unaccent; the SQLite fallback matches them as typed.
POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="accent folding needs PostgreSQL's unaccent"
)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("council", ["Council meets", "Council meets in Malta"]),
        ("council -malta", ["Council meets"]),
        ('"meets in malta"', ["Council meets in Malta"]),
        ('"malta meets"', []),
        ("war", ["War crimes trial"]),  # not "award" nor "towards"
        ("strong", []),  # the body's <strong> markup is no word of the text
        ("türkiye", ["Türkiye hosts talks"]),
        pytest.param("pristina", ["Office in Priština"], marks=POSTGRESQL_ONLY),
        pytest.param("Priština", ["Office in Priština"], marks=POSTGRESQL_ONLY),
        ("TÜRKIYE", ["Türkiye hosts talks"]),
    ],
)
def test_search_understands_phrases_exclusions_and_whole_words(client, world, query, expected):
    release_in(world, "Council meets", body="<p>The <strong>council</strong> met.</p>", slug="a")
    release_in(world, "Council meets in Malta", slug="b")
    release_in(world, "War crimes trial", slug="c")
    release_in(world, "Media award", summary="A step towards free media.", slug="d")
    release_in(world, "Türkiye hosts talks", slug="e")
    release_in(world, "Office in Priština", slug="f")
    response = client.get("/search/", {"q": query})
    assert sorted(release_titles(response)) == expected


STEMMED_IN_ITS_LANGUAGE = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL's text search"
)


@STEMMED_IN_ITS_LANGUAGE
@pytest.mark.parametrize(
    "language, body, query",
    [
        ("ru", "<p>Миссия наблюдала за парламентскими выборами в стране.</p>", "выборах"),
        ("ru", "<p>Мирный процесс продолжается.</p>", "мирного"),
        ("fr", "<p>Les observateurs ont suivi les élections législatives.</p>", "election"),
        ("de", "<p>Die Mission beobachtete die Wahlen im Land.</p>", "Wahl"),
        ("it", "<p>La missione ha osservato le elezioni parlamentari.</p>", "elezione"),
        ("es", "<p>La misión observó las elecciones presidenciales.</p>", "elección"),
    ],
)
def test_each_release_is_found_by_inflected_words_of_its_own_language(
    client, world, language, body, query
):
    release_in(world, "Found", body=body, language=language, slug="found")
    release_in(world, "Other", body="<p>Budget talks.</p>", slug="other")
    response = client.get(f"/{language}/search/", {"q": query})  # a reader of that language
    assert release_titles(response) == ["Found"]
    assert "<mark>" in main_content(response)  # the excerpt marks the words of its language


@STEMMED_IN_ITS_LANGUAGE
def test_changing_a_releases_language_stems_it_again(world):
    release = release_in(world, "Выборы", body="<p>Выборы прошли спокойно.</p>", slug="r")
    assert list(search(PressRelease.objects.all(), "выборах")) == []  # stemmed as English
    release.language = "ru"
    release.save(update_fields=["language"])
    assert list(search(PressRelease.objects.all(), "выборах")) == [release]


def test_search_without_results_says_so_once_and_offers_a_way_on(client, world):
    release_in(world, "Council meets")
    content = main_content(client.get("/search/", {"q": "zanzibar"}))
    assert "0 results for “zanzibar”" in content
    assert "Nothing matched" in content and 'href="/press-releases/"' in content
    assert "No press releases match" not in content and 'class="facets"' not in content


def test_search_combines_with_filters(client, world):
    release_in(world, "Turbines in Austria", countries=["austria"], slug="a")
    release_in(world, "Turbines in Kazakhstan", countries=["kazakhstan"], slug="b")
    response = client.get(f"/search/?q=turbines&country={world['austria'].slug}")
    assert release_titles(response) == ["Turbines in Austria"]


@pytest.mark.parametrize("q", ["", "   ", "!!!", "%3Cscript%3E", "a" * 100_000, "'\"();--"])
def test_empty_or_absurd_search_gives_a_helpful_page(client, world, q):
    release_in(world, "Something")
    response = client.get(f"/search/?q={q}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_search_query_is_never_reflected_unescaped(client, world):
    release_in(world, "Something")
    html = client.get('/search/?q=<script>alert("x")</script>&field=<b>').content.decode()
    assert_inert(html)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


# --- tags -------------------------------------------------------------------------------------


def test_tag_page_lists_its_releases(client, world):
    release_in(world, "Tagged", tags=["water"])
    release_in(world, "Other")
    response = client.get("/tags/water/")
    assert release_titles(response) == ["Tagged"]
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_list_items_say_the_language_of_their_title_and_summary(client, world):
    release_in(world, "Выборы в парламенте", language="ru", slug="vybory")
    html = main_content(client.get("/press-releases/?language=all"))
    assert 'href="/ru/press-releases/vybory/" lang="ru">Выборы в парламенте</a>' in html
    assert '<p class="release-item-summary" lang="ru">' in html
