"""One version number for everything the public pages show. Any change to releases, the
trees or the chairpersonships drops it, so values cached under it go stale at once in
every process that shares the cache. A scheduled release going live changes the pages
too, with no save to signal it: the version also expires at the next scheduled time.

Within one request the version is read once (RequestVersionMiddleware). With Redis, each
process also keeps the version it last read and listens on a Redis channel on which every
change is announced, so that a cached page costs no round trip at all; while it is not
listening (starting, or after losing its connection) it asks Redis on every request."""

import hashlib
import logging
import threading
import time

from asgiref.local import Local
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction

logger = logging.getLogger(__name__)
VERSION_KEY = "site:content-version"
_request = Local()


class _ProcessVersion:
    """The version this process knows, kept true by the Redis channel."""

    lock = threading.Lock()
    started = False
    listening = False
    generation = 0  # counts announcements, so that a read that raced one is not kept
    state = None


def content_version():
    """The current version."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    _start_listening()
    known = _ProcessVersion.state if _ProcessVersion.listening else None
    if known is not None and not _expired(known):
        state = known
    else:
        generation = _ProcessVersion.generation
        state = cache.get(VERSION_KEY)
        if state is None or _expired(state):
            state = (time.time_ns(), _next_scheduled_time())
            cache.set(VERSION_KEY, state, timeout=None)
        if _ProcessVersion.listening and generation == _ProcessVersion.generation:
            _ProcessVersion.state = state
    if getattr(_request, "active", False):
        _request.version = state[0]
    return state[0]


def _expired(state):
    return state[1] is not None and time.time() >= state[1]


def _next_scheduled_time():
    from press.models import PressRelease

    upcoming = PressRelease.objects.scheduled().values_list("published_at", flat=True).first()
    return upcoming.timestamp() if upcoming else None


def bump_content_version(**kwargs):
    _announce_change()
    # Once more when the transaction commits: a page built in between read the old rows.
    transaction.on_commit(_announce_change)


def _announce_change():
    cache.delete(VERSION_KEY)
    _forget()
    redis = _redis_client()
    if redis is not None:
        redis.publish(_channel(), "changed")


def _forget():
    _forget_known()
    _request.version = None


def _redis_client():
    backend = caches["default"]
    return backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None


def _channel():
    return caches["default"].make_key(VERSION_KEY)


def _start_listening():
    if _ProcessVersion.started or _redis_client() is None:
        return
    with _ProcessVersion.lock:
        if not _ProcessVersion.started:
            _ProcessVersion.started = True
            threading.Thread(target=_listen, daemon=True, name="content-version").start()


def _listen():
    while True:
        try:
            pubsub = _redis_client().pubsub()
            pubsub.subscribe(_channel())
            for message in pubsub.listen():
                _forget_known()
                if message["type"] == "subscribe":
                    _ProcessVersion.listening = True  # from now on, no change is missed
        except Exception:  # noqa: BLE001 - any failure: fall back to asking Redis, retry
            logger.warning("Not listening for content changes; retrying", exc_info=True)
        _ProcessVersion.listening = False
        _forget_known()
        time.sleep(1)


def _forget_known():
    _ProcessVersion.generation += 1
    _ProcessVersion.state = None


def cached(name, build, timeout=3600):
    """`build()` once per content version; `name` must say everything the value depends on."""
    if len(name) > 150:  # long search queries: keep keys short enough for any backend
        name = name[:100] + hashlib.blake2b(name.encode(), digest_size=12).hexdigest()
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
