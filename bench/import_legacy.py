"""Import benchmark: generates N pages in the old site's shapes (default 1,000: several
bodies in Source, closed bodies the tree lacks, datelines of every period, unknown fields
of work, Russian titles, titles shared by several releases), imports the folder into a
fresh PostgreSQL database with the demo trees, then imports it again, and prints the
time of each run (wall clock, Django's start included, and the command's own CPU time,
which depends less on what else the machine is doing) as a figure, not a pass or fail.

Usage: .venv/bin/python bench/import_legacy.py [N]
BENCH_DATABASE_URL overrides postgres://postgres@127.0.0.1:5432/osce_bench_import."""

import datetime
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/osce_bench_import")

SOURCES = [
    "OSCE Chairmanship",
    "OSCE Chairpersonship",
    "ODIHR",
    "OSCE High Commissioner on National Minorities",
    "OSCE Representative on Freedom of the Media",
    "Secretary General",
    "OSCE Presence in Albania",
    "OSCE Mission in Kosovo",
    "OSCE Mission to Bosnia and Herzegovina",
    "OSCE Centre in Almaty",
    "OSCE Mission to Croatia",
    "OSCE Programme Office in Nur-Sultan",
    "OSCE Parliamentary Assembly",
]
CLOSED_UNKNOWN = [
    "OSCE Assistance Group to Chechnya",
    "OSCE Spillover Monitor Mission to Skopje",
    "OSCE Mission to Ukraine",
    "OSCE Representative to the Estonian Expert Commission",
]
FIELDS = [
    "Elections",
    "Democratization",
    "Human rights",
    "Rule of law",
    "Media freedom and development",
    "Policing",
    "Gender equality",
    "Safety of journalists",
    "Freedom of assembly",
]
PLACES = ["VIENNA", "WARSAW", "THE HAGUE", "TIRANA", "PRISTINA", "SARAJEVO", "ZAGREB", "ALMATY"]
MONTHS = "January February March April May June July August September October November December"
TITLES = [
    "{body} welcomes progress on {topic}",
    "{body} concerned about {topic}",
    "Chairmanship opens the annual human dimension meeting",
    "Заявление о {ru}",
]
TOPICS = ["police reform", "media laws", "voter lists", "minority education", "border crossings"]
RU = ["выборах", "свободе СМИ", "правах человека", "реформе полиции"]


def dateline(rng, place, day, month, year):
    month_name = MONTHS.split()[month - 1]
    shapes = [
        f"{place}, {day} {month_name} {year} - ",
        f"{place}, {day} {month_name} {year} (OSCE)--",
        f"{place}, {day} {month_name}, {year}--",
        f"{place} / GENEVA – {day} {month_name} {year}. ",
        f"{place}, {day} {month_name[:3]}. {year} — ",
        "",
    ]
    return rng.choice(shapes)


def page(number, rng):
    # One page a date, ten days apart: pages that share a title stay distinct releases.
    date = datetime.date(1995, 1, 1) + datetime.timedelta(days=10 * number + rng.randint(0, 9))
    year, month, day = date.year, date.month, date.day
    sources = [rng.choice(SOURCES)]
    if rng.random() < 0.3:
        sources.append(rng.choice(SOURCES + CLOSED_UNKNOWN))
    if rng.random() < 0.05:
        sources[0] = rng.choice(CLOSED_UNKNOWN)
    template = rng.choice(TITLES)
    title = template.format(
        body=sources[0].removeprefix("OSCE "), topic=rng.choice(TOPICS), ru=rng.choice(RU)
    )
    place = rng.choice(PLACES)
    fields = ", ".join(rng.sample(FIELDS, rng.randint(1, 3)))
    paragraphs = [
        f"Paragraph {n} of release {number}, written for the benchmark." for n in range(6)
    ]
    return "\n".join(
        [
            "Press release",
            title,
            "- Date:",
            f"- {day} {MONTHS.split()[month - 1]} {year}",
            "- Place:",
            f"- {place}",
            "- Source:",
            f"- {', '.join(sources)}",
            "- Fields of work:",
            f"- {fields}",
            dateline(rng, place, day, month, year) + paragraphs[0],
            *paragraphs[1:],
            "",
        ]
    )


def sh(*args, env):
    return subprocess.run(
        args, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def fresh_database():
    parts = urlsplit(URL)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def main(count):
    env = {**os.environ, "DATABASE_URL": URL, "DJANGO_SETTINGS_MODULE": "osce_site.settings.dev"}
    fresh_database()
    for args in (["migrate", "--noinput", "-v0"], ["loaddata", "taxonomy", "structures", "-v0"]):
        result = sh(PYTHON, "manage.py", *args, env=env)
        if result.returncode:
            sys.exit(result.stdout)
    rng = random.Random(10)
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            sub = Path(folder) / str(number // 100)
            sub.mkdir(exist_ok=True)
            (sub / f"{number:05d}.txt").write_text(page(number, rng), encoding="utf-8")
        print(f"{count} generated pages, PostgreSQL ({URL.rsplit('/', 1)[-1]}):")
        print(f"  load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for run in ("first import", "second import"):
            started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            result = sh(PYTHON, "manage.py", "import_legacy", folder, "--create-missing", env=env)
            seconds = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
            summary = re.findall(r"^\d+ files?: .*$", result.stdout, re.MULTILINE)
            print(
                f"  {run}: {seconds:.1f} s ({1000 * seconds / count:.1f} ms a page; the "
                f"command's own CPU {cpu:.1f} s); "
                f"{summary[-1] if summary else result.stdout[-500:]}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
