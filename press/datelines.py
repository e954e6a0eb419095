"""Datelines, the opening of a release's body: "LJUBLJANA, 5 December 2005 – The ...".
How the old site wrote them (read by the importer), and the check that a release's
dateline agrees with its place and date (the admin warns on save, the changelist filters
on it, the importer reports it)."""

import datetime
import html
import re

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext

_MONTHS = "january february march april may june july august september october november december"
_MONTHS_RU = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
MONTHS = {name: n for n, full in enumerate(_MONTHS.split(), 1) for name in (full, full[:3])}
MONTHS.update({name: n for n, name in enumerate(_MONTHS_RU.split(), 1)})
MONTHS["sept"] = 9
WEEKDAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"

DASH = r"(?:-{1,2}|[–—])"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTH = r"[^\W\d_]{3,}\.?"
DATE = (
    rf"{_DAY}\s+{_MONTH},?\s+\d{{4}}(?:\s*г\.?)?"  # 5 December 2005, 17 October, 2000
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # October 19, 2001
    r"|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2}"
)
# The old site's datelines over the years: "LJUBLJANA, 5 December 2005 - ",
# "COPENHAGEN, 19 October 2001 (OSCE)--", "ZAGREB, 17 October, 2000--",
# "TIRANA / BRUSSELS / GENEVA – 6 October 2020.", or the date alone.
DATELINE = re.compile(
    rf"(?:(?P<place>[^\W\d_][^\d,;:!?()\"“”]{{0,79}}?)\s*(?:,|{DASH})\s*)?"
    rf"(?P<date>{DATE})"
    rf"(?:\s*(?:\([^()]{{1,20}}\)|/OSCE/))?"
    rf"\s*(?:{DASH}+\s*|[.:]\s+|$)"
)
# A dateline whose date cannot be read: the place and the text up to the dash still go.
LOOSE_DATELINE = re.compile(
    rf"(?P<place>[^\W\d_][^\d,;:!?()\"“”]{{0,59}}?)\s*,\s*[^\n]{{0,40}}?\d{{4}}[^\n]{{0,20}}?"
    rf"\s+{DASH}+\s*|(?P<place2>[^\W\d_][^\d,;:!?()\"“”]{{0,59}}?)\s*,\s*[^\n]{{0,40}}?\d{{4}}"
    rf"[^\n]{{0,20}}?{DASH}{{2}}\s*"
)
PLACE_ONLY_DATELINE = re.compile(
    rf"(?P<place>[^\W\d_][^\W\d_ ./'’-]*(?:[ ./'’-]+[^\W\d_]+)*?)\s*(?:\s{DASH}|{DASH}{{2}})\s+"
)


def parse_date(text):
    """A date as the old site wrote it (5 December 2005, 5 Dec. 2005, 17 October, 2000,
    October 19, 2001, 05.12.2005, 2005-12-05, 5 декабря 2005 г.), or None."""
    text = " ".join(text.replace(",", " ").split()).lower()
    text = re.sub(rf"^{WEEKDAYS}", "", text)
    text = re.sub(r"\s*г\.?$", "", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"([^\W\d_])\.", r"\1", text)
    try:
        if match := re.fullmatch(r"(\d{1,2}) ([^\W\d_]+) (\d{4})", text):
            day, month, year = match.groups()
            return datetime.date(int(year), MONTHS[month], int(day))
        if match := re.fullmatch(r"([^\W\d_]+) (\d{1,2}) (\d{4})", text):
            month, day, year = match.groups()
            return datetime.date(int(year), MONTHS[month], int(day))
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            day, month, year = map(int, match.groups())
            return datetime.date(year, month, day)
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return datetime.date(*map(int, match.groups()))
    except (KeyError, ValueError):
        pass
    return None


def without_leading_dashes(text):
    return re.sub(r"^[\s\-–—:.,]+", "", text)


def split_dateline(paragraph):
    """(place, date, rest of the paragraph). Place and date are empty without a dateline; a
    dateline whose date cannot be read still gives its place and leaves the text."""
    match = DATELINE.match(paragraph)
    day = match and parse_date(match["date"])
    if day:
        rest = without_leading_dashes(paragraph[match.end() :])
        return (match["place"] or "").strip(), day, rest
    loose = LOOSE_DATELINE.match(paragraph)
    # Only an upper-case place, as the old site printed it: a sentence is never a dateline.
    place = loose and (loose["place"] or loose["place2"]).strip()
    if place and place == place.upper():
        return place, None, without_leading_dashes(paragraph[loose.end() :])
    # "VIENNA -- The ...": an upper-case place and a dash, with no date at all.
    bare = PLACE_ONLY_DATELINE.match(paragraph)
    if bare and bare["place"] == bare["place"].upper():
        return bare["place"].strip(), None, without_leading_dashes(paragraph[bare.end() :])
    return "", None, paragraph


OPENING_BLOCK = re.compile(r"<(p|h[2-4]|li|blockquote)\b[^>]*>(.*?)</\1>", re.S | re.I)


def opening_text(body):
    """The text of the body's first paragraph (or heading), without its markup."""
    match = OPENING_BLOCK.search(body or "")
    return " ".join(html.unescape(strip_tags(match[2])).split()) if match else ""


def _same_place(dateline_place, place):
    named = {part.strip().casefold() for part in re.split(r"[/,]", dateline_place)}
    return place.strip().casefold() in named | {dateline_place.strip().casefold()}


def _day(day):
    return formats.date_format(day, "j E Y")  # 5 December 2005; E: the month as in a date


def problems(body, place, published_at):
    """Where the dateline that opens the body disagrees with the release's place and date,
    in words for the editor; empty when they agree or the body has no dateline."""
    written_place, written_day, _ = split_dateline(opening_text(body))
    found = []
    if written_place and not place.strip():
        message = gettext("The place is empty, but the body opens with “%(written)s”.")
        found.append(message % {"written": written_place})
    elif written_place and not _same_place(written_place, place):
        message = gettext("The body opens with “%(written)s”, but the place is “%(place)s”.")
        found.append(message % {"written": written_place, "place": place})
    if written_day and published_at:
        day = timezone.localtime(published_at).date()
        if written_day != day:
            message = gettext(
                "The body's dateline says %(written)s, but the publication date is %(day)s."
            )
            found.append(message % {"written": _day(written_day), "day": _day(day)})
    return found
