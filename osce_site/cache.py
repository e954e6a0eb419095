"""Caching of public pages, all in one place: surrogate keys, the app's page cache, and the
purges of it and of the HTTP caches in front (Varnish with xkey in the standard deployment).

Every public response names what it shows with surrogate keys: `trees` (the menu and the
names of terms and structures, on every page), `lists` (pages that list the newest
releases: home, lists, search, feeds, sitemaps) and one key per object shown
(`pressrelease-12`, `term-4`, `structure-7`, `tag-3`, `contact-5`). A change purges exactly
its keys once its transaction commits: apps connect their models' signals to `purge()` in
their `ready()`.

In the app's cache, each key has a version (the purge sequence number at its last purge); a
stored page remembers the versions of its keys, and a hit reads the page and those versions
in one round trip to the shared cache. A page whose keys were purged softly is served,
stale, for a short grace while one request rebuilds it; a hard purge (a withdrawal, a return
to draft, a deletion) leaves nothing to serve. A page also ends at its own expiry (the next
scheduled publication, for pages that list releases)."""

import gzip
import hashlib
import http.client
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlsplit

import brotli
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

logger = logging.getLogger(__name__)

TREES = "trees"
LISTS = "lists"
# A soft-purged page may be served this long while one request rebuilds it.
GRACE_SECONDS = 10
SEQUENCE_KEY = "purge-sequence"
# Query parameters that select what a public page shows; any other is dropped from the key.
# `p` is the page of a sitemap section (Django's sitemap views), as deploy/varnish.vcl keeps it.
PAGE_PARAMETERS = (
    "field",
    "meeting",
    "country",
    "source",
    "tag",
    "year",
    "language",
    "q",
    "page",
    "p",
)


def key_for(obj):
    """The surrogate key of a model instance: `<model name>-<pk>`."""
    return f"{obj._meta.model_name}-{obj.pk}"


def _keys_of(items):
    return {item if isinstance(item, str) else key_for(item) for item in items}


# --- what a response shows -------------------------------------------------------------------


def show(request, *items, expires=None):
    """Declares that the response to `request` shows these objects (or keys), and, when
    `expires` is given (an aware datetime), that it changes at that time by itself."""
    keys, current = getattr(request, "_cache_description", (set(), None))
    keys |= _keys_of(items)
    if expires is not None and (current is None or expires < current):
        current = expires
    request._cache_description = (keys, current)


def shared_file(response, *items):
    """A public file (a media kit) too large for the app's page cache: caches in front may
    keep it as long as a page, named by the surrogate keys of what it holds, so that a
    change purges it like a page (a withdrawal at once)."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
    response["xkey"] = " ".join(sorted(_keys_of(items)))
    return response


def _description(request):
    keys, expires = getattr(request, "_cache_description", (set(), None))
    return {TREES, *keys}, expires


# --- purging -------------------------------------------------------------------------------


class _Pending(threading.local):
    def __init__(self):
        self.soft, self.hard = set(), set()


_pending = _Pending()


def purge(*items, hard=False):
    """Makes stale every page that shows these objects (or keys). `hard`: the stale pages may
    not be served even during the grace time (for what must be gone at once).

    The app's cache hears of it at once, so that this process never serves what it just
    changed, and again once the transaction commits, since a page built in between read the
    old rows; the front caches hear of it once committed, in one request for the whole
    transaction."""
    keys = _keys_of(items)
    if not keys:
        return
    _bump(keys, hard=hard)
    (_pending.hard if hard else _pending.soft).update(keys)
    transaction.on_commit(_flush)  # later calls find nothing left to do


def _flush():
    hard, soft = _pending.hard, _pending.soft - _pending.hard
    _pending.soft, _pending.hard = set(), set()
    if hard:
        _bump(hard, hard=True)
    if soft:
        _bump(soft, hard=False)
    purge_front_caches(soft)
    purge_front_caches(hard, hard=True)


def _bump(keys, *, hard):
    sequence = _next_sequence()
    now = time.time()
    versions = cache.get_many(_version_names(keys))
    updated = {}
    for key in keys:
        name = _version_name(key)
        _, old_hard, _ = versions.get(name) or (0, 0, 0)
        updated[name] = (sequence, sequence if hard else old_hard, now)
    cache.set_many(updated, timeout=None)


def _next_sequence():
    try:
        return cache.incr(SEQUENCE_KEY)
    except ValueError:  # the first purge, or the cache was emptied: start above any before
        cache.add(SEQUENCE_KEY, int(time.time() * 1000), timeout=None)
    try:
        return cache.incr(SEQUENCE_KEY)
    except ValueError:
        return 0  # a cache that keeps nothing (DummyCache)


def _version_name(key):
    return f"key-version:{key}"


def _version_names(keys):
    return [_version_name(key) for key in keys]


# --- front caches ---------------------------------------------------------------------------

# Varnish refuses request headers longer than 8 KB (http_req_hdr_len): more keys than fit
# go in further requests to the same cache.
MAX_HEADER_CHARS = 6000

SOFT_HEADER = "xkey-purge"
HARD_HEADER = "xkey-purge-hard"


def purge_front_caches(keys, hard=False):
    """Purge `keys` from every front cache; returns how many caches confirmed it. Failures
    are logged, never raised: a cache that is down must not break a save (its pages then
    live until their s-maxage ends)."""
    keys = sorted({str(key) for key in keys if key})
    urls = settings.FRONT_CACHE_URLS
    if not keys or not urls:
        return 0
    header = HARD_HEADER if hard else SOFT_HEADER
    purged = 0
    for url in urls:
        try:
            for batch in _batches(keys):
                _send_purge(url, header, batch)
        except Exception as error:  # noqa: BLE001 - whatever went wrong, the save goes on
            logger.warning("Front cache %s not purged of %s: %s", url, " ".join(keys), error)
        else:
            purged += 1
    return purged


def _batches(keys):
    batch, length = [], 0
    for key in keys:
        if batch and length + len(key) + 1 > MAX_HEADER_CHARS:
            yield batch
            batch, length = [], 0
        batch.append(key)
        length += len(key) + 1
    if batch:
        yield batch


def _send_purge(url, header, keys):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=settings.FRONT_CACHE_TIMEOUT)
    try:
        connection.request("PURGE", parts.path or "/", headers={header: " ".join(keys)})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"answered {response.status} {response.reason}")


# --- the page cache -----------------------------------------------------------------------


@dataclass
class StoredPage:
    # The body, compressed when it is worth it ({"br": …, "gzip": …}; a client that takes
    # neither gets the gzip copy unpacked), else as it is ({None: …}): a hit then moves a
    # seventh of the bytes, out of Redis and to the client.
    bodies: dict
    headers: dict
    versions: dict  # key -> (sequence, hard sequence) when the page was built
    expires: float | None  # time.time() when the page changes by itself


def _page_name(request):
    """A page is a function of its path, the page parameters of its query string, the
    interface language and the day (the menu shows the year's Chairpersonship)."""
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in PAGE_PARAMETERS
        for value in values
    )
    parts = (timezone.localdate(), translation.get_language(), request.path, query)
    return "page:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _signed_in(request):
    # No session cookie, no sign-in: skip loading the session.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def public_page(view=None, *, shows=()):
    """A public page: shared caches may keep it for anonymous visitors, named by its
    surrogate keys (the view declares them with `show()`, or `shows` gives them);
    signed-in editors always get a fresh, private copy."""
    if view is None:
        return lambda view: public_page(view, shows=shows)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])  # public pages are only read
        if shows:
            show(request, *shows)
        if _signed_in(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not settings.PAGE_CACHE_SECONDS:
            return _compressed(request, _built(view, request, args, kwargs)[0])
        name = _page_name(request)
        page, versions = _stored(name)
        if page is not None:
            state = _state(page, versions)
            if state == "fresh" or (state == "grace" and not _claim_rebuild(name)):
                return _response(request, page)
        response, page = _built(view, request, args, kwargs)
        if page is not None:
            cache.set(name, page, settings.PAGE_CACHE_SECONDS)
        cache.delete(_rebuild_lock(name))
        if page is not None:
            return _response(request, page)
        return _compressed(request, response)

    return wrapper


def _built(view, request, args, kwargs):
    """The response of the view, with its cache headers, and the page to store (None if it
    may not be stored)."""
    sequence = _current_sequence()
    response = view(request, *args, **kwargs)
    if hasattr(response, "render"):
        response.render()
    keys, expires = _description(request)
    lifetime = settings.PAGE_CACHE_SECONDS
    if expires is not None:
        lifetime = max(0, min(lifetime, int((expires - timezone.now()).total_seconds())))
    # The language comes from the address (/ru/...), never from Accept-Language.
    patch_vary_headers(response, ["Cookie"])
    if response.status_code != 200 or response.cookies or not lifetime:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response, None
    patch_cache_control(response, public=True, max_age=0, s_maxage=lifetime)
    response["xkey"] = " ".join(sorted(keys))
    set_response_etag(response)
    versions = _versions(keys, sequence)
    if any(version[0] > sequence for version in versions.values()):
        return response, None  # purged while it was being built: it may show older rows
    expiry = time.time() + lifetime if expires is not None else None
    bodies = _encodings(response) or {None: response.content}
    return response, StoredPage(bodies, dict(response.headers), versions, expiry)


def _current_sequence():
    return cache.get(SEQUENCE_KEY) or _next_sequence()


def _versions(keys, sequence):
    """The current version of each key. A key without one (never purged, or lost from the
    cache) gets the current sequence, so that losing it again makes the pages that show it
    stale, never fresh."""
    found = cache.get_many(_version_names(keys))
    missing = [key for key in keys if _version_name(key) not in found]
    for key in missing:
        cache.add(_version_name(key), (sequence, sequence, 0), timeout=None)
    if missing:
        found = cache.get_many(_version_names(keys))
    return {key: found.get(_version_name(key), (-1, -1, 0))[:2] for key in keys}


# The keys of the pages this process served lately: a hit then reads the page and the
# versions of its keys in one round trip. Only a hint: a wrong guess costs a second read.
_keys_seen = OrderedDict()
KEYS_SEEN = 10_000


def _stored(name):
    """The stored page of this name (or None), and the current versions of its keys."""
    guess = _keys_seen.get(name, ())
    found = cache.get_many([name, *_version_names(guess)])
    page = found.pop(name, None)
    if not isinstance(page, StoredPage):  # missing, or left by an older release
        return None, {}
    if page.versions.keys() != set(guess):
        found = cache.get_many(_version_names(page.versions))
        _keys_seen[name] = tuple(page.versions)
        if len(_keys_seen) > KEYS_SEEN:
            _keys_seen.popitem(last=False)
    return page, found


def _state(page, current):
    """'fresh', 'grace' (stale, may be served while one request rebuilds) or 'stale', by
    the current versions of the page's keys."""
    expired = page.expires is not None and time.time() >= page.expires
    stale_since = page.expires if expired else None
    for key, (sequence, hard) in page.versions.items():
        now = current.get(_version_name(key))
        if now is None or now[1] != hard:
            return "stale"
        if now[0] != sequence:
            stale_since = min(stale_since or now[2], now[2])
    if stale_since is None:
        return "fresh"
    return "grace" if time.time() - stale_since < GRACE_SECONDS else "stale"


def _claim_rebuild(name):
    """True for the one request that rebuilds a stale page; the others serve the old one."""
    return cache.add(_rebuild_lock(name), 1, timeout=GRACE_SECONDS)


def _rebuild_lock(name):
    return f"rebuilding:{name}"


def _response(request, page):
    """The stored page, in the coding the client takes best."""
    if None in page.bodies:
        response = HttpResponse(page.bodies[None], headers=page.headers)
    else:
        coding = _accepted_coding(request)
        body = page.bodies[coding] if coding else gzip.decompress(page.bodies["gzip"])
        response = _encoded(HttpResponse(body, headers=page.headers), coding)
    if page.expires is not None:
        remaining = max(0, int(page.expires - time.time()))
        patch_cache_control(response, s_maxage=remaining)
    return response


# --- compression ----------------------------------------------------------------------------

# Public pages only: they hold no secret (no CSRF token, no personal data) that a compression
# side channel such as BREACH could reveal. Stored pages keep their compressed copies, so a
# cache hit compresses nothing.
CODINGS = ("br", "gzip")
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")
MIN_COMPRESSED_SIZE = 1024
_ACCEPTS = {coding: re.compile(rf"\b{coding}\b(?!;q=0(?:\.0*)?(?:,|$))") for coding in CODINGS}


def _compressible(response):
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and len(response.content) >= MIN_COMPRESSED_SIZE
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
    )


def _encode(content, coding):
    if coding == "br":
        return brotli.compress(content, quality=5)
    return gzip.compress(content, compresslevel=6, mtime=0)


def _encodings(response):
    """Every compressed copy of a response that is worth compressing."""
    if not _compressible(response):
        return {}
    return {coding: _encode(response.content, coding) for coding in CODINGS}


def _accepted_coding(request):
    accepted = request.headers.get("Accept-Encoding", "")
    return next((c for c in CODINGS if _ACCEPTS[c].search(accepted)), None)


def _compressed(request, response):
    """A response not stored, compressed in the best coding the client accepts."""
    if not _compressible(response):
        return response
    coding = _accepted_coding(request)
    if coding:
        response.content = _encode(response.content, coding)
    return _encoded(response, coding)


def _encoded(response, coding):
    """Labels a response whose body is in `coding` (None: as it is)."""
    patch_vary_headers(response, ["Accept-Encoding"])
    if coding is None:
        return response
    response["Content-Encoding"] = coding
    response["Content-Length"] = str(len(response.content))
    if response.has_header("ETag"):  # each coding is a different representation
        response["ETag"] = response["ETag"].rstrip('"') + f'-{coding}"'
    return response


# --- fragments ------------------------------------------------------------------------------


def key_version(key):
    """The version of a key, for `{% cache %}` fragments to vary on: a purge changes it."""
    return _versions({key}, _current_sequence())[key][0]
