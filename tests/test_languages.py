"""An address per language: English at the root, Russian under /ru/; a switcher on every
page that leads to the same page in the other language (on a release, to its translation
or, when there is none, to the list, saying so); hreflang alternates that name each other;
Accept-Language chooses nothing."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taxonomy.models import Term
from tests.factories import make_release, make_term
from tests.html import main_content

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html):
    nav = html.split('<nav class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav))


@pytest.fixture
def pages():
    field = make_term("Elections", slug="elections")
    release = make_release("Observers deploy", slug="observers-deploy")
    release.fields_of_work.add(field)
    release.tags.add("Observation")
    return {
        "home": "/",
        "list": "/press-releases/",
        "release": release.get_absolute_url(),
        "field": field.get_absolute_url(),
        "tag": "/tags/observation/",
        "search": "/search/?q=observers",
        "structures": "/structures/",
    }


SITE_LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]
PREFIXES = {code: "" if code == "en" else f"/{code}" for code in SITE_LANGUAGES}


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_page_type_has_an_address_in_each_language(client, pages, language):
    for name, url in pages.items():
        if name == "release":
            continue  # an English release has its one address: below
        response = client.get(PREFIXES[language] + url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, url
        found = alternates(html)
        expected_path = url.split("?", 1)[0]
        assert found == {
            **{
                code: f"http://testserver{prefix}{expected_path}"
                for code, prefix in PREFIXES.items()
            },
            "x-default": f"http://testserver{expected_path}",
        }, url


def test_the_browsers_language_chooses_nothing(client, pages):
    response = client.get("/press-releases/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


def test_alternates_name_each_language_and_each_other(client, pages):
    english = alternates(client.get("/press-releases/?page=1").content.decode())
    russian = alternates(client.get("/ru/press-releases/").content.decode())
    expected = {
        **{code: f"http://testserver{prefix}/press-releases/" for code, prefix in PREFIXES.items()},
        "x-default": "http://testserver/press-releases/",
    }
    assert english == russian == expected


def test_the_switcher_keeps_the_filters(client, pages):
    html = client.get("/press-releases/?field=elections").content.decode()
    assert switcher(html) == {
        f"{prefix}/press-releases/?field=elections": code
        for code, prefix in PREFIXES.items()
        if code != "en"
    }
    assert '<span aria-current="true" lang="en">English</span>' in html


def test_a_release_offers_its_translation_or_says_there_is_none(client, pages):
    original = make_release("Talks resume", slug="talks-resume")
    make_release("Переговоры", slug="peregovory", language="ru", translation_of=original)
    html = client.get("/press-releases/talks-resume/").content.decode()
    assert switcher(html)["/ru/press-releases/peregovory/"] == "ru"
    assert switcher(html)["/fr/press-releases/"] == "fr"  # not translated into French
    alone = client.get(pages["release"]).content.decode()
    assert switcher(alone) == {
        f"{prefix}/press-releases/": code for code, prefix in PREFIXES.items() if code != "en"
    }
    assert "this release is not translated: the list of press releases" in alone


def test_a_release_at_another_languages_address_moves_to_its_own(client, pages):
    response = client.get("/ru/press-releases/observers-deploy/")
    assert (response.status_code, response.url) == (301, "/press-releases/observers-deploy/")


def test_lists_in_russian_link_releases_at_their_own_addresses(client, pages):
    make_release("Выборы", slug="vybory", language="ru")
    html = main_content(client.get("/ru/press-releases/?language=all"))
    assert 'href="/ru/press-releases/vybory/"' in html
    assert 'href="/press-releases/observers-deploy/"' in html


def test_sitemaps_name_each_language(client, pages):
    xml = client.get("/sitemap-terms.xml").content.decode()
    assert 'hreflang="ru" href="http://testserver/ru/fields-of-work/elections/"' in xml
    assert 'hreflang="x-default" href="http://testserver/fields-of-work/elections/"' in xml


def test_the_language_changes_no_query_count(client, pages, no_cache):
    twin = make_release("Наблюдатели", slug="nabliudateli", language="ru")
    twin.fields_of_work.add(Term.objects.get(slug="elections"))
    twin.tags.add("Observation")
    for url in ("/press-releases/", "/fields-of-work/elections/", "/"):
        counts = []
        for prefix in ("", "/ru"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(prefix + url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], url


def test_the_admin_has_an_address_per_language(admin_client):
    russian = admin_client.get("/ru/admin/").content.decode()
    assert '<html lang="ru"' in russian
    assert '<a href="/admin/" hreflang="en" lang="en">English</a>' in russian
    assert admin_client.get("/admin/").status_code == 200
