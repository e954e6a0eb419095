"""The front cache (deploy/varnish.vcl) with a real varnishd, in front of test pages that
follow the app's side of the contract (tests/frontcache/pages.py)."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from .helpers import seconds_until
from .pages import FETCHES, PAGES, Page

pytestmark = pytest.mark.usefixtures("front_cache")


def url(name, query=""):
    return f"/frontcache-test/{name}/" + (f"?{query}" if query else "")


# Purges


def test_an_edit_is_visible_within_a_second_of_its_purge(front_cache):
    PAGES["release"] = Page("first version", keys=("release-1", "releases"))
    front_cache.cached(url("release"))
    PAGES["release"].body = "edited"
    front_cache.purge(["release-1"])
    assert seconds_until(front_cache, url("release"), lambda r: "edited" in r.text) < 1.0


def test_a_hard_purged_page_is_gone_at_the_next_request(front_cache):
    PAGES["release"] = Page("published", keys=("release-1",))
    front_cache.cached(url("release"))
    PAGES["release"] = Page("withdrawn", keys=("release-1",), status=404)
    front_cache.purge(["release-1"], hard=True)
    assert front_cache.get(url("release")).status == 404


def test_a_page_of_other_keys_stays_a_hit_after_a_purge(front_cache):
    PAGES["release"] = Page("one", keys=("release-1", "term-4"))
    PAGES["other"] = Page("two", keys=("release-2", "term-5"))
    front_cache.cached(url("release"))
    front_cache.cached(url("other"))
    front_cache.purge(["release-1", "term-4"])
    front_cache.purge(["release-1"], hard=True)
    assert front_cache.get(url("other")).x_cache == "HIT"


def test_a_purge_reaches_every_page_with_the_key(front_cache):
    PAGES["list"] = Page("list v1", keys=("releases", "release-1"))
    PAGES["home"] = Page("home v1", keys=("home", "release-1"))
    front_cache.cached(url("list"))
    front_cache.cached(url("home"))
    front_cache.purge(["release-1"], hard=True)
    assert [front_cache.get(url(n)).x_cache for n in ("list", "home")] == ["MISS", "MISS"]


def test_a_soft_purged_page_is_served_stale_while_one_request_rebuilds_it(front_cache):
    PAGES["list"] = Page("old list", keys=("releases",))
    front_cache.cached(url("list"))
    fetches = FETCHES["list"]
    PAGES["list"] = Page("new list", keys=("releases",), delay=1.5)
    front_cache.purge(["releases"])
    during = [front_cache.get(url("list")) for _ in range(5)]
    assert [(r.x_cache, "old list" in r.text, r.seconds < 0.5) for r in during] == [
        ("HIT-STALE", True, True)
    ] * 5
    seconds_until(front_cache, url("list"), lambda r: "new list" in r.text)
    assert FETCHES["list"] - fetches == 1


def test_purges_are_refused_from_outside_the_acl(front_cache):
    PAGES["release"] = Page("published", keys=("release-1",))
    front_cache.cached(url("release"))
    refused = front_cache.get(
        "/", {"xkey-purge-hard": "release-1"}, method="PURGE", source_address=("127.0.0.2", 0)
    )
    assert (refused.status, front_cache.get(url("release")).x_cache) == (403, "HIT")


def test_a_purge_without_keys_is_refused(front_cache):
    assert front_cache.get("/", method="PURGE").status == 400


def test_a_purge_reports_how_many_objects_it_touched(front_cache):
    PAGES["counted"] = Page("published", keys=("counted-key",))  # in no other test's pages
    front_cache.cached(url("counted"))
    response = front_cache.get("/", {"xkey-purge": "counted-key nothing"}, method="PURGE")
    assert response.headers["xkey-purged"] == "1"


# What is stored, and what splits it


def test_cookies_do_not_split_the_cache_nor_reach_the_app(front_cache):
    PAGES["page"] = Page("public")
    front_cache.cached(url("page"))
    response = front_cache.get(url("page"), {"Cookie": "csrftoken=abc; _ga=GA1.2.3"})
    assert (response.x_cache, FETCHES["page"], "cookie=\n" in response.text) == ("HIT", 1, True)


def test_unknown_query_parameters_do_not_split_the_cache(front_cache):
    PAGES["list"] = Page("list")
    front_cache.get(url("list", "year=2024&field=security"))
    for query in (
        "field=security&year=2024",
        "utm_source=mail&year=2024&fbclid=x&field=security",
        "year=2024&junk=1&field=security&gclid=y&q=",
    ):
        assert front_cache.get(url("list", query)).x_cache == "HIT", query
    assert FETCHES["list"] == 1


def test_the_app_sees_only_known_parameters_sorted(front_cache):
    PAGES["list"] = Page("list")
    response = front_cache.get(url("list", "utm_campaign=x&page=2&field=security&p=&tag=t"))
    assert "query=field=security&page=2&tag=t\n" in response.text


def test_junk_query_strings_share_the_page_without_them(front_cache):
    PAGES["list"] = Page("list")
    front_cache.cached(url("list"))
    assert front_cache.get(url("list", "x=1&cachebuster=2")).x_cache == "HIT"


def test_a_repeated_parameter_is_passed_unsorted(front_cache):
    """The app reads the last value: sorting `tag=b&tag=a` would show tag b instead of a."""
    PAGES["list"] = Page("list")
    response = front_cache.get(url("list", "tag=b&tag=a"))
    assert (response.x_cache, "query=tag=b&tag=a\n" in response.text) == ("PASS", True)


def test_accept_language_neither_reaches_the_app_nor_splits_the_cache(front_cache):
    """Each language has its own addresses (/ru/...): browsers' languages choose nothing."""
    PAGES["page"] = Page("page")
    first = front_cache.cached(url("page"), {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"})
    other = front_cache.get(url("page"), {"Accept-Language": "fr-FR,de;q=0.5"})
    assert (first.text.endswith("language="), other.x_cache) == (True, "HIT")


def test_a_signed_in_editor_bypasses_the_cache(front_cache):
    PAGES["page"] = Page("public")
    front_cache.cached(url("page"))
    client = Client()
    client.force_login(get_user_model().objects.create_user("editor", password="x"))
    cookie = f"csrftoken=abc; sessionid={client.cookies['sessionid'].value}"
    editor = front_cache.get(url("page"), {"Cookie": cookie})
    assert (editor.x_cache, editor.text) == ("PASS", "editor's view of page")


def test_an_editors_page_is_never_served_to_visitors(front_cache):
    PAGES["page"] = Page("public")
    client = Client()
    client.force_login(get_user_model().objects.create_user("editor", password="x"))
    front_cache.get(url("page"), {"Cookie": f"sessionid={client.cookies['sessionid'].value}"})
    visitor = front_cache.get(url("page"))
    assert (visitor.x_cache, visitor.text.startswith("public")) == ("MISS", True)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/press-releases/preview/1/",
        "/preview/token/",
        "/admin/login/?next=/",
        "/press-room/",
        "/press-room/a-release-under-embargo/",
    ],
)
def test_the_admin_previews_and_the_press_room_are_passed(front_cache, path):
    front_cache.get(path)
    assert front_cache.get(path).x_cache == "PASS"


@pytest.mark.parametrize(
    "spec",
    [
        Page("private", cache_control="private, no-cache"),
        Page("no s-maxage", cache_control="public, max-age=0, must-revalidate"),
        Page("no cache-control", cache_control=""),
        Page("with a cookie", set_cookie=True),
        Page("an error", status=500),
        Page("a redirect", status=302),
    ],
    ids=lambda spec: spec.body,
)
def test_only_pages_marked_shared_are_stored(front_cache, spec):
    PAGES["page"] = spec
    front_cache.get(url("page"))
    fetches = FETCHES["page"]
    front_cache.get(url("page"))
    assert FETCHES["page"] > fetches


def test_an_error_page_of_the_app_is_shown(front_cache):
    PAGES["page"] = Page("an error", status=500)
    response = front_cache.get(url("page"))
    assert (response.status, response.text.startswith("an error")) == (500, True)


@pytest.mark.parametrize("status", [200, 301, 404, 410])
def test_shared_answers_of_these_statuses_are_stored(front_cache, status):
    PAGES["page"] = Page("answer", status=status)
    front_cache.get(url("page"))
    assert front_cache.get(url("page")).x_cache == "HIT"


def test_s_maxage_is_the_lifetime_in_the_cache(front_cache):
    PAGES["page"] = Page("short", cache_control="public, max-age=0, s-maxage=1")
    front_cache.cached(url("page"))
    time.sleep(1.2)  # past s-maxage: served stale once in grace while it is fetched again
    front_cache.get(url("page"))
    time.sleep(0.2)
    assert FETCHES["page"] == 2


def test_visitors_see_neither_the_keys_nor_s_maxage(front_cache):
    PAGES["page"] = Page("page", keys=("release-1",))
    response = front_cache.cached(url("page"))
    assert (response.headers.get("xkey"), response.headers["Cache-Control"]) == (
        None,
        "public, max-age=0",
    )


def test_pages_are_gzipped_for_clients_that_accept_it(front_cache):
    PAGES["page"] = Page("page " * 200)
    front_cache.get(url("page"))
    response = front_cache.get(url("page"), {"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_static_files_are_cached_whatever_the_cookies_and_query(front_cache):
    front_cache.get("/static/favicon.svg")
    response = front_cache.get("/static/favicon.svg?v=2", {"Cookie": "sessionid=x"})
    assert (response.status, response.x_cache) == (200, "HIT")


def test_a_stale_page_is_served_while_the_app_fails(front_cache):
    PAGES["page"] = Page("last good copy", cache_control="public, max-age=0, s-maxage=1")
    front_cache.cached(url("page"))
    PAGES["page"] = Page("down", status=503)
    time.sleep(11.5)  # past s-maxage and the 10 s grace of a healthy app
    response = front_cache.get(url("page"))
    assert (response.status, response.text.startswith("last good copy")) == (200, True)


def test_the_case_of_the_host_does_not_split_the_cache(front_cache):
    PAGES["page"] = Page("page")
    front_cache.cached(url("page"), {"Host": "localhost"})
    assert front_cache.get(url("page"), {"Host": "LocalHost"}).x_cache == "HIT"
