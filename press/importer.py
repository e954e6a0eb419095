"""Import press releases saved as text from the old website.

A saved page holds the site's navigation menu, then `Press release`, the title, a metadata
block of `- Key:` / `- value` lines, and the body, one paragraph a line. Parsing is pure
(text in, `LegacyRelease` out); importing matches the names against the database.
"""

import datetime
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from press.models import PressRelease, sanitize_body
from structures.models import Structure, StructureName
from taxonomy.models import Term

VIENNA = ZoneInfo("Europe/Vienna")
SUMMARY_LENGTH = 300
# The keys of the metadata block, as spelt on old pages, and what they mean here.
KEYS = {
    "date": "date",
    "place": "place",
    "source": "source",
    "fields of work": "fields",
    "field of work": "fields",
    "countries": "countries",
    "country": "countries",
    "tags": "tags",
}
KEY_LINE = re.compile(r"-\s*(?P<key>[A-Za-z][A-Za-z ]{0,40}?)\s*:\s*(?P<value>.*)")
_MONTHS = "january february march april may june july august september october november december"
MONTHS = {name: n for n, full in enumerate(_MONTHS.split(), 1) for name in (full, full[:3])}
DATE = r"\d{1,2}\s+[A-Za-z]+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2}"
# "LJUBLJANA, 5 December 2005 - ", or the date alone; the dash may be en or em.
DATELINE = re.compile(rf"(?:(?P<place>[^\W\d][^,]{{0,59}}),\s*)?(?P<date>{DATE})\s*(?:[-–—]\s*|$)")
SENTENCE_END = re.compile(r"[.!?][\"”’')]?(?=\s|$)")
# The old site's "OSCE Chairpersonship" (earlier "Chairmanship") is always the structure with
# this slug, whatever the structure is called now.
SOURCE_ALIASES = {"chairpersonship": "chairpersonship", "chairmanship": "chairpersonship"}


class Refused(Exception):
    """The file cannot be imported; the message says why."""


@dataclass
class LegacyRelease:
    title: str
    date: datetime.date
    place: str
    source: str
    fields: list[str]
    countries: list[str] | None  # None: no Countries key, so find them in the text
    tags: list[str]
    paragraphs: list[str]
    lead: str  # the first paragraph without its dateline
    notes: list[str] = field(default_factory=list)

    @property
    def slug(self):
        return slugify(self.title)[:200]

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
class Outcome:
    path: str
    status: str  # imported, updated, unchanged, kept (edited in the admin) or refused
    slug: str = ""
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def parse_date(text):
    """A date as the old site wrote it (5 December 2005, 05.12.2005, 2005-12-05), or None."""
    text = " ".join(text.split())
    try:
        if match := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text):
            day, month, year = match.groups()
            return datetime.date(int(year), MONTHS[month.lower()], int(day))
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            day, month, year = map(int, match.groups())
            return datetime.date(year, month, day)
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return datetime.date(*map(int, match.groups()))
    except (KeyError, ValueError):
        pass
    return None


def split_dateline(paragraph):
    """(place, date, rest of the paragraph); place and date are empty without a dateline."""
    match = DATELINE.match(paragraph)
    day = match and parse_date(match["date"])
    if not day:
        return "", None, paragraph
    return (match["place"] or "").strip(), day, paragraph[match.end() :].strip()


def summarise(text, limit=SUMMARY_LENGTH):
    """The longest run of whole sentences within the limit; a word cut only if the first
    sentence alone is too long."""
    if len(text) <= limit:
        return text
    ends = [match.end() for match in SENTENCE_END.finditer(text) if match.end() <= limit]
    if ends:
        return text[: ends[-1]]
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _key(line):
    """(key as written, value) of a `- Key:` line, or None."""
    match = KEY_LINE.fullmatch(line)
    return match and (match["key"], match["value"].strip())


def _known_key(line):
    key = _key(line)
    return key and key[0].lower() in KEYS


def parse(text):
    """Read one saved page. Raises Refused when it lacks a title, a date, a body or a Source."""
    lines = [line.strip() for line in text.splitlines()]
    # The metadata block starts at the first known key and the title is the line before it,
    # which skips the menu whether or not the page has one, or a `Press release` line.
    start = next((i for i, line in enumerate(lines) if _known_key(line)), None)
    if start is None:
        raise Refused("no metadata block (Date:, Place:, Source:)")
    before = [line for line in lines[:start] if line]
    title = before[-1] if before else ""
    if not title or title.startswith("-") or title.lower() == "press release":
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
        lead = paragraphs[1]

    date_text = " ".join(values["date"])
    date = parse_date(date_text) if date_text else dateline_date
    if date_text and not date:
        raise Refused(f"cannot read the date '{date_text}'")
    if not date:
        raise Refused("no date, neither in Date: nor in a dateline")
    source = " ".join(values["source"])
    if not source:
        raise Refused("no Source")

    def items(key):
        return [name.strip() for value in values[key] for name in value.split(",") if name.strip()]

    return LegacyRelease(
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
    )


def read(path):
    """Parse a file; a BOM and any line ending are fine, anything but UTF-8 is not."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise Refused(f"cannot read the file: {(error.strerror or str(error)).lower()}") from None
    if not data.strip():
        raise Refused("empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused(f"not UTF-8 text (byte 0x{data[error.start]:02x} at {error.start})") from None
    return parse(text)


def normalise(name):
    """Compare names as the old site wrote them: "OSCE Centre in Almaty (closed)" is
    "Centre in Almaty"."""
    name = " ".join(name.split()).lower()
    name = re.sub(r"^osce\s+", "", name)
    return re.sub(r"\s*\(closed\)$", "", name)


class Catalogue:
    """The names the importer matches, loaded once per run rather than once per file."""

    def __init__(self):
        self.current, self.former = defaultdict(set), defaultdict(set)
        structures = Structure.objects.exclude(kind=Structure.Kind.INFORMATION_PAGE)
        self.by_slug = {structure.slug: structure for structure in structures}
        for structure in self.by_slug.values():
            for name in (structure.name, structure.short_name):
                if name:
                    self.current[normalise(name)].add(structure)
        by_pk = {structure.pk: structure for structure in self.by_slug.values()}
        for former in StructureName.objects.filter(structure__in=by_pk):
            self.former[normalise(former.name)].add(by_pk[former.structure_id])
        # setdefault: the first in tree order wins should two terms share a name
        self.fields, self.countries = {}, {}
        for term in Term.objects.fields_of_work():
            self.fields.setdefault(term.name.lower(), term)
        for term in Term.objects.countries():
            self.countries.setdefault(term.name.lower(), term)

    def source(self, text):
        """The structure of a Source line. Current names and short names come before former
        names, since a former name may since have been given to another body."""
        name = normalise(text)
        if name in SOURCE_ALIASES and SOURCE_ALIASES[name] in self.by_slug:
            return self.by_slug[SOURCE_ALIASES[name]]
        for found in (self.current.get(name), self.former.get(name)):
            if found and len(found) > 1:
                names = ", ".join(sorted(structure.slug for structure in found))
                raise Refused(f"Source '{text}' matches several structures: {names}")
            if found:
                return next(iter(found))
        raise Refused(f"unknown Source '{text}'")

    def countries_in(self, text):
        """Countries named as whole words: "Georgia" is not found in "Georgian"."""
        return [
            term
            for name, term in self.countries.items()
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
        ]


def _match(names, terms, what, warnings):
    found = []
    for name in names:
        if name.lower() in terms:
            found.append(terms[name.lower()])
        else:
            warnings.append(f"could not match {what} '{name}'")
    return found


def _same(release, values, relations, tags):
    return (
        all(getattr(release, name) == value for name, value in values.items())
        and all(
            set(getattr(release, name).values_list("pk", flat=True)) == {t.pk for t in terms}
            for name, terms in relations.items()
        )
        # Tags compare case-insensitively, as taggit matches them (TAGGIT_CASE_INSENSITIVE).
        and {name.lower() for name in release.tags.names()} == {name.lower() for name in tags}
    )


def save_release(parsed, catalogue, overwrite=False):
    """Create or update the release; returns (status, warnings). Nothing is written when
    the file's content is already in the database, nor over an editor's changes unless
    `overwrite` is given (their version then stays in the release's history)."""
    warnings = list(parsed.notes)
    source = catalogue.source(parsed.source)
    fields = _match(parsed.fields, catalogue.fields, "field of work", warnings)
    if parsed.countries is None:
        countries = catalogue.countries_in(f"{parsed.title}\n{parsed.paragraphs[0]}")
    else:
        countries = _match(parsed.countries, catalogue.countries, "country", warnings)
    values = {
        "title": parsed.title,
        "published_at": parsed.published_at,
        "place": parsed.place,
        "source": source,
        "summary": parsed.summary,
        # Compared with the stored body, which the model's save has sanitised.
        "body": sanitize_body(parsed.body),
    }
    relations = {"fields_of_work": fields, "countries": countries}

    release = PressRelease.objects.filter(slug=parsed.slug).first()
    if release is None:
        # Published as on the old site. An existing release keeps its state: an editor
        # may have withdrawn it since.
        release = PressRelease(slug=parsed.slug, status=PressRelease.Status.PUBLISHED)
        status = "imported"
    elif _same(release, values, relations, parsed.tags):
        return "unchanged", warnings
    elif release.updated_by_id is not None and not overwrite:
        warnings.append(f"kept the changes {release.updated_by} made in the admin")
        return "kept", warnings
    else:
        status = "updated"
    for name, value in values.items():
        setattr(release, name, value)
    release.updated_by = None  # as imported: the next import may update it again
    try:
        # SQLite ignores column lengths; validating here refuses the same files everywhere.
        release.full_clean()
    except ValidationError as error:
        problems = (f"{key}: {' '.join(messages)}" for key, messages in error.message_dict.items())
        raise Refused("; ".join(problems)) from None
    release.save()
    for name, terms in relations.items():
        getattr(release, name).set(terms)
    release.tags.set(parsed.tags)
    return status, warnings


def import_file(path, catalogue=None, overwrite=False):
    """Import one file in its own transaction; a refused file leaves nothing behind."""
    catalogue = catalogue or Catalogue()
    try:
        parsed = read(path)
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment(f"Imported from {Path(path).name}.")
            status, warnings = save_release(parsed, catalogue, overwrite)
    except Refused as error:
        return Outcome(str(path), "refused", reason=str(error))
    return Outcome(str(path), status, slug=parsed.slug, warnings=warnings)


def import_files(paths, overwrite=False):
    catalogue = Catalogue()
    return [import_file(path, catalogue, overwrite) for path in paths]
