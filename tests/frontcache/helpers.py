"""Talking to a front cache in tests, and the checks the issue asks for, written for any
page: give them the URL, a way to change what the page shows, and its keys."""

import dataclasses
import http.client
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from osce_site.cache import purge_front_caches


@dataclasses.dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str
    seconds: float

    @property
    def x_cache(self):
        return self.headers.get("X-Cache", "")


@dataclasses.dataclass
class FrontCache:
    url: str
    instance: Path
    varnishadm: str

    def get(self, path, headers=None, method="GET", source_address=None):
        """One request on a new connection (no state shared between requests)."""
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=30, source_address=source_address
        )
        started = time.monotonic()
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        return Response(response.status, response.headers, body, time.monotonic() - started)

    def purge(self, keys, hard=False):
        """As the app purges: through osce_site.cache, to settings.FRONT_CACHE_URLS."""
        return purge_front_caches(keys, hard=hard)

    def ban_everything(self):
        subprocess.run(
            [self.varnishadm, "-n", str(self.instance), "ban", "req.url ~ ."],
            check=True,
            capture_output=True,
            timeout=10,
        )

    def cached(self, path, headers=None):
        """Fetch the page until the cache holds it; the last response (a HIT)."""
        for _ in range(3):
            response = self.get(path, headers)
            if response.x_cache == "HIT":
                return response
        raise AssertionError(f"{path} is not cached: X-Cache {response.x_cache}")


def seconds_until(front, path, shows, limit=3.0, headers=None):
    """Poll the page through the front cache until `shows(response)`; the seconds it took."""
    started = time.monotonic()
    while True:
        response = front.get(path, headers)
        elapsed = time.monotonic() - started
        if shows(response):
            return elapsed
        if elapsed > limit:
            raise AssertionError(f"{path} still shows the old page after {limit} s")
        time.sleep(0.02)
