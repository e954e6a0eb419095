"""The real pages through the front cache. The checks are the helpers' (helpers.py); they
take any page's URL, so more pages can be added here as the app's keys settle."""

from urllib.request import urlopen

import pytest

from tests.factories import make_release

from .helpers import seconds_until


@pytest.fixture
def release(front_cache, django_db_serialized_rollback):
    return make_release(title="Before the edit")


def test_a_real_page_comes_through_the_front_cache(front_cache, release):
    response = front_cache.get(release.get_absolute_url())
    assert (response.status, "Before the edit" in response.text) == (200, True)


@pytest.mark.xfail(
    strict=True,
    reason="pages carry s-maxage and xkey once the app's caching rewrite lands (issue 8)",
)
def test_an_edit_of_a_real_release_is_visible_within_a_second(front_cache, release, live_server):
    path = release.get_absolute_url()
    keys = urlopen(live_server.url + path).headers["xkey"].split()
    front_cache.cached(path)
    release.title = "After the edit"
    release.save()
    front_cache.purge(keys)  # what the app's own purge after commit must do, at the least
    assert seconds_until(front_cache, path, lambda r: "After the edit" in r.text) < 1.0
