"""Lists and feeds per language: a page in a language lists the releases in that language,
each marked with its own `lang`, with a visible way to every language (language=all); the
counts of the language facet are what its links show."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from press.models import PressRelease
from tests.factories import make_release, make_term
from tests.html import main_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases():
    field = make_term("Elections", slug="elections")
    english = make_release("Observers deploy", slug="observers-deploy")
    russian = make_release("Наблюдатели прибыли", slug="nabliudateli", language="ru")
    french = make_release("Les observateurs arrivent", slug="observateurs", language="fr")
    for release in (english, russian, french):
        release.fields_of_work.add(field)
        release.tags.add("Observation")
    return field


def titles(response):
    html = main_content(response)
    return {
        title
        for title in ("Observers deploy", "Наблюдатели прибыли", "Les observateurs arrivent")
        if title in html
    }


def test_a_list_shows_the_releases_in_its_language(client, releases):
    assert titles(client.get("/press-releases/")) == {"Observers deploy"}
    assert titles(client.get("/ru/press-releases/")) == {"Наблюдатели прибыли"}


def test_the_list_says_so_and_links_every_language(client, releases):
    html = main_content(client.get("/ru/press-releases/"))
    assert 'href="/ru/press-releases/?language=all"' in html
    every = client.get("/ru/press-releases/?language=all")
    assert len(titles(every)) == 3
    assert 'href="/ru/press-releases/" hreflang="ru"' in main_content(every)


def test_another_language_can_be_chosen_and_its_count_is_what_it_shows(client, releases):
    html = main_content(client.get("/ru/press-releases/"))
    facet = html.split("<summary>", 1)[1].split("</details>", 1)[0]
    assert 'href="?language=fr"><span lang="fr">français</span> <span class="count">1' in facet
    assert titles(client.get("/ru/press-releases/?language=fr")) == {"Les observateurs arrivent"}


def test_an_unknown_language_is_ignored(client, releases):
    response = client.get("/ru/press-releases/?language=xx")
    assert response.status_code == 200
    assert titles(response) == {"Наблюдатели прибыли"}


def test_term_and_tag_pages_list_their_language(client, releases):
    assert titles(client.get("/ru/fields-of-work/elections/")) == {"Наблюдатели прибыли"}
    assert titles(client.get("/tags/observation/")) == {"Observers deploy"}
    assert len(titles(client.get("/fields-of-work/elections/?language=all"))) == 3


def test_a_search_finds_in_the_pages_language_unless_asked_for_all(client, releases):
    assert titles(client.get("/ru/search/?q=observers")) == set()
    assert titles(client.get("/ru/search/?q=observers&language=all")) == {"Observers deploy"}


def test_feeds_per_language(client, releases):
    russian = client.get("/ru/feeds/rss/").content.decode()
    assert "Наблюдатели прибыли" in russian and "Observers deploy" not in russian
    assert "<language>ru</language>" in russian
    english = client.get("/feeds/atom/").content.decode()
    assert "Observers deploy" in english and "Наблюдатели" not in english
    scoped = client.get("/ru/feeds/rss/fields-of-work/elections/").content.decode()
    assert "Наблюдатели прибыли" in scoped and "Observers deploy" not in scoped


def test_the_home_page_lists_its_language_or_says_it_has_none(client, releases):
    assert titles(client.get("/ru/")) == {"Наблюдатели прибыли"}
    PressRelease.objects.filter(language="ru").delete()
    home = client.get("/ru/")
    assert len(titles(home)) == 2  # every language, and it says so
    assert 'class="language-scope"' in main_content(home)


def test_each_item_says_its_language(client, releases):
    html = main_content(client.get("/press-releases/?language=all"))
    assert 'lang="ru">Наблюдатели прибыли</a>' in html
    assert 'lang="fr">Les observateurs arrivent</a>' in html


def test_the_facets_count_the_releases_in_the_lists_language(client, releases):
    def field_count(url):
        html = main_content(client.get(url))
        return re.search(r'field=elections">Elections <span class="count">(\d+)', html)[1]

    assert field_count("/ru/press-releases/") == "1"
    assert field_count("/ru/press-releases/?language=all") == "3"
    assert field_count("/press-releases/?language=fr") == "1"


def test_a_list_in_a_language_with_a_filter_reads_its_counts_as_one_filter(
    client, releases, no_cache, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as everywhere:
        client.get("/press-releases/?field=elections&language=all")
    with django_assert_max_num_queries(len(everywhere)):
        client.get("/ru/press-releases/?field=elections")
