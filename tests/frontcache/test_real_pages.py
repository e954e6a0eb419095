"""The real pages through the front cache. The checks are the helpers' (helpers.py); they
take any page's URL, so more pages can be added here as the app's keys settle."""

import pytest

from press import services
from press.models import PressRelease
from tests.factories import make_release, make_structure

from .helpers import seconds_until


@pytest.fixture
def release(front_cache, django_db_serialized_rollback):
    return make_release(title="Before the edit")


def test_a_real_page_comes_through_the_front_cache(front_cache, release):
    response = front_cache.get(release.get_absolute_url())
    assert (response.status, "Before the edit" in response.text) == (200, True)


def test_an_edit_of_a_real_release_is_visible_within_a_second(front_cache, release):
    path = release.get_absolute_url()
    front_cache.cached(path)
    release.title = "After the edit"
    release.save()  # the app purges the front cache once this commits
    assert seconds_until(front_cache, path, lambda r: "After the edit" in r.text) < 1.0


def test_a_withdrawn_release_leaves_the_lists_within_a_second(front_cache, release):
    front_cache.cached("/press-releases/")
    release.status = PressRelease.Status.WITHDRAWN
    release.withdrawal_reason = "Issued in error."
    release.save()
    gone = seconds_until(front_cache, "/press-releases/", lambda r: "Before the edit" not in r.text)
    assert gone < 1.0


def test_an_unpublished_release_is_gone_within_a_second(front_cache, release):
    path = release.get_absolute_url()
    front_cache.cached(path)
    services.unpublish(PressRelease.objects.filter(pk=release.pk))
    assert seconds_until(front_cache, path, lambda r: r.status == 404) < 1.0


def test_an_unrelated_page_stays_a_hit_after_an_edit(front_cache, release):
    other = make_release(title="Unrelated", source=make_structure("Elsewhere"))
    front_cache.cached(other.get_absolute_url())
    release.title = "After the edit"
    release.save()
    assert front_cache.get(other.get_absolute_url()).x_cache == "HIT"
