"""Every public page with no cache at all (DummyCache), in-process through Django's test
client: queries, the database pages they read (work that the load of a shared machine does
not change), SQL time and total time per request (the fastest run), at each database size,
and the ratios of the largest size's figures to the smallest's. The databases must exist
(see bench.py's build(): migrate, load_demo, generate_releases N).

    bench/profile_cold.py osce_h5_5k osce_h5_100k [--runs 7] [--rounds 2] [--explain] [--sql PAGE]

Each database is profiled in its own process (Django binds one database per process)."""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/",
    "list p1": "/press-releases/",
    "list p100": "/press-releases/?page=100",
    "list field": "/press-releases/?field=elections",
    "list field+country": "/press-releases/?field=elections&country=kazakhstan",
    "release": "/press-releases/{release}/",
    "country": "/countries/kazakhstan/",
    "structure": "/structures/secretariat/",
    "tag": "/tags/elections/",
    "search": "/search/?q=election+observation",
    "rss": "/feeds/rss/",
}


def profile(runs, explain, show_sql):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from press.models import PressRelease

    release = (
        PressRelease.objects.published()
        .filter(slug__startswith="generated-")
        .order_by("-pk")
        .values_list("slug", flat=True)[500]
    )
    results = {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy, PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        for name, url in PAGES.items():
            url = url.format(release=release)
            client.get(url)  # warm up: imports, templates, connection
            times, sql = [], []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
            results[name] = {
                "queries": len(queries),
                "blocks": sum(blocks(connection, q["sql"]) for q in queries.captured_queries),
                "ms": min(times),  # the least disturbed run: the machine is shared
                "sql_ms": min(sql),
                "slowest": [(round(float(q["time"]) * 1000, 1), q["sql"]) for q in slowest],
            }
            if show_sql == name:
                for query in queries.captured_queries:
                    print(f"-- {float(query['time']) * 1000:.1f} ms\n{query['sql']}\n")
            if explain:
                for ms, query in results[name]["slowest"][:1]:
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN ANALYZE " + query)
                        plan = "\n".join(row[0] for row in cursor.fetchall())
                    print(f"## {name}: {ms} ms\n{query}\n{plan}\n", file=sys.stderr)
    print("RESULTS" + json.dumps(results))


def blocks(connection, sql):
    """The database pages a query reads (shared buffer hits and reads): its work, which the
    load of a shared machine does not change, unlike its time."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return 0
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0][0]["Plan"]
    return plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)


def run(database, args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "osce_site.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
    }
    command = [sys.executable, __file__, "--inner", "--runs", str(args.runs)]
    if args.explain:
        command.append("--explain")
    if args.sql:
        command += ["--sql", args.sql]
    out = subprocess.run(
        command, cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE
    ).stdout
    before, _, data = out.partition("RESULTS")
    print(before, end="")
    return json.loads(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("databases", nargs="*")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--sql", help="print every query of this page")
    parser.add_argument("--inner", action="store_true")
    args = parser.parse_args()
    if args.inner:
        sys.path.insert(0, str(ROOT))
        return profile(args.runs, args.explain, args.sql)
    # Rounds in alternating order, keeping each page's fastest: the load of a shared machine
    # comes and goes, and should not decide which size looks slower.
    measured = {}
    for number in range(args.rounds):
        order = args.databases if number % 2 == 0 else args.databases[::-1]
        for database in order:
            figures = run(database, args)
            for page, new in figures.items():
                old = measured.setdefault(database, {}).get(page)
                if old is None or new["ms"] < old["ms"]:
                    measured[database][page] = {
                        **new,
                        "sql_ms": min(new["sql_ms"], (old or new)["sql_ms"]),
                    }
    first, last = args.databases[0], args.databases[-1]
    header = "| page |" + "".join(
        f" {db} queries | blocks | SQL ms | ms |" for db in args.databases
    )
    print(header + f" ms {last}/{first} | blocks {last}/{first} |")
    print("|---|" + "---:|---:|---:|---:|" * len(args.databases) + "---:|---:|")
    for page in PAGES:
        row = f"| {page} |"
        for database in args.databases:
            figures = measured[database][page]
            row += (
                f" {figures['queries']} | {figures['blocks']} | {figures['sql_ms']:.1f} |"
                f" {figures['ms']:.1f} |"
            )
        ratio = measured[last][page]["ms"] / measured[first][page]["ms"]
        work = measured[last][page]["blocks"] / max(1, measured[first][page]["blocks"])
        print(row + f" {ratio:.2f} | {work:.2f} |")
    for page in PAGES:
        print(f"\n{page}, slowest queries at {last}:")
        for ms, sql in measured[last][page]["slowest"]:
            print(f"  {ms} ms  {sql[:300]}")


if __name__ == "__main__":
    main()
