"""A real varnishd with deploy/varnish.vcl in front of pytest-django's live server. Without
varnishd (Debian's `varnish` and `varnish-modules`) the tests skip, except in CI (CI set),
where they fail."""

import glob
import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from . import pages
from .helpers import FrontCache

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"
XKEY = glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so")  # from varnish-modules


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def entry_vcl(backend_host, backend_port):
    """The entry file of a deployment: the app's address, then the shipped policy."""
    return (
        "vcl 4.1;\n"
        f'backend app {{ .host = "{backend_host}"; .port = "{backend_port}"; }}\n'
        f'include "{VCL}";\n'
    )


@pytest.fixture(scope="session")
def varnishd(live_server, tmp_path_factory):
    """varnishd on a free port, in front of the live server, for the whole session."""
    if not Path(VARNISHD).exists() or not XKEY:
        message = "varnishd or its xkey module is missing (apt-get install varnish varnish-modules)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("varnish")
    entry = workdir / "entry.vcl"
    host, port = live_server.url.removeprefix("http://").rsplit(":", 1)
    entry.write_text(entry_vcl(host, port))
    listen = free_port()
    command = [
        VARNISHD,
        "-F",  # in the foreground: a child of this process, stopped with it
        "-n", str(workdir / "instance"),
        "-a", f"127.0.0.1:{listen}",
        "-T", "127.0.0.1:0",
        "-f", str(entry),
        "-s", "malloc,64m",
        "-j", "none",  # as root it would switch to the varnish user, who cannot read tmp
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    front = FrontCache(f"http://127.0.0.1:{listen}", workdir / "instance", VARNISHADM)
    try:
        _wait_until_listening(process, listen)
        yield front
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_listening(process, port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited ({process.returncode}): {process.stderr.read()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("varnishd did not start listening")


@pytest.fixture
def front_cache(varnishd, settings, transactional_db, django_db_serialized_rollback):
    """The front cache, emptied, with the app purging it; the test pages described afresh."""
    settings.ROOT_URLCONF = "tests.frontcache.pages"
    settings.FRONT_CACHE_URLS = [varnishd.url]
    varnishd.ban_everything()
    pages.PAGES.clear()
    pages.FETCHES.clear()
    yield varnishd
    pages.PAGES.clear()
