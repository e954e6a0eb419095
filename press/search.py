"""Full-text search over releases: PostgreSQL's ranked search where it runs, a plain
word match elsewhere (the SQLite demo)."""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, Value

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
        query = SearchQuery(text, search_type="websearch", config="english")
        releases = releases.filter(search_vector=query)
        if ranked:
            releases = releases.annotate(
                rank=SearchRank(F("search_vector"), query),
                excerpt=SearchHeadline(
                    _strip_tags(F("body")),
                    query,
                    config="english",
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            ).order_by("-rank", "-published_at")
        return releases
    words = re.findall(r"\w+", text)
    if not words:
        return releases.none()
    for word in words:
        releases = releases.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    if ranked:
        releases = releases.annotate(excerpt=F("summary"))
    return releases
