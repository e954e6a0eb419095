import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from osce_site import cache as osce_cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and fragments must not leak from one test's database into another's;
    nor content type ids, which a transactional test's flush renumbers."""
    cache.clear()
    osce_cache._pending.__init__()  # purges of a test's transaction, which never commits
    ContentType.objects.clear_cache()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A request activates its page's language
    in the thread (LocaleMiddleware) and leaves it there, and the trees' names follow it:
    a test after one that fetched /ru/ would read Russian names."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def no_cache(settings):
    """No cache at all: every request builds its page (what query budgets count)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def demo(db):
    """The full demo data set, as `make demo` loads it."""
    call_command("load_demo", verbosity=0)
