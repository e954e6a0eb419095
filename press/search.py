"""Full-text search over releases: PostgreSQL's ranked search where it runs, a plain
word match with the same query language elsewhere (the SQLite demo)."""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Func, Q, Value, When

# Each release is stemmed in its own language (migrations 0013 and 0024), accents folded
# but in Russian: Priština is found as Pristina, «выборах» finds «выборы».
CONFIGS = {
    "en": "osce_english",
    "fr": "osce_french",
    "de": "osce_german",
    "it": "osce_italian",
    "ru": "osce_russian",
    "es": "osce_spanish",
}
DEFAULT_LANGUAGE = "en"  # and its stemming for a language not listed
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Markers around matched words in excerpts; templates escape the text, then turn them into <mark>.
MARK_START, MARK_END = "\x02", "\x03"


def clean_query(text):
    """The words worth searching for, in a bounded string; '' when there are none."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    text = text.replace(MARK_START, " ").replace(MARK_END, " ")
    return " ".join(text.split()[:MAX_WORDS])


def _strip_tags(expression):
    return Func(expression, Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")


def search(releases, text, *, ranked=False):
    """Filter releases by the text; `ranked` orders by relevance and adds an `excerpt`
    with the matched words marked."""
    text = clean_query(text)
    if not text:
        return releases
    if connection.vendor == "postgresql":
        # Each release matched with the query stemmed as its own language is, so that an
        # exclusion excludes in every language. The query in all languages at once comes
        # first: one walk of the GIN index finds the candidates, which the rest checks.
        queries = {
            code: SearchQuery(text, search_type="websearch", config=config)
            for code, config in CONFIGS.items()
        }
        matches = [Q(language=code, search_vector=query) for code, query in queries.items()]
        other = ~Q(language__in=list(CONFIGS)) & Q(search_vector=queries[DEFAULT_LANGUAGE])
        releases = releases.filter(search_vector=reduce(or_, queries.values()))
        releases = releases.filter(reduce(or_, matches, other))
        if ranked:
            releases = releases.annotate(
                rank=_by_language(queries, lambda query: SearchRank(F("search_vector"), query)),
                excerpt=_by_language(queries, _excerpt),
            ).order_by("-rank", "-published_at")
        return releases
    releases = _match_words(releases, text)
    if ranked:
        releases = releases.annotate(excerpt=F("summary"))
    return releases


def _by_language(queries, expression):
    """The expression of each release's own query."""
    cases = [When(language=code, then=expression(query)) for code, query in queries.items()]
    return Case(*cases, default=expression(queries[DEFAULT_LANGUAGE]))


def _excerpt(query):
    return SearchHeadline(
        _strip_tags(F("body")),
        query,
        config=query.config,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=40,
        min_words=20,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


# Words, "quoted phrases" and -exclusions, the query language of PostgreSQL's websearch.
TERM = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


def _match_words(releases, text):
    """Where there is no full-text search (SQLite): each word or phrase matched from the start
    of a word, case-insensitively, never inside an HTML tag; no stemming."""
    wanted, unwanted = [], []
    for phrase_minus, phrase, word_minus, word in TERM.findall(text):
        words = re.findall(r"\w+", phrase or word)
        if words:
            pattern = r"(?<![\w</])" + r"\W+".join(map(re.escape, words))
            (unwanted if phrase_minus or word_minus else wanted).append(pattern)
    if not wanted and not unwanted:
        return releases.none()
    for pattern in wanted:
        releases = releases.filter(_anywhere(pattern))
    for pattern in unwanted:
        releases = releases.exclude(_anywhere(pattern))
    return releases


def _anywhere(pattern):
    return Q(title__iregex=pattern) | Q(summary__iregex=pattern) | Q(body__iregex=pattern)
