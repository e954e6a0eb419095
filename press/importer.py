"""Import press releases saved as text from the old website.

A saved page holds the site's navigation menu, then `Press release`, the title, a metadata
block of `- Key:` / `- value` lines, and the body, one paragraph a line. Parsing is pure
(text in, `LegacyRelease` out); importing matches the names against the database, and
nothing on the page is dropped without a word: a name that matches nothing is mapped
(`names`), created (`create_missing`), kept as a tag, or the file is refused, and every
such name is reported with the files that use it.
"""

import csv
import datetime
import html
import os
import re
import stat
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import reversion
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from press.datelines import DASH, DATE, parse_date, split_dateline, without_leading_dashes
from press.models import PressRelease, SlugRedirect, sanitize_body
from structures.models import Structure, StructureName
from taxonomy.models import Term, Vocabulary

VIENNA = ZoneInfo("Europe/Vienna")
SUMMARY_LENGTH = 300
# A saved page is tens of kilobytes; a file of megabytes is not one release page (and would
# hold up the batch and the database for nothing).
MAX_FILE_BYTES = 1_000_000
# The organisation's releases start with the Helsinki Final Act's follow-up (1975); a later
# date than next year is a typing error on the old site.
FIRST_YEAR = 1975
# Where bodies created for names the tree does not have are put (the structure's slug).
CLOSED_FIELD_ACTIVITIES = "closed-field-activities"

# The keys of the metadata block, as spelt on old pages, and what they mean here.
KEYS = {
    "date": "date",
    "place": "place",
    "source": "source",
    "sources": "source",
    "fields of work": "fields",
    "field of work": "fields",
    "countries": "countries",
    "country": "countries",
    "tags": "tags",
    "url": "address",
    "address": "address",
    "old address": "address",
    "link": "address",
    # Pages of the Russian version of the old site.
    "дата": "date",
    "место": "place",
    "источник": "source",
    "направления деятельности": "fields",
    "направление деятельности": "fields",
    "страны": "countries",
    "страна": "countries",
    "теги": "tags",
    "метки": "tags",
}
KEY_LINE = re.compile(r"-\s*(?P<key>[^\W\d_](?:[^\W\d_]| ){0,40}?)\s*:\s*(?P<value>.*)")
URL_LINE = re.compile(r"(?:(?:url|address)\s*:\s*)?(?P<url>https?://\S+)", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"”’')]?(?=\s|$)")
# C0 controls (Word's manual line break, \x01 ...) break feeds and mean nothing on a page.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The old site's "OSCE Chairpersonship" (earlier "Chairmanship") is always the structure with
# this slug, whatever the structure is called now.
SOURCE_ALIASES = {
    "chairpersonship": "chairpersonship",
    "chairmanship": "chairpersonship",
    "chairperson-in-office": "chairpersonship",
    "chairman-in-office": "chairpersonship",
}


def _max_length(model, name):
    return model._meta.get_field(name).max_length


class Refused(Exception):
    """The file cannot be imported; the message says why."""


@dataclass
class Options:
    overwrite: bool = False  # replace what editors changed in the admin
    dry_run: bool = False  # do everything, then roll each file back
    create_missing: bool = False  # create unknown bodies and fields of work
    names: dict = field(default_factory=dict)  # normalised old name → the name to use


@dataclass
class LegacyRelease:
    title: str
    date: datetime.date
    place: str
    source: str  # as printed: one body or several, comma-separated
    fields: list[str]
    countries: list[str] | None  # None: no Countries key, so find them in the text
    tags: list[str]
    paragraphs: list[str]
    lead: str  # the first paragraph without its dateline
    notes: list[str] = field(default_factory=list)
    address: str = ""  # the page's address on the old site, when the saved page has it

    @property
    def slug(self):
        """Readable in the page's language; taggit makes tag slugs the same way."""
        return slugify(self.title, allow_unicode=True)[:200].strip("-")

    @property
    def published_at(self):
        return datetime.datetime.combine(self.date, datetime.time(12), tzinfo=VIENNA)

    @property
    def body(self):
        return "\n".join(f"<p>{html.escape(text)}</p>" for text in self.paragraphs)

    @property
    def summary(self):
        return summarise(self.lead)


@dataclass
class Unmatched:
    """A name from a page that matched nothing in the database, and what became of it."""

    what: str  # body, field of work, country
    name: str
    action: str  # unknown (the file is refused), created, kept as a tag

    def __str__(self):
        return f"{self.what} '{self.name}' ({self.action})"


@dataclass
class Outcome:
    path: str
    status: str  # imported, updated, unchanged, kept (edited in the admin) or refused
    slug: str = ""
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)


# Parsing: text in, LegacyRelease out.


def summarise(text, limit=SUMMARY_LENGTH):
    """The longest run of whole sentences within the limit; a word cut only if the first
    sentence alone is too long."""
    if len(text) <= limit:
        return text
    ends = [match.end() for match in SENTENCE_END.finditer(text) if match.end() <= limit]
    if ends:
        return text[: ends[-1]]
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def normalise_address(url):
    """One spelling per page: https, lower-case host, no trailing slash or fragment."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"https://{parts.netloc.lower()}{path}{query}"


def _key(line):
    """(key as written, value) of a `- Key:` line, or None."""
    match = KEY_LINE.fullmatch(line)
    return match and (match["key"], match["value"].strip())


def _known_key(line):
    key = _key(line)
    return key and key[0].lower() in KEYS


def check_date(day):
    last = timezone.localdate().year + 1
    if not FIRST_YEAR <= day.year <= last:
        raise Refused(f"impossible date {day.isoformat()}: not between {FIRST_YEAR} and {last}")


def check_length(what, value, limit):
    if len(value) > limit:
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise Refused(f"{what} '{shown}' is {len(value)} characters long; at most {limit} fit")


def parse(text):
    """Read one saved page. Raises Refused when it lacks a title, a date, a body or a Source,
    or when a value cannot be right (a date outside the organisation's years, a place longer
    than the field)."""
    text = CONTROLS.sub("", text)
    lines = [line.strip() for line in text.splitlines()]
    # The metadata block starts at the first known key and the title is the line before it,
    # which skips the menu whether or not the page has one, or a `Press release` line.
    start = next((i for i, line in enumerate(lines) if _known_key(line)), None)
    if start is None:
        raise Refused("no metadata block (Date:, Place:, Source:)")
    addresses = [match["url"] for line in lines[:start] if (match := URL_LINE.fullmatch(line))]
    before = [line for line in lines[:start] if line and not URL_LINE.fullmatch(line)]
    title = before[-1] if before else ""
    if not title or title.startswith("-") or title.lower() in {"press release", "пресс-релиз"}:
        raise Refused("no title")

    values, notes, current, end = defaultdict(list), [], None, len(lines)
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        if not line.startswith("-"):
            end = i
            break
        key = _key(line)
        if key and key[0].lower() in KEYS:
            current, value = KEYS[key[0].lower()], key[1]
        elif key and not key[1]:
            current = None  # its values are skipped too
            notes.append(f"ignored unknown key '{key[0]}'")
            continue
        else:  # a value, even one holding a colon
            value = line[1:].strip()
        if current and value:
            values[current].append(value)

    paragraphs = [line for line in lines[end:] if line]
    if not paragraphs:
        raise Refused("no body")
    place, dateline_date, lead = split_dateline(paragraphs[0])
    if not lead and len(paragraphs) > 1:  # a dateline on a line of its own
        lead = without_leading_dashes(paragraphs[1])
    printed_place = " ".join(values["place"])
    if not place and printed_place and lead.lower().startswith(printed_place.lower()):
        # A dateline in a shape not foreseen, whose place the metadata gives: the summary
        # starts after its dash all the same.
        rest = re.split(rf"\s{DASH}+\s|{DASH}{{2}}", lead, maxsplit=1)
        if len(rest) == 2 and len(rest[0]) <= len(printed_place) + 40:
            lead = without_leading_dashes(rest[1])

    date_text = " ".join(values["date"])
    date = parse_date(date_text) if date_text else dateline_date
    if date_text and not date and (found := re.search(DATE, date_text)):
        date = parse_date(found[0])  # "Monday 5 December 2005, 14:30 CET"
    if date_text and not date:
        raise Refused(f"cannot read the date '{date_text}'")
    if not date:
        raise Refused("no date, neither in Date: nor in a dateline")
    check_date(date)
    source = ", ".join(values["source"])
    if not source:
        raise Refused("no Source")

    def items(key):
        return [name.strip() for value in values[key] for name in value.split(",") if name.strip()]

    address = (values["address"] or addresses or [""])[0]
    parsed = LegacyRelease(
        title=title,
        date=date,
        place=" ".join(values["place"]) or place,
        source=source,
        fields=items("fields"),
        countries=items("countries") if values["countries"] else None,
        tags=items("tags"),
        paragraphs=paragraphs,
        lead=lead,
        notes=notes,
        address=normalise_address(address) if address else "",
    )
    check_length("title", parsed.title, _max_length(PressRelease, "title"))
    check_length("place", parsed.place, _max_length(PressRelease, "place"))
    check_length("old address", parsed.address, _max_length(PressRelease, "legacy_id"))
    for tag in parsed.tags:
        check_length("tag", tag, _max_length(Tag, "name"))
    return parsed


def read(path):
    """Parse a file; a BOM and any line ending are fine, anything but UTF-8 is not, and
    neither is anything but a regular file of at most MAX_FILE_BYTES (a FIFO or a device
    would block the batch or never end)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise Refused(f"file of {info.st_size:,} bytes; a page has at most {MAX_FILE_BYTES:,}")
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open() returns.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise Refused("not a regular file")
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise Refused(f"cannot read the file: {(error.strerror or str(error)).lower()}") from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused(f"file of more than {MAX_FILE_BYTES:,} bytes")
    if not data.strip():
        raise Refused("empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused(f"not UTF-8 text (byte 0x{data[error.start]:02x} at {error.start})") from None
    return parse(text)


def collect_paths(paths):
    """The files to import: each path given, and every file under a folder (recursively,
    sorted, hidden files and folders skipped). A path that does not exist is kept, so that
    it is reported as refused rather than forgotten."""
    found = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            found.extend(Path(folder) / name for name in sorted(files) if not name.startswith("."))
    return found


def normalise(name):
    """Compare names as the old site wrote them: "OSCE Centre in Almaty (closed)" is
    "Centre in Almaty"."""
    name = " ".join(unicodedata.normalize("NFKC", name).split()).lower()
    name = re.sub(r"^(?:the\s+)?osce\s+", "", name)
    return re.sub(r"\s*\((?:closed|закрыт\w*)\)$", "", name)


def load_names(path):
    """The mapping file: CSV rows `old name,name in the database` (a header row is fine).
    Raises Refused for a file that cannot be read."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise Refused(f"cannot read the names file {path}: {error}") from None
    names = {}
    for number, row in enumerate(rows, 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise Refused(f"{path}, line {number}: expected 'old name,name in the database'")
        if number == 1 and cells[0].lower() in {"old name", "old", "name", "from"}:
            continue
        names[normalise(cells[0])] = cells[1]
    return names


# Importing: names matched against the database.


class Catalogue:
    """The names the importer matches, loaded once per run rather than once per file.
    What a file adds (a created body or field) is undone here when its transaction is."""

    def __init__(self, options=None):
        self.options = options or Options()
        self.current, self.former = defaultdict(set), defaultdict(set)
        structures = Structure.objects.exclude(kind=Structure.Kind.INFORMATION_PAGE)
        self.by_slug = {structure.slug: structure for structure in structures}
        for structure in self.by_slug.values():
            self._add_structure(structure)
        by_pk = {structure.pk: structure for structure in self.by_slug.values()}
        for former in StructureName.objects.filter(structure__in=by_pk):
            self.former[normalise(former.name)].add(by_pk[former.structure_id])
        # setdefault: the first in tree order wins should two terms share a name
        self.fields, self.countries, self.field_slugs = {}, {}, {}
        for term in Term.objects.fields_of_work():
            self.fields.setdefault(normalise(term.name), term)
            self.field_slugs[term.slug] = term
        for term in Term.objects.countries():
            self.countries.setdefault(normalise(term.name), term)
        self.created_bodies = set()  # pks of the bodies this run created
        self.written = {}  # pk of each release this run wrote → the file it came from
        self._undo = []
        self.names = {}
        for old, new in self.options.names.items():
            target = self._mapped(new)
            if target is None:
                raise Refused(f"names file: '{new}' (for '{old}') is no structure, field of work "
                              "or country")  # fmt: skip
            self.names[old] = target

    def _add_structure(self, structure):
        for name in (structure.name, structure.short_name):
            if name:
                self.current[normalise(name)].add(structure)

    def _mapped(self, text):
        """What a mapping's right-hand side names: a structure (by slug, path or name), a
        field of work or a country (by name or slug)."""
        name = normalise(text)
        if text in self.by_slug:
            return self.by_slug[text]
        for structure in self.by_slug.values():
            if structure.path == text.strip("/"):
                return structure
        found = self.current.get(name) or self.former.get(name)
        if found and len(found) == 1:
            return next(iter(found))
        return (
            self.fields.get(name)
            or self.field_slugs.get(text)
            or self.countries.get(name)
            or next((t for t in self.countries.values() if t.slug == text), None)
        )

    def body(self, text, exact=False):
        """The structure a name on the Source line stands for, or None. The mapping file
        comes first; then current names and short names before former names, since a
        former name may since have been given to another body. `exact`: no guessing (for
        parts of a Source line joined to try a name holding a comma)."""
        name = normalise(text)
        mapped = self.names.get(name)
        if isinstance(mapped, Structure):
            return mapped
        if name in SOURCE_ALIASES and SOURCE_ALIASES[name] in self.by_slug:
            return self.by_slug[SOURCE_ALIASES[name]]
        for found in (self.current.get(name), self.former.get(name)):
            if found and len(found) > 1:
                names = ", ".join(sorted(structure.slug for structure in found))
                raise Refused(f"Source '{text}' matches several structures: {names}")
            if found:
                return next(iter(found))
        if exact:
            return None
        # "OSCE Office for Democratic Institutions and Human Rights (ODIHR)": the name, or
        # else the acronym.
        if match := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text.strip()):
            return self.body(match[1]) or self.body(match[2])
        # The old site signed with the person ("OSCE Special Representative and Co-ordinator
        # for ..."), the tree names the office; only as a last resort, since "Secretary
        # General" and "Office of the Secretary General" are two bodies.
        if not name.startswith("office of the "):
            return self.body(f"Office of the {name}")
        return None

    def source(self, text):
        """The one structure a name stands for; Refused when there is none."""
        found = self.body(text)
        if found is None:
            raise Refused(f"unknown Source '{text}'")
        return found

    def bodies(self, text):
        """[(name as printed, structure or None)] for a Source line. The old site listed
        several bodies separated by commas ("OSCE Chairmanship, OSCE Presence in Albania");
        the longest run of parts that names a body wins, so a name holding a comma or an
        "and" stays whole."""
        parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
        found, i = [], 0
        while i < len(parts):
            for j in range(len(parts), i, -1):
                name = ", ".join(parts[i:j])
                structure = self.body(name, exact=j - i > 1)
                if structure is not None:
                    found.append((name, structure))
                    i = j
                    break
            else:
                found.extend(self._split_and(parts[i]))
                i += 1
        return found

    def _split_and(self, name):
        pieces = [piece.strip() for piece in re.split(r"\s+(?:and|&|/)\s+", name)]
        matched = [self.body(piece) for piece in pieces]
        if len(pieces) > 1 and all(matched):
            return list(zip(pieces, matched, strict=True))
        return [(name, None)]

    def term(self, name, terms):
        """A field of work or a country by its name, through the mapping first."""
        mapped = self.names.get(normalise(name))
        if isinstance(mapped, Term) and mapped in terms.values():
            return mapped
        return terms.get(normalise(name))

    def countries_in(self, text):
        """Countries named as whole words: "Georgia" is not found in "Georgian"."""
        return [
            term
            for name, term in self.countries.items()
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
        ]

    # What a file adds, kept or undone with its transaction.

    def remember(self, undo):
        self._undo.append(undo)

    def commit(self):
        self._undo.clear()

    def rollback(self):
        while self._undo:
            self._undo.pop()()

    def create_body(self, name, day):
        """A closed field activity for a name the tree lacks: under Closed field activities,
        closed the day after the release (the editor corrects the dates)."""
        clean = re.sub(r"^(?:the\s+)?osce\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
        clean = re.sub(r"\s*\(closed\)$", "", clean, flags=re.IGNORECASE)
        check_length("body", clean, _max_length(Structure, "name"))
        parent, _ = Structure.objects.get_or_create(
            slug=CLOSED_FIELD_ACTIVITIES,
            defaults={
                "name": "Closed field activities",
                "kind": Structure.Kind.INFORMATION_PAGE,
            },
        )
        base = slugify(clean)[:180].strip("-") or "field-activity"
        slug, number = base, 1
        while slug in self.by_slug or Structure.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        structure = Structure.objects.create(
            name=clean,
            slug=slug,
            parent=parent,
            kind=Structure.Kind.FIELD_OPERATION,
            closed=day + datetime.timedelta(days=1),
            description="Created by the import of the old website's press releases.",
        )
        self.by_slug[slug] = structure
        self.created_bodies.add(structure.pk)
        self._add_structure(structure)

        def undo():
            del self.by_slug[slug]
            self.created_bodies.discard(structure.pk)
            self.current[normalise(structure.name)].discard(structure)

        self.remember(undo)
        return structure

    def wrote(self, release, path_name):
        """Remember which file gave the release its content in this run."""
        self.written[release.pk] = path_name
        self.remember(lambda: self.written.pop(release.pk, None))

    def close_after(self, structure, day):
        """A body this run created was still at work on `day`: it closed after it."""
        closed, structure.closed = structure.closed, day + datetime.timedelta(days=1)
        structure.save(update_fields=["closed"])
        self.remember(lambda: setattr(structure, "closed", closed))

    def create_field(self, name):
        check_length("field of work", name, _max_length(Term, "name"))
        root = Term.objects.get(vocabulary=Vocabulary.FIELDS_OF_WORK, parent=None)
        base = slugify(name)[:180].strip("-") or "field"
        slug, number = base, 1
        while (
            slug in self.field_slugs
            or Term.objects.filter(vocabulary=Vocabulary.FIELDS_OF_WORK, slug=slug).exists()
        ):
            number += 1
            slug = f"{base}-{number}"
        # Out of the menu until an editor places it: the menu is the seed's, item by item.
        term = Term.objects.create(name=name, slug=slug, parent=root, in_menu=False)
        key = normalise(name)
        self.fields[key], self.field_slugs[slug] = term, term

        def undo():
            self.fields.pop(key, None)
            self.field_slugs.pop(slug, None)

        self.remember(undo)
        return term


def _same(release, values, relations, tags):
    return (
        # The source by id: reading the release's own would cost a query a file.
        all(
            getattr(release, f"{name}_id" if name == "source" else name)
            == getattr(value, "pk", value)
            for name, value in values.items()
        )
        and all(
            set(getattr(release, name).values_list("pk", flat=True)) == {t.pk for t in terms}
            for name, terms in relations.items()
        )
        # Tags compare case-insensitively, as taggit matches them (TAGGIT_CASE_INSENSITIVE).
        and {name.lower() for name in release.tags.names()} == {name.lower() for name in tags}
    )


def page_key(parsed):
    """A page's identity when its old address is unknown: date, Source as printed, title.
    As printed, so that a better reading of the Source later keeps the page's identity."""
    key = f"{parsed.date.isoformat()} {normalise(parsed.source)} | {parsed.title}"
    return key[: _max_length(PressRelease, "legacy_id")]


def find_release(parsed, source):
    """The release this page was imported as before, or None. The same release is the one
    with the page's old address, or with its date, source and title; two pages that share
    a title are two releases."""
    key = page_key(parsed)
    day = datetime.datetime.combine(parsed.date, datetime.time(0), tzinfo=VIENNA)
    same_page = Q(
        source=source,
        title=parsed.title,
        published_at__gte=day,
        published_at__lt=day + datetime.timedelta(days=1),
    )
    identities = [parsed.address, key] if parsed.address else [key]
    # One query for the three ways, then the strongest wins: the address, then the key
    # recorded at the first import, then date, source and title as they are now.
    found = list(PressRelease.objects.filter(Q(legacy_id__in=identities) | same_page)[:20])
    for identity in identities:
        for release in found:
            if release.legacy_id == identity:
                return release
    return min(found, key=lambda release: release.pk, default=None)


def unique_slug(parsed):
    """The title's slug, with the date added when another release has it already (two
    releases can share a title), and a number after that. An old address that redirects
    counts as taken: reusing it would break the redirect."""
    day = parsed.date.isoformat()
    base = parsed.slug or f"release-{day}"
    candidates = [base, f"{base}-{day}", *(f"{base}-{day}-{n}" for n in range(2, 100))]
    candidates = list(dict.fromkeys(candidates))
    releases = PressRelease.objects.filter(slug__in=candidates).values_list("slug")
    redirects = SlugRedirect.objects.filter(old_slug__in=candidates).values_list("old_slug")
    taken = {slug for (slug,) in releases.order_by().union(redirects.order_by())}
    for slug in candidates:
        if slug not in taken:
            return slug
    raise Refused(f"no free address for '{base}'")


def _terms(names, terms, what, catalogue, create, report, warnings):
    """The terms for the names; an unknown one is created when asked, else kept as a tag.
    Returns (terms, names kept as tags)."""
    found, as_tags = [], []
    for name in names:
        term = catalogue.term(name, terms)
        if term is None and create:
            term = create(name)
            report.append(Unmatched(what, name, "created"))
        if term is None:
            as_tags.append(name)
            report.append(Unmatched(what, name, "kept as a tag"))
            warnings.append(f"{what} '{name}' is unknown: kept as a tag")
        elif term not in found:
            found.append(term)
    return found, as_tags


def save_release(parsed, catalogue, options=None, report=None, path_name="an earlier file"):
    """Create or update the release; returns (status, slug, warnings). Nothing is written
    when the file's content is already in the database, nor over an editor's changes unless
    `overwrite` is given (their version then stays in the release's history). Names that
    match nothing are added to `report`."""
    options = options or catalogue.options
    report = [] if report is None else report
    warnings = list(parsed.notes)

    bodies = catalogue.bodies(parsed.source)
    unknown = [name for name, structure in bodies if structure is None]
    if unknown and not options.create_missing:
        report.extend(Unmatched("body", name, "unknown") for name in unknown)
        names = ", ".join(f"'{name}'" for name in unknown)
        raise Refused(
            f"unknown body {names} in Source: map it with --names or create it with "
            "--create-missing"
        )
    structures = []
    for name, structure in bodies:
        if structure is None:
            structure = catalogue.create_body(name, parsed.date)
            report.append(Unmatched("body", name, "created under Closed field activities"))
        elif structure.pk in catalogue.created_bodies and structure.closed <= parsed.date:
            catalogue.close_after(structure, parsed.date)
        if structure not in structures:
            structures.append(structure)
    source, further = structures[0], structures[1:]

    create_field = catalogue.create_field if options.create_missing else None
    fields, field_tags = _terms(
        parsed.fields, catalogue.fields, "field of work", catalogue, create_field, report, warnings
    )
    if parsed.countries is None:
        countries = catalogue.countries_in(f"{parsed.title}\n{parsed.paragraphs[0]}")
        country_tags = []
    else:
        countries, country_tags = _terms(
            parsed.countries, catalogue.countries, "country", catalogue, None, report, warnings
        )
    tags = list(dict.fromkeys([*parsed.tags, *field_tags, *country_tags]))
    for tag in tags:
        check_length("tag", tag, _max_length(Tag, "name"))

    values = {
        "title": parsed.title,
        "published_at": parsed.published_at,
        "place": parsed.place,
        "source": source,
        "summary": parsed.summary,
        # Compared with the stored body, which the model's save has sanitised.
        "body": sanitize_body(parsed.body),
    }
    relations = {"fields_of_work": fields, "countries": countries, "structures": further}

    release = find_release(parsed, source)
    earlier = release and catalogue.written.get(release.pk)
    if earlier and not _same(release, values, relations, tags):
        # Two pages of one release in one batch would overwrite each other on every run.
        raise Refused(
            f"the same release as {earlier} (same old address, or same date, Source and "
            "title) with other content; import the right one alone"
        )
    if release is None:
        # Published as on the old site. An existing release keeps its state: an editor
        # may have withdrawn it since.
        release = PressRelease(
            slug=unique_slug(parsed),
            status=PressRelease.Status.PUBLISHED,
            legacy_id=parsed.address or page_key(parsed),
        )
        status = "imported"
    elif release.legacy_id and _same(release, values, relations, tags):
        catalogue.wrote(release, path_name)
        return "unchanged", release.slug, warnings + dateline_warnings(release)
    elif release.updated_by_id is not None and not options.overwrite:
        warnings.append(f"kept the changes {release.updated_by} made in the admin")
        catalogue.wrote(release, path_name)
        return "kept", release.slug, warnings
    else:
        status = "updated"
        # A release made before the importer knew old addresses is recognised from now on.
        release.legacy_id = release.legacy_id or parsed.address or page_key(parsed)
    for name, value in values.items():
        setattr(release, name, value)
    release.updated_by = None  # as imported: the next import may update it again
    try:
        # SQLite ignores column lengths; validating here refuses the same files everywhere.
        # Fields only: the slug and the old address were made unique above, and the source
        # comes from the database, so the queries of full_clean would only slow the batch.
        release.clean_fields(exclude=["source", "translation_of"])
        release.clean()
    except ValidationError as error:
        problems = (f"{key}: {' '.join(messages)}" for key, messages in error.message_dict.items())
        raise Refused("; ".join(problems)) from None
    new = release.pk is None
    release.save()
    for name, terms in relations.items():
        if new:
            getattr(release, name).add(*terms)
        else:
            getattr(release, name).set(terms)
    if tags or not new:
        release.tags.set(tags)
    _add_to_revision(release, relations if new else {})
    catalogue.wrote(release, path_name)
    return status, release.slug, warnings + dateline_warnings(release)


def dateline_warnings(release):
    """The admin's check: the old site's metadata and the text's dateline may disagree."""
    return [f"check the dateline: {problem}" for problem in release.dateline_problems()]


def _as_prefetched(name, objects):
    """A queryset that holds `objects` as if prefetch_related had read them."""
    queryset = PressRelease._meta.get_field(name).related_model._base_manager.all()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    return queryset


def _add_to_revision(release, known):
    """Add the release to the revision once, complete (added by reversion's signals, it
    would be serialised again after each relation is set). `known`: the relations of a
    new release, which reversion is handed rather than reading them back one query each;
    the rest of a new release is empty."""
    if known:
        empty = ("meetings", "contacts", "images", "attachments", "old_slugs")
        release._prefetched_objects_cache = {
            name: _as_prefetched(name, known.get(name, [])) for name in (*empty, *known)
        }
    try:
        reversion.add_to_revision(release)
    finally:
        release.__dict__.pop("_prefetched_objects_cache", None)


def import_file(path, catalogue=None, overwrite=None):
    """Import one file in its own transaction; a refused file leaves nothing behind, and a
    dry run leaves nothing at all."""
    catalogue = catalogue or Catalogue()
    options = catalogue.options
    if overwrite is not None:
        options = Options(**{**options.__dict__, "overwrite": overwrite})
    report = []
    try:
        parsed = read(path)
        with transaction.atomic():
            # atomic=False: inside this file's transaction already.
            with reversion.create_revision(manage_manually=True, atomic=False):
                reversion.set_comment(f"Imported from {Path(path).name}.")
                status, slug, warnings = save_release(
                    parsed, catalogue, options, report, Path(path).name
                )
            if options.dry_run:
                transaction.set_rollback(True)
    except Refused as error:
        catalogue.rollback()
        return Outcome(str(path), "refused", reason=str(error), unmatched=report)
    except DatabaseError as error:  # whatever slipped past the checks: this file only
        catalogue.rollback()
        reason = f"the database refused it: {' '.join(str(error).split())}"
        return Outcome(str(path), "refused", reason=reason, unmatched=report)
    if options.dry_run:
        catalogue.rollback()
    catalogue.commit()
    return Outcome(str(path), status, slug=slug, warnings=warnings, unmatched=report)


def import_each(paths, options=None):
    """Import the files one by one: each one's Outcome as it is done. Raises Refused at
    once when the names file maps to nothing."""
    catalogue = Catalogue(options)
    return (import_file(path, catalogue) for path in paths)


def import_files(paths, overwrite=False, options=None):
    options = options or Options(overwrite=overwrite)
    return list(import_each(paths, options))


def unmatched_names(outcomes):
    """Each name that matched nothing, once, with what became of it and the files using it:
    {(what, name, action): [path, ...]}."""
    found = defaultdict(list)
    for outcome in outcomes:
        for item in outcome.unmatched:
            files = found[(item.what, item.name, item.action)]
            if outcome.path not in files:
                files.append(outcome.path)
    return dict(found)


REPORT_COLUMNS = ["file", "outcome", "release slug", "unmatched names", "warnings"]


def write_report(outcomes, file):
    """The CSV report an editor opens in a spreadsheet: one row a file."""
    writer = csv.writer(file)
    writer.writerow(REPORT_COLUMNS)
    for outcome in outcomes:
        notes = [outcome.reason] if outcome.reason else []
        writer.writerow(
            [
                outcome.path,
                outcome.status,
                outcome.slug,
                "; ".join(map(str, outcome.unmatched)),
                "; ".join(notes + outcome.warnings),
            ]
        )
