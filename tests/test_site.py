"""Site-wide pages and rules: sitemap, robots.txt, the menu, error pages, query budgets."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate

from press.models import PressRelease, ReleaseImage
from taxonomy.models import Term
from tests.factories import make_country, make_release, make_structure, make_term, vocabulary

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_index_and_sections(client):
    release = make_release("Public", slug="public")
    make_release("Draft", slug="draft", status=PressRelease.Status.DRAFT)
    make_structure("Mission", slug="mission")
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert {s.rsplit("sitemap-", 1)[1] for s in sections} == {
        "pages.xml",
        "releases.xml",
        "terms.xml",
        "meetings.xml",
        "structures.xml",
    }

    releases = ET.fromstring(client.get("/sitemap-releases.xml").content)
    urls = {
        u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
        for u in releases.iter(f"{SITEMAP}url")
    }
    assert list(urls) == ["http://testserver/press-releases/public/"]
    lastmod = urls["http://testserver/press-releases/public/"]
    assert lastmod == localdate(release.updated_at).isoformat()  # the site's day, not UTC's

    structures = client.get("/sitemap-structures.xml").content.decode()
    assert "http://testserver/structures/mission/" in structures and "<lastmod>" in structures
    terms = client.get("/sitemap-terms.xml").content.decode()
    assert "http://testserver/fields-of-work/" in terms and "<lastmod>" in terms


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_base_page_has_landmarks_skip_link_and_one_h1(client, db):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    for landmark in (
        "<header",
        '<nav class="menu" aria-label="Main">',
        '<main id="main"',
        "<footer",
    ):
        assert landmark in html
    assert html.count("<h1") == 1


def test_menu_follows_tree_changes_at_once(client):
    field = make_term("Elections")
    assert "Elections" in client.get("/").content.decode()
    field.name = "Elections and referendums"
    field.save()
    assert "Elections and referendums" in client.get("/").content.decode()
    Term.objects.move_node(make_term("Arms control"), field, "left")
    html = client.get("/").content.decode()
    assert html.index("Arms control") < html.index("Elections and referendums")


def test_menu_is_cached_between_requests(client, django_assert_max_num_queries):
    make_term("Elections")
    client.get("/press-releases/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/press-releases/")
    assert not any('FROM "taxonomy_term"' in q["sql"] for q in queries)


def test_menu_labels_the_chairing_country_of_this_year(client):
    from structures.models import Chairpersonship

    switzerland = make_country("Switzerland", "CH")
    Chairpersonship.objects.create(
        year=datetime.date.today().year, country=switzerland, chairperson="X"
    )
    label = f"Switzerland – OSCE Chairpersonship {datetime.date.today().year}"
    assert label in client.get("/").content.decode()


def test_404_page_is_friendly(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html


# --- query budgets: fixed whatever the number of releases ----------------------------------


@pytest.fixture
def site():
    """Terms, a structure subtree and a country that releases are spread over."""
    austria = make_country("Austria", "AT")
    root = make_structure("Field operations", slug="field-operations", kind="information-page")
    return {
        "field": make_term("Elections", slug="elections"),
        "meeting": make_term(
            "Councils", parent=vocabulary("meetings"), kind="meeting-series", slug="councils"
        ),
        "austria": austria,
        "mission": make_structure("Mission", parent=root, slug="mission", host_country=austria),
    }


def add_releases(site, start, stop):
    for number in range(start, stop):
        release = make_release(
            f"Election news {number}", source=site["mission"], slug=f"r-{number}"
        )
        release.fields_of_work.add(site["field"])
        release.meetings.add(site["meeting"])
        release.countries.add(site["austria"])
        release.tags.add("water", f"tag {number}")
        ReleaseImage.objects.create(release=release, image=f"releases/{number}.jpg", alt_text="x")


PAGES = [
    "/",
    "/press-releases/",
    "/press-releases/?field=elections&country={austria}&source=field-operations&tag=water&year={year}",
    "/press-releases/?q=election",
    "/press-releases/r-3/",
    "/fields-of-work/",
    "/fields-of-work/elections/",
    "/meetings/councils/",
    "/countries/{austria}/",
    "/structures/",
    "/structures/field-operations/",
    "/structures/field-operations/mission/",
    "/tags/water/",
    "/search/?q=election",
    "/feeds/rss/",
    "/feeds/atom/countries/{austria}/",
    "/sitemap.xml",
    "/sitemap-releases.xml",
]
# Queries; cold = after an edit or in a new process. The list with all five filters takes 16
# warm on some data (which way its results are counted depends on how many match), the same
# number at any size.
COLD_BUDGET, WARM_BUDGET = 20, 16


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def cold_and_warm(client, url):
    """Queries with empty caches (a fresh process or just after an edit), then with warm ones."""
    cache.clear()
    return count_queries(client, url), count_queries(client, url)


@pytest.mark.parametrize("page", PAGES)
def test_query_budget_does_not_grow_with_the_data(client, site, page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count what rendering the page costs
    url = page.format(austria=site["austria"].slug, year=datetime.date.today().year)
    add_releases(site, 0, 5)
    at_five = cold_and_warm(client, url)
    add_releases(site, 5, 50)
    assert cold_and_warm(client, url) == at_five
    cold, warm = at_five
    assert cold <= COLD_BUDGET and warm <= WARM_BUDGET, (url, at_five)


# --- whole-page cache for anonymous visitors -----------------------------------------------------


def test_anonymous_pages_come_from_the_cache_until_something_changes(
    client, django_assert_num_queries
):
    release = make_release("First title", slug="cached")
    assert "First title" in client.get("/press-releases/cached/").content.decode()
    with django_assert_num_queries(0):
        assert "First title" in client.get("/press-releases/cached/").content.decode()
    release.title = "Second title"
    release.save()
    assert "Second title" in client.get("/press-releases/cached/").content.decode()


def test_tree_changes_refresh_cached_pages(client):
    field = make_term("Elections")
    assert "Elections" in client.get("/").content.decode()
    field.name = "Elections and referendums"
    field.save()
    assert "Elections and referendums" in client.get("/").content.decode()


def test_editors_never_get_a_cached_page(client, admin_user):
    make_release("Public", slug="public")
    client.get("/press-releases/public/")  # cached for visitors
    client.force_login(admin_user)
    response = client.get("/press-releases/public/")
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert not response.has_header("xkey")


def test_conditional_get_answers_304_without_rendering(client, django_assert_num_queries):
    make_release("Public", slug="public")
    etag = client.get("/press-releases/public/")["ETag"]
    with django_assert_num_queries(0):
        assert client.get("/press-releases/public/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_uploads_are_served_only_where_nothing_in_front_serves_them(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "forum.jpg").write_bytes(b"\xff\xd8\xff\xe0 a picture")
    (tmp_path.parent / "secret.txt").write_text("not for visitors")

    settings.SERVE_MEDIA = False
    assert client.get("/media/releases/forum.jpg").status_code == 404

    settings.SERVE_MEDIA = True
    picture = client.get("/media/releases/forum.jpg")
    assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
    assert client.get("/media/releases/missing.jpg").status_code == 404
    for escape in ("/media/../secret.txt", "/media/%2e%2e/secret.txt"):
        assert client.get(escape).status_code in (400, 404)


def test_uploads_are_kept_a_year_whatever_the_language(client, settings, tmp_path):
    settings.MEDIA_ROOT, settings.SERVE_MEDIA = tmp_path, True
    (tmp_path / "forum.jpg").write_bytes(b"\xff\xd8\xff\xe0 a picture")
    picture = client.get("/media/forum.jpg", HTTP_ACCEPT_LANGUAGE="ru")
    assert "max-age=31536000" in picture["Cache-Control"]
    assert "public" in picture["Cache-Control"]
    assert "Accept-Language" not in picture.get("Vary", "")
    assert client.head("/media/forum.jpg").status_code == 200


def test_an_address_with_a_nul_character_gets_the_sites_400_page(client):
    for address in ("/search/?q=%00", "/press-releases/a%00b/"):
        response = client.get(address)
        assert response.status_code == 400
        assert "<h1>Bad request</h1>" in response.content.decode()


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_a_media_name_too_long_for_any_file_system_is_not_found(client, settings, length):
    settings.SERVE_MEDIA = True
    assert client.get("/media/" + "a" * length).status_code == 404
    assert client.get("/media/releases/" + "é" * length + ".jpg").status_code == 404


def test_head_works_wherever_get_does(client, settings, tmp_path):
    settings.MEDIA_ROOT, settings.SERVE_MEDIA = tmp_path, True
    (tmp_path / "forum.jpg").write_bytes(b"\xff\xd8\xff\xe0 a picture")
    for url in ("/media/forum.jpg", "/robots.txt", "/healthz", "/", "/feeds/rss/"):
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.getvalue() == b"", url
