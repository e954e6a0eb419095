"""One version number for everything the public pages show. Any change to releases, the
trees or the chairpersonships drops it, so values cached under it go stale at once in
every process that shares the cache. A scheduled release going live changes the pages
too, with no save to signal it: the version also expires at the next scheduled time."""

import time

from django.core.cache import cache

VERSION_KEY = "site:content-version"


def content_version():
    state = cache.get(VERSION_KEY)  # (version, time it expires or None)
    if state is None or (state[1] is not None and time.time() >= state[1]):
        state = (time.time_ns(), _next_scheduled_time())
        cache.set(VERSION_KEY, state, timeout=None)
    return state[0]


def _next_scheduled_time():
    from press.models import PressRelease

    upcoming = PressRelease.objects.scheduled().values_list("published_at", flat=True).first()
    return upcoming.timestamp() if upcoming else None


def bump_content_version(**kwargs):
    cache.delete(VERSION_KEY)


def cached(name, build, timeout=3600):
    """`build()` once per content version; `name` must say everything the value depends on."""
    key = f"site:{name}:{content_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
