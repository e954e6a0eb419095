"""One version number for everything the public pages show. Any change to releases, the
trees or the chairpersonships drops it, so values cached under it go stale at once in
every process that shares the cache. A scheduled release going live changes the pages
too, with no save to signal it: the version also expires at the next scheduled time.

Within one request the version is read once (RequestVersionMiddleware), so that a page is
built from one consistent version and the cache is asked once, not by every fragment."""

import time

from asgiref.local import Local
from django.core.cache import cache

VERSION_KEY = "site:content-version"
_request = Local()


def content_version(state=None):
    """The current version; `state` is the cached value of VERSION_KEY when the caller has
    fetched it already (together with other keys, in one round trip)."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    state = state if state is not None else cache.get(VERSION_KEY)
    if state is None or (state[1] is not None and time.time() >= state[1]):
        state = (time.time_ns(), _next_scheduled_time())
        cache.set(VERSION_KEY, state, timeout=None)
    if getattr(_request, "active", False):
        _request.version = state[0]
    return state[0]


def _next_scheduled_time():
    from press.models import PressRelease

    upcoming = PressRelease.objects.scheduled().values_list("published_at", flat=True).first()
    return upcoming.timestamp() if upcoming else None


def bump_content_version(**kwargs):
    cache.delete(VERSION_KEY)
    _request.version = None


def cached(name, build, timeout=3600):
    """`build()` once per content version; `name` must say everything the value depends on."""
    key = f"site:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


class RequestVersionMiddleware:
    """Reads the content version at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version = True, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.version = False, None
