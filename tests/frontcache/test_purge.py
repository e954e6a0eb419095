"""osce_site.cache.purge_front_caches against small recording servers (no Varnish)."""

import http.server
import logging
import socket
import threading
import time

import pytest

from osce_site.cache import purge_front_caches


class Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the method's name is the HTTP method's
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        time.sleep(self.server.delay)
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def start_cache():
    servers = []

    def start_cache(status=200, delay=0.0):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        server.requests, server.status, server.delay = [], status, delay
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}"

    yield start_cache
    for server in servers:
        server.shutdown()
        server.server_close()


def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_one_request_per_cache_carries_all_keys(start_cache, settings):
    first, first_url = start_cache()
    second, second_url = start_cache()
    settings.FRONT_CACHE_URLS = [first_url, second_url]
    purge_front_caches(["term-4", "release-12", "releases"])
    expected = [("PURGE", "/", "release-12 releases term-4")]
    assert [
        [(method, path, headers["xkey-purge"]) for method, path, headers in server.requests]
        for server in (first, second)
    ] == [expected, expected]


def test_a_hard_purge_uses_its_own_header(start_cache, settings):
    server, url = start_cache()
    settings.FRONT_CACHE_URLS = [url]
    purge_front_caches(["release-12"], hard=True)
    headers = server.requests[0][2]
    assert (headers.get("xkey-purge-hard"), headers.get("xkey-purge")) == ("release-12", None)


def test_nothing_is_sent_without_keys(start_cache, settings):
    server, url = start_cache()
    settings.FRONT_CACHE_URLS = [url]
    purge_front_caches([])
    assert server.requests == []


def test_nothing_is_sent_without_front_caches(settings):
    settings.FRONT_CACHE_URLS = []
    assert purge_front_caches(["release-12"]) == 0


def test_a_cache_that_is_down_is_logged_and_the_others_purged(start_cache, settings, caplog):
    server, url = start_cache()
    settings.FRONT_CACHE_URLS = [closed_port_url(), url]
    with caplog.at_level(logging.WARNING, logger="osce_site.cache"):
        purged = purge_front_caches(["release-12"])
    assert (purged, len(server.requests), len(caplog.records)) == (1, 1, 1)


def test_a_refused_purge_counts_as_failed(start_cache, settings, caplog):
    _, url = start_cache(status=403)
    settings.FRONT_CACHE_URLS = [url]
    with caplog.at_level(logging.WARNING, logger="osce_site.cache"):
        assert purge_front_caches(["release-12"]) == 0
    assert "403" in caplog.text


def test_a_cache_that_hangs_holds_the_save_up_only_briefly(start_cache, settings, monkeypatch):
    settings.FRONT_CACHE_TIMEOUT = 0.2
    _, url = start_cache(delay=2)
    settings.FRONT_CACHE_URLS = [url]
    started = time.monotonic()
    purge_front_caches(["release-12"])
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("url", ["not a url", "ftp://127.0.0.1/", "http://"])
def test_a_malformed_setting_is_logged_not_raised(settings, url):
    settings.FRONT_CACHE_URLS = [url]
    assert purge_front_caches(["release-12"]) == 0


def test_many_keys_are_split_into_headers_varnish_accepts(start_cache, settings):
    server, url = start_cache()
    settings.FRONT_CACHE_URLS = [url]
    keys = [f"release-{number}" for number in range(2000)]
    purge_front_caches(keys)
    sent = [headers["xkey-purge"] for _, _, headers in server.requests]
    assert (max(map(len, sent)) <= 6000, sorted(" ".join(sent).split())) == (True, sorted(keys))
