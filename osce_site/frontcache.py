"""Purges of the HTTP caches in front of the app (Varnish with deploy/varnish.vcl).

After a commit, the surrogate keys a change makes stale are sent to every front cache named
in settings.FRONT_CACHE_URLS: one `PURGE` request per cache carrying all the keys. A soft
purge lets the cache serve the previous copy for a short grace while one request fetches the
new one; a hard purge (withdrawal, unpublishing) removes the pages at once."""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

# A purge runs inside an editor's save: a cache that does not answer must not hold it up.
PURGE_TIMEOUT = 2.0
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
    urls = getattr(settings, "FRONT_CACHE_URLS", ())
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
    connection = connection_class(parts.hostname, parts.port, timeout=PURGE_TIMEOUT)
    try:
        connection.request("PURGE", parts.path or "/", headers={header: " ".join(keys)})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"answered {response.status} {response.reason}")
