"""The page cache and its purges (osce_site/cache.py): what each response says it shows, what
a change makes stale, grace while one request rebuilds, and the purges sent to the front
caches."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from osce_site import cache as page_cache
from press import services
from press.models import PressRelease
from tests.factories import make_release, make_structure, make_term

pytestmark = pytest.mark.django_db


def keys_of(response):
    return set(response["xkey"].split())


def is_cache_hit(client, url, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(url)
    return True


@pytest.fixture
def release():
    field = make_term("Elections", slug="elections")
    release = make_release("Election observed", slug="observed")
    release.fields_of_work.add(field)
    release.tags.add("water")
    return release


# --- what a response says it shows ----------------------------------------------------------


def test_a_release_page_names_the_release_its_tags_and_the_trees(client, release):
    response = client.get("/press-releases/observed/")
    tag = release.tags.get()
    assert {"trees", f"pressrelease-{release.pk}", f"tag-{tag.pk}"} <= keys_of(response)
    assert "s-maxage=3600" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_list_pages_name_the_lists(client, release):
    for url in ("/", "/press-releases/", "/search/?q=election", "/feeds/rss/", "/sitemap.xml"):
        assert "lists" in keys_of(client.get(url)), url


def test_term_structure_and_tag_pages_name_their_node(client, release):
    field = release.fields_of_work.get()
    tag = release.tags.get()
    assert f"term-{field.pk}" in keys_of(client.get(field.get_absolute_url()))
    source_page = client.get(release.source.get_absolute_url())
    assert f"structure-{release.source_id}" in keys_of(source_page)
    assert f"tag-{tag.pk}" in keys_of(client.get(f"/tags/{tag.slug}/"))
    assert f"term-{field.pk}" in keys_of(client.get(f"/feeds/rss/fields-of-work/{field.slug}/"))


def test_lists_expire_when_the_next_scheduled_release_goes_live(client, release):
    make_release("Later", slug="later", published_at=timezone.now() + datetime.timedelta(minutes=5))
    cache_control = client.get("/press-releases/")["Cache-Control"]
    seconds = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 290 <= seconds <= 300


def test_a_scheduled_release_appears_in_cached_lists_at_its_time(client, release, settings):
    soon = make_release("Soon", slug="soon", published_at=timezone.now() + datetime.timedelta(1))
    assert "Soon" not in client.get("/press-releases/").content.decode()
    PressRelease.objects.filter(pk=soon.pk).update(published_at=timezone.now())  # time passes
    page_cache_entry_expires_now(settings)
    assert "Soon" in client.get("/press-releases/").content.decode()


def page_cache_entry_expires_now(settings):
    """Moves the stored pages' expiry into the past, as waiting would."""
    from django.core.cache import cache

    for key in list(cache._cache):  # the test settings' LocMemCache
        name = key.split(":", 2)[-1]
        page = cache.get(name)
        if isinstance(page, page_cache.StoredPage) and page.expires:
            page.expires -= 10 * 86400
            cache.set(name, page)


def test_editors_and_previews_are_never_stored(client, admin_user, release):
    client.force_login(admin_user)
    response = client.get("/press-releases/observed/")
    assert "private" in response["Cache-Control"]
    assert not response.has_header("xkey")
    preview = client.get(f"/press-releases/preview/{release.pk}/")
    assert "s-maxage" not in preview["Cache-Control"]


def test_not_found_pages_are_not_stored(client, db):
    response = client.get("/press-releases/nothing/")
    assert response.status_code == 404
    assert "s-maxage" not in response.get("Cache-Control", "")


# --- what a change makes stale ---------------------------------------------------------------


def test_an_edit_refreshes_the_release_and_the_lists(client, release):
    client.get("/press-releases/observed/"), client.get("/press-releases/")
    release.title = "Election observed again"
    release.save()
    assert "observed again" in client.get("/press-releases/observed/").content.decode()
    assert "observed again" in client.get("/press-releases/").content.decode()


def test_an_edit_leaves_unrelated_pages_in_the_cache(client, release, django_assert_num_queries):
    other = make_release("Other", slug="other", source=make_structure("Elsewhere"))
    client.get("/press-releases/other/")
    release.title = "Changed"
    release.save()
    assert is_cache_hit(client, "/press-releases/other/", django_assert_num_queries)
    assert other.title in client.get("/press-releases/other/").content.decode()


def test_a_new_classification_refreshes_the_terms_page(client, release):
    field = make_term("Gender equality", slug="gender")
    assert "Election observed" not in client.get(field.get_absolute_url()).content.decode()
    release.fields_of_work.add(field)
    assert "Election observed" in client.get(field.get_absolute_url()).content.decode()
    release.fields_of_work.remove(field)
    assert "Election observed" not in client.get(field.get_absolute_url()).content.decode()


def test_a_parent_terms_page_follows_its_childrens_releases(client, release):
    parent = make_term("Democratization", slug="democratization")
    child = make_term("Elections in depth", parent=parent, slug="depth")
    client.get(parent.get_absolute_url())
    release.fields_of_work.add(child)
    assert "Election observed" in client.get(parent.get_absolute_url()).content.decode()


def test_a_retitled_release_is_refreshed_where_it_is_related(client, release):
    neighbour = make_release("Neighbour", slug="neighbour", source=release.source)
    assert "Election observed" in client.get("/press-releases/neighbour/").content.decode()
    release.title = "Renamed release"
    release.save()
    assert "Renamed release" in client.get("/press-releases/neighbour/").content.decode()
    assert neighbour.pk


def test_a_tree_change_refreshes_every_page(client, release):
    client.get("/press-releases/observed/")
    field = release.fields_of_work.get()
    field.name = "Elections and referendums"
    field.save()
    assert "Elections and referendums" in client.get("/press-releases/observed/").content.decode()


# --- grace, and what must be gone at once -----------------------------------------------------


def test_while_one_request_rebuilds_others_get_the_previous_copy(client, release):
    client.get("/press-releases/observed/")
    release.title = "New title"
    release.save()
    name = stored_page_name("/press-releases/observed/")
    assert page_cache._claim_rebuild(name)  # another request is rebuilding it
    assert "Election observed" in client.get("/press-releases/observed/").content.decode()


def test_a_withdrawn_release_leaves_lists_at_once_even_while_rebuilding(client, release):
    client.get("/press-releases/")
    release.status = PressRelease.Status.WITHDRAWN
    release.withdrawal_reason = "Issued in error."
    release.save()
    page_cache._claim_rebuild(stored_page_name("/press-releases/"))
    assert "Election observed" not in client.get("/press-releases/").content.decode()


def test_an_unpublished_release_is_gone_at_once(client, release):
    client.get("/press-releases/observed/")
    services.unpublish(PressRelease.objects.filter(pk=release.pk))
    page_cache._claim_rebuild(stored_page_name("/press-releases/observed/"))
    assert client.get("/press-releases/observed/").status_code == 404


def test_grace_ends(client, release, monkeypatch):
    client.get("/press-releases/observed/")
    release.title = "New title"
    release.save()
    page_cache._claim_rebuild(stored_page_name("/press-releases/observed/"))
    monkeypatch.setattr(page_cache, "GRACE_SECONDS", 0)
    assert "New title" in client.get("/press-releases/observed/").content.decode()


def stored_page_name(url):
    from django.test import RequestFactory
    from django.utils import translation

    with translation.override("en"):
        return page_cache._page_name(RequestFactory().get(url))


# --- bounded entries -------------------------------------------------------------------------


def test_unknown_query_parameters_share_the_page(client, release, django_assert_num_queries):
    client.get("/press-releases/?utm_source=1")
    assert is_cache_hit(client, "/press-releases/?utm_source=2&fbclid=x", django_assert_num_queries)
    assert is_cache_hit(client, "/press-releases/", django_assert_num_queries)


# --- front caches ----------------------------------------------------------------------------


@pytest.fixture
def front_cache(settings):
    """A stand-in HTTP cache that records the purges it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the method's name
            received.append({name.lower(): value for name, value in self.headers.items()})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{server.server_port}"]
    yield received
    server.shutdown()


def test_front_caches_hear_of_a_change_once_it_is_committed(
    release, front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release.title = "Changed"
        release.save()
        assert front_cache == []
    for callback in callbacks:
        callback()
    assert len(front_cache) == 1  # one request for the whole transaction
    purged = set(front_cache[0]["xkey-purge"].split())
    field = release.fields_of_work.get()
    assert {f"pressrelease-{release.pk}", "lists", f"term-{field.pk}"} <= purged
    assert "xkey-purge-hard" not in front_cache[0]


def test_front_caches_purge_hard_what_leaves_the_site(
    release, front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish(PressRelease.objects.filter(pk=release.pk))
    hard = set(front_cache[-1]["xkey-purge-hard"].split())
    assert {f"pressrelease-{release.pk}", "lists"} <= hard


def test_a_front_cache_that_does_not_answer_never_breaks_a_save(
    release, settings, django_capture_on_commit_callbacks
):
    settings.FRONT_CACHE_URLS = ["http://127.0.0.1:9"]  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        release.title = "Saved anyway"
        release.save()
    assert PressRelease.objects.get(pk=release.pk).title == "Saved anyway"


# --- compression -----------------------------------------------------------------------------


def test_public_pages_come_compressed_in_the_best_coding_the_client_takes(client, release):
    import gzip

    import brotli

    plain = client.get("/press-releases/observed/")
    brotli_page = client.get("/press-releases/observed/", HTTP_ACCEPT_ENCODING="gzip, br")
    gzip_page = client.get("/press-releases/observed/", HTTP_ACCEPT_ENCODING="gzip")
    assert brotli_page["Content-Encoding"] == "br"
    assert brotli.decompress(brotli_page.content) == plain.content
    assert gzip_page["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzip_page.content) == plain.content
    assert len(brotli_page.content) < len(plain.content) / 3
    assert "Accept-Encoding" in plain["Vary"]
    assert len({plain["ETag"], brotli_page["ETag"], gzip_page["ETag"]}) == 3


def test_feeds_and_sitemaps_are_compressed_too(client, release):
    for _ in range(20):
        make_release()  # enough items to be worth compressing
    for url in ("/feeds/atom/", "/feeds/rss/", "/sitemap-releases.xml"):
        assert client.get(url, HTTP_ACCEPT_ENCODING="br")["Content-Encoding"] == "br", url


def test_a_refused_coding_is_never_sent(client, release):
    response = client.get("/press-releases/observed/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")
    assert response["Content-Encoding"] == "gzip"


def test_a_cache_hit_is_compressed_without_work(client, release, django_assert_num_queries):
    client.get("/press-releases/observed/")
    with django_assert_num_queries(0):
        hit = client.get("/press-releases/observed/", HTTP_ACCEPT_ENCODING="br")
    assert hit["Content-Encoding"] == "br"


def test_pages_with_a_csrf_token_are_never_compressed(client, admin_user):
    # BREACH: a secret in a compressed page can be guessed from its size.
    client.force_login(admin_user)
    response = client.get("/admin/press/pressrelease/add/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200 and not response.has_header("Content-Encoding")


def test_public_pages_are_only_read(client, release):
    for method in ("post", "put", "delete", "patch", "options"):
        response = getattr(client, method)("/press-releases/observed/")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"


def test_sitemaps_expire_when_the_next_scheduled_release_goes_live(client, release):
    make_release("Later", slug="later", published_at=timezone.now() + datetime.timedelta(minutes=5))
    for url in ("/sitemap.xml", "/sitemap-releases.xml"):
        cache_control = client.get(url)["Cache-Control"]
        assert 290 <= int(cache_control.split("s-maxage=")[1].split(",")[0]) <= 300, url


def test_each_page_of_a_sitemap_section_is_its_own_page(client, release, monkeypatch):
    from press.sitemaps import ReleaseSitemap

    monkeypatch.setattr(ReleaseSitemap, "limit", 1)
    make_release("Second", slug="second")
    first = client.get("/sitemap-releases.xml?p=1").content
    second = client.get("/sitemap-releases.xml?p=2").content
    assert first != second
