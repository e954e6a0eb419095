"""The load benchmark behind bench/run (BENCH_SECONDS: seconds a page; BENCH_REUSE=1 keeps
databases built by an earlier run; BENCH_MODES: which of the modes below to run). For each
database size it builds a PostgreSQL database (demo data plus generate_releases), starts
gunicorn with 2 workers and the production settings, and runs wrk against each page:

- no cache: no cache at all (the production settings without REDIS_URL: DummyCache);
- after an edit: the page cache on, warm; then a release on every page is saved (in another
  process) and the first request of each page is timed alone, and p99 over the 3 s of load
  after another edit is compared with the steady p99;
- page cache: the Django page cache in Redis, warm;
- varnish: through Varnish (deploy/varnish.vcl) in front of the same server, warm.

Figures are ratios to the floor: a minimal Django view of the same server (/healthz, never
cached), measured in the same run."""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = 8099
CONNECTIONS, THREADS, SECONDS = 16, 2, int(os.environ.get("BENCH_SECONDS", "8"))
PAGES = {
    "floor": "/healthz",
    "home": "/",
    "list p1": "/press-releases/",
    "list p100": "/press-releases/?page=100",
    "filtered": "/press-releases/?field=elections&country=kazakhstan",
    "release": "/press-releases/{release}/",
    "country": "/countries/kazakhstan/",
    "search": "/search/?q=election+observation",
    "feed": "/feeds/rss/",
}


def sh(*args, env=None, quiet=True):
    return subprocess.run(
        args, cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT if quiet else None,
    ).stdout  # fmt: skip


def environment(database, cached):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "osce_site.settings.prod",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_KEY_PREFIX": f"bench-{database}",
        "PAGE_CACHE_SECONDS": "3600" if cached else "0",
        "CONN_MAX_AGE": "600",
    }
    env.pop("REDIS_URL", None)
    if cached:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    return env


def build(size):
    database = f"osce_bench_{size}"
    env = environment(database, cached=False)
    if os.environ.get("BENCH_REUSE") and _exists(database):
        print(f"# reusing {database}", flush=True)
        sh(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=env)
        sh(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
        return database
    print(f"# building {database}: demo data and {size:,} generated releases", flush=True)
    sh(
        "psql",
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-q",
        "-c",
        f"DROP DATABASE IF EXISTS {database}",
    )
    sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", f"CREATE DATABASE {database}")
    sh(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=env)
    sh(PYTHON, "manage.py", "load_demo", "-v0", env=env)
    sh(PYTHON, "manage.py", "generate_releases", str(size), env=env)
    sh(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    return database


def _exists(database):
    out = sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
             f"SELECT 1 FROM pg_database WHERE datname = '{database}'")  # fmt: skip
    return out.strip() == "1"


def a_release(env):
    code = (
        "from press.models import PressRelease as P;"
        "print(P.objects.published().filter(slug__startswith='generated-').order_by('-pk')[500].slug)"
    )
    return sh(PYTHON, "manage.py", "shell", "-c", code, env=env).strip().splitlines()[-1]


def queries_per_page(env, urls):
    """The queries of each page with no cache at all."""
    code = f"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
counts = {{}}
for name, url in {json.dumps(urls)}.items():
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    counts[name] = len(queries)
print("COUNTS" + json.dumps(counts))
"""
    out = sh(PYTHON, "manage.py", "shell", "-c", code, env=env)
    return json.loads(out.split("COUNTS", 1)[1])


def serve(env):
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "osce_site.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    return _answering(server, PORT, "gunicorn")


def _answering(process, port, name):
    """The process, once /healthz answers on its port."""
    for _ in range(100):
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            urllib.request.urlopen(request, timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{name} did not start")


def worker_peak_memory_mb(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024)
    return max(peaks)


# What a browser sends: pages come compressed, as visitors get them.
BROWSER = ["Accept-Encoding: gzip, deflate, br"]


def wrk(url, seconds=SECONDS, port=PORT, headers=BROWSER):
    extra = [option for header in headers for option in ("-H", header)]
    out = sh(
        "wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
        "-H", "X-Forwarded-Proto: https", *extra, f"http://127.0.0.1:{port}{url}",
    )  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = {p: _ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out)[1]) for p in ("50", "99")}
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": int(errors[1]) if errors else 0,
    }


def _ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


MODES = os.environ.get("BENCH_MODES", "no-cache,after-edit,page-cache,varnish").split(",")


def measure(env, urls):
    """Warm, steady throughput and latency of each page."""
    sh("redis-cli", "-n", "14", "FLUSHDB")
    server = serve(env)
    try:
        results = {}
        for name, url in urls.items():
            wrk(url, seconds=2)  # warm the caches and connections, as on a running site
            results[name] = wrk(url)
        results["peak worker memory MB"] = worker_peak_memory_mb(server)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


VARNISH_PORT = PORT + 1


def varnish(workdir):
    """varnishd with deploy/varnish.vcl in front of the app on PORT, as `make serve` runs it."""
    entry = Path(workdir) / "entry.vcl"
    entry.write_text(
        f'vcl 4.1;\nbackend app {{ .host = "127.0.0.1"; .port = "{PORT}"; }}\n'
        f'include "{ROOT / "deploy" / "varnish.vcl"}";\n'
    )
    process = subprocess.Popen(
        ["varnishd", "-F", "-n", f"{workdir}/instance", "-a", f"127.0.0.1:{VARNISH_PORT}",
         "-T", "127.0.0.1:0", "-f", str(entry), "-s", "malloc,256m", "-j", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    return _answering(process, VARNISH_PORT, "varnishd")


def measure_through_varnish(env, urls):
    """Warm pages through Varnish (which asks the app for gzip, and keeps that); the floor
    is the app's own."""
    import tempfile

    sh("redis-cli", "-n", "14", "FLUSHDB")
    server = serve(env)
    with tempfile.TemporaryDirectory() as workdir:
        front = varnish(workdir)
        try:
            results = {"floor": wrk(urls["floor"])}
            for name, url in urls.items():
                if name == "floor":
                    continue
                wrk(url, seconds=2, port=VARNISH_PORT)
                results[name] = wrk(url, port=VARNISH_PORT)
            results["peak worker memory MB"] = worker_peak_memory_mb(server)
            return results
        finally:
            os.killpg(front.pid, signal.SIGTERM)
            front.wait()
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()


def edit(env, release):
    """Saves one release in another process, as an editor in the admin would."""
    code = (
        "from press.models import PressRelease as P;"
        f"r = P.objects.get(slug='{release}'); r.summary = r.summary + ' '; r.save()"
    )
    sh(PYTHON, "manage.py", "shell", "-c", code, env=env)


def first_request_ms(url):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{url}", headers={"X-Forwarded-Proto": "https"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def after_edit(env, urls, release):
    """Per page: steady p99; the first request alone right after an edit; p99 over the 3 s
    of load right after another edit."""
    sh("redis-cli", "-n", "14", "FLUSHDB")
    server = serve(env)
    try:
        results = {}
        for name, url in urls.items():
            if name == "floor":
                continue
            wrk(url, seconds=2)
            steady = wrk(url, seconds=3)
            edit(env, release)
            first = first_request_ms(url)
            wrk(url, seconds=2)
            edit(env, release)
            window = wrk(url, seconds=3)
            results[name] = {"steady": steady, "first": first, "window": window}
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def report(size, mode, results, counts):
    floor = results["floor"]["rps"]
    print(f"\n## {size:,} releases, {mode}   (floor: {floor:,.0f} req/s)")
    columns = ("req/s", 9), ("of floor", 10), ("p50 ms", 9), ("p99 ms", 9), ("queries", 9)
    print(f"{'page':<12}" + "".join(f"{name:>{width}}" for name, width in columns) + "  errors")
    for name in PAGES:
        r = results[name]
        print(
            f"{name:<12}{r['rps']:>9,.0f}{r['rps'] / floor:>9.0%}{r['p50']:>9.1f}{r['p99']:>9.1f}"
            f"{counts.get(name, '-'):>9}{r['errors']:>8}"
        )
    print(f"peak memory of a worker: {results['peak worker memory MB']:.0f} MB")
    page1, page100 = results["list p1"]["rps"], results["list p100"]["rps"]
    if page1 and page100:
        print(f"list page 100 vs page 1: {page1 / page100 - 1:+.0%} time per request")


def report_after_edit(size, results):
    print(f"\n## {size:,} releases, right after an edit (page cache on, Redis)")
    print(f"{'page':<12}{'first ms':>10}{'steady p99':>12}{'p99, 3 s after':>16}{'ratio':>8}")
    for name, r in results.items():
        steady, window = r["steady"]["p99"], r["window"]["p99"]
        print(f"{name:<12}{r['first']:>10.1f}{steady:>12.1f}{window:>16.1f}{window / steady:>8.1f}")


def main(sizes):
    print(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {SECONDS}s a page; 2 workers")
    for size in sizes:
        database = build(size)
        uncached, cached = environment(database, False), environment(database, True)
        release = a_release(uncached)
        urls = {name: url.format(release=release) for name, url in PAGES.items()}
        counts = queries_per_page(uncached, urls)
        if "no-cache" in MODES:
            report(size, "no cache at all (DummyCache)", measure(uncached, urls), counts)
        if "after-edit" in MODES:
            report_after_edit(size, after_edit(cached, urls, release))
        if "page-cache" in MODES:
            report(size, "page cache (Redis), warm", measure(cached, urls), counts)
        if "varnish" in MODES:
            results = measure_through_varnish(cached, urls)
            report(size, "through Varnish, warm", results, counts)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [5000, 100000])
