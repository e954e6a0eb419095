"""The filters of the release list, read from the query string. A value that names nothing
(an unknown slug, a year out of range) is ignored, never an error."""

import collections
import dataclasses
import itertools
import re
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from osce_site import languages
from osce_site.query import positive_int
from structures.models import Structure
from taxonomy.models import Term, Vocabulary

from . import facets
from .models import PressRelease, TaggedRelease
from .search import clean_query, search

SLUG = re.compile(r"[-\w]{1,200}")
FIRST_YEAR, LAST_YEAR = 1973, 2100  # the Helsinki consultations began in 1973
# The address segment of a vocabulary, the structures or the tags, and the filter it stands for.
SCOPE_PARAMS = {
    Vocabulary.FIELDS_OF_WORK: "field",
    Vocabulary.MEETINGS: "meeting",
    Vocabulary.COUNTRIES: "country",
    "structures": "source",
    "tags": "tag",
}
ALL_LANGUAGES = "all"  # ?language=all: releases in every language
FACET_TITLES = [
    ("language", _("Language")),
    ("field", _("Field of work")),
    ("country", _("Country")),
    ("source", _("Source")),
    ("year", _("Year")),
    ("tag", _("Tag")),
]


@dataclasses.dataclass
class ReleaseFilters:
    field: Term | None = None
    meeting: Term | None = None
    country: Term | None = None
    source: Structure | None = None
    tag: Tag | None = None
    year: int | None = None
    # A list shows the releases in its page's language (page_language) unless the query
    # names another or all of them (language=all): None.
    language: str | None = None
    page_language: str = settings.LANGUAGE_CODE
    q: str = ""
    params: dict = dataclasses.field(
        default_factory=dict
    )  # the valid values, as in the query string

    PARAMS = ("field", "meeting", "country", "source", "tag", "year", "language", "q")

    @classmethod
    def for_scope(cls, scope, obj, query=None):
        """The filter of one term, structure or tag page, and its language."""
        param = SCOPE_PARAMS[scope]
        filters = cls(**{param: obj}, params={param: obj.slug})
        filters._read_language(query or {})
        return filters

    @classmethod
    def from_query(cls, query):
        """One query per term, structure or tag named; nothing for the rest."""
        filters = cls()
        filters._read_language(query)
        lookups = {
            "field": lambda v: Term.objects.get(vocabulary=Vocabulary.FIELDS_OF_WORK, slug=v),
            "meeting": lambda v: Term.objects.get(vocabulary=Vocabulary.MEETINGS, slug=v),
            "country": lambda v: Term.objects.get(vocabulary=Vocabulary.COUNTRIES, slug=v),
            "source": lambda v: Structure.objects.get(slug=v),
            # Only a tag that a visible release carries: a draft's tags stay unknown.
            "tag": lambda v: PressRelease.objects.viewable().tags().get(slug=v),
        }
        for name, lookup in lookups.items():
            value = query.get(name, "")
            if SLUG.fullmatch(value):
                try:
                    setattr(filters, name, lookup(value))
                    filters.params[name] = value
                except (Term.DoesNotExist, Structure.DoesNotExist, Tag.DoesNotExist):
                    pass
        year = positive_int(query.get("year", ""), maximum=LAST_YEAR)
        if year and year >= FIRST_YEAR:
            filters.year = filters.params["year"] = year
        filters.q = clean_query(query.get("q", ""))
        if filters.q:
            filters.params["q"] = filters.q
        return filters

    def _read_language(self, query):
        """The page's language, unless the query asks for another or for all."""
        self.page_language = self.language = translation.get_language()
        asked = query.get("language", "")
        if asked == ALL_LANGUAGES:
            self.language = None
        elif asked not in dict(settings.RELEASE_LANGUAGES) or asked == self.page_language:
            return
        else:
            self.language = asked
        self.params["language"] = asked

    def apply(self, releases, *, ranked=False):
        if self.field:
            releases = releases.in_fields(self.field.get_descendants(include_self=True))
        if self.meeting:
            releases = releases.in_meetings(self.meeting.get_descendants(include_self=True))
        if self.country:
            releases = releases.in_countries(self.country.get_descendants(include_self=True))
        if self.source:
            releases = releases.filter(source__in=self.source.get_descendants(include_self=True))
        if self.tag:
            releases = releases.filter(
                pk__in=TaggedRelease.objects.filter(tag=self.tag).values("content_object")
            )
        if self.year:
            releases = releases.filter(published_at__year=self.year)
        if self.language:
            releases = releases.filter(language=self.language)
        return search(releases, self.q, ranked=ranked)

    @property
    def active(self):
        """(name, label) of each filter in use, for 'remove this filter' links."""
        labels = {
            "field": self.field,
            "meeting": self.meeting,
            "country": self.country,
            "source": self.source and self.source.name,
            "tag": self.tag,
            "year": self.year,
            "language": languages.native_name(self.language)
            if self.language
            else _("All languages"),
            "q": self.q and gettext("“%(query)s”") % {"query": self.q},
        }
        return [(name, str(labels[name])) for name in self.PARAMS if name in self.params]

    def scope_object(self):
        """The one term, structure or tag these filters select, if that is all they select."""
        if len(self.params) != 1:
            return None
        name = next(iter(self.params))
        return getattr(self, name) if name in SCOPE_PARAMS.values() else None

    def without(self, name):
        """These filters but one (the language: all languages)."""
        params = {key: value for key, value in self.params.items() if key != name}
        return dataclasses.replace(self, **{name: None}, params=params)

    def in_all_languages(self):
        return self.language is None

    def language_name(self):
        return languages.native_name(self.language or self.page_language)

    def page_language_name(self):
        return languages.native_name(self.page_language)

    def url_in_all_languages(self):
        return self.url_with(language=ALL_LANGUAGES)

    def url_in_page_language(self):
        return self.url_with(language=None).rstrip("?")

    def url_with(self, **changes):
        """The query string with some filters changed (None removes one); page resets."""
        params = {**self.params, **changes}
        return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

    def page_query(self):
        """The query string to put before 'page=N' in pagination links."""
        return self.url_with() + ("&" if self.params else "")

    def facet_links(self, facets):
        """Each facet value with its count and the link that selects it (or, when it is
        selected, removes it), facet by facet."""
        links = []
        for name, title in FACET_TITLES:
            selected = str(self.params.get(name, ""))
            if name == "language":
                selected = self.language or ""
            values = [
                {
                    "label": label,
                    "count": count,
                    # For screen readers. Here rather than as {% blocktranslate count %} in
                    # the template, which costs three times as much on 200 values.
                    "unit": ngettext("release", "releases", count),
                    "selected": value == selected,
                    "url": self.url_with(**{name: self._link_value(name, value, selected)}),
                    "lang": value if name == "language" else "",
                }
                for value, label, count in facets[name] or ()
            ]
            links.append(
                {
                    "name": name,
                    "title": title,
                    "values": values,
                    "open": bool(selected),
                    "uncounted": facets[name] is None,
                }
            )
        return links

    def _link_value(self, name, value, selected):
        """The value a facet link sets: the one chosen, or none to remove it; for the
        language, removing it shows all languages, and the page's own needs no parameter."""
        if name != "language":
            return None if value == selected else value
        if value == selected:
            return ALL_LANGUAGES
        return None if value == self.page_language else value

    def listing(self):
        """The releases of these filters but q, newest first, as ids from the FacetKey listing
        index (press.facets.Listing): a walk of one index whatever the data size."""
        return facets.Listing(_keys(self).values())


DISPLAYED = ("language", "field", "country", "source", "year", "tag")
CAP = 10_000  # results counted at most when there are too many for facet counts
# Which terms and structures a facet lists: the values releases are classified by (and, for
# the source, the bodies above them, whose links select their units' releases too).
TERM_KINDS = {"field": Term.Kind.TOPIC, "country": Term.Kind.COUNTRY}


def _facet(name, filters):
    """The facet a filter's values are counted by: among the releases in the filters'
    language, when they choose one (press.facets.in_language)."""
    if filters.language and name != "language":
        return facets.in_language(name, filters.language)
    return name


def _keys(filters):
    """{filter name: its (facet, key)} of the filters in use but q. The language is in the
    others' facets ("field.ru"), or, alone, a key of its own."""
    keys = {}
    for name in facets.FACETS:
        value = getattr(filters, name)
        if value and name != "language":
            keys[name] = (_facet(name, filters), value if name == "year" else value.pk)
    if filters.language and not keys:
        keys["language"] = ("language", facets.LANGUAGE_KEYS[filters.language])
    return keys


def facet_counts(filters, published):
    """For each facet, how many releases each of its values would show: counted among the
    releases the other filters select, since choosing a value replaces the one chosen
    before; None where that is not counted (more than facets.LIMIT results of two or more
    filters, or of a search). 'total' is the number of results (None: more than LIMIT).
    With no filter or one, maintained counts: a fixed number of indexed reads."""
    bases = {
        name: filters.without(name) if getattr(filters, name) else filters for name in DISPLAYED
    }
    bases["total"] = filters
    stored, pairs = {("", 0)}, set()
    for base in bases.values():
        keys = list(_keys(base).values())
        if base.q:
            continue
        if len(keys) == 1 and keys[0][0] != "language":
            stored.add(keys[0])
        pairs.update(itertools.combinations(sorted(keys), 2))
    late = facets.went_live()
    # Of the counts of no filter, only those of the facets read below: the others are
    # another language's.
    unfiltered = {_facet(name, base) for name, base in bases.items() if name != "total"}
    unfiltered |= {"year", "language", *(facet for facet, _ in _keys(filters).values())}
    counts, found = facets.stored_counts(
        sorted(stored), sorted(pairs), late=late, unfiltered_facets=unfiltered
    )
    everything = counts["", 0]

    def rarest_first(keys):
        return sorted(keys, key=lambda key: everything[key])

    def signature(base):
        return (tuple(sorted(_keys(base).values())), base.q)

    among, totals, known, intersections = {}, {}, {}, {}
    for name, base in bases.items():
        keys, q = signature(base)
        if not q and len(keys) <= 1:
            # A language alone: its releases' keys are counted among all ("field.ru").
            alone = not keys or keys[0][0] == "language"
            among[name] = everything if alone else counts[keys[0]]
            totals[name] = (
                everything[keys[0]]
                if keys
                else sum(n for (facet, _), n in everything.items() if facet == "year")
            )
            continue
        if (keys, q) in known or (keys, q) in intersections:  # the same results counted once
            continue
        # The pair counts bound the results of two filters or more; a search narrows them
        # further, so its results are counted when they are few, whatever the bound.
        bound = None if q else min(found[pair] for pair in itertools.combinations(keys, 2))
        if bound is not None and bound > facets.LIMIT:
            known[keys, q] = (None, None)
        elif q:
            results = base.apply(published).order_by().values_list("pk", flat=True)
            ids = list(results[: facets.LIMIT + 1])
            too_many = len(ids) > facets.LIMIT
            known[keys, q] = (None, None) if too_many else (facets.counts_among(ids), len(ids))
        else:  # at most LIMIT, since at most the bound: all sets counted in one query
            intersections[keys, q] = keys
    found_sets = facets.counts_of_intersections(list(intersections.values()), late)
    for key_set, counter in zip(intersections, found_sets, strict=True):
        known[key_set] = (counter, sum(n for (facet, _), n in counter.items() if facet == "year"))
    for name, base in bases.items():
        if name not in among:
            among[name], totals[name] = known[signature(base)]
    current_ids = None
    if signature(filters) in intersections:  # the page is a slice of them
        current_ids = facets.Listing(signature(filters)[0], late=late).all_upto(facets.LIMIT)

    wanted = collections.defaultdict(set)
    for name in DISPLAYED:
        for facet, key in among[name] or ():
            if facet == _facet(name, bases[name]):
                wanted[name].add(key)
    terms = (
        Term.objects.filter(
            Q(
                pk__in=wanted["field"],
                kind=TERM_KINDS["field"],
                vocabulary=Vocabulary.FIELDS_OF_WORK,
            )
            | Q(pk__in=wanted["country"], kind=TERM_KINDS["country"])
        )
        if wanted["field"] or wanted["country"]
        else []
    )
    labels = {"field": {}, "country": {}, "source": {}, "tag": {}}
    for term in terms.rows("pk", "slug", "name", "kind") if terms else ():
        labels["country" if term["kind"] == Term.Kind.COUNTRY else "field"][term["pk"]] = (
            term["slug"],
            term["name"],
        )
    if wanted["source"]:
        bodies = Structure.objects.filter(pk__in=wanted["source"]).exclude(kind="information-page")
        labels["source"] = {
            row["pk"]: (row["slug"], row["name"]) for row in bodies.rows("pk", "slug", "name")
        }
    if wanted["tag"]:
        tags = Tag.objects.filter(pk__in=wanted["tag"]).values_list("pk", "slug", "name")
        labels["tag"] = {pk: (slug, name) for pk, slug, name in tags}

    result = {
        "total": totals["total"],
        "keys": rarest_first(_keys(filters).values()),
        "ids": current_ids,
    }
    for name in DISPLAYED:
        if among[name] is None:
            result[name] = None
            continue
        found_here = [
            (key, count)
            for (facet, key), count in among[name].items()
            if facet == _facet(name, bases[name]) and count
        ]
        if name == "year":
            result[name] = [
                (str(key), str(key), count) for key, count in sorted(found_here, reverse=True)
            ]
            continue
        if name == "language":
            codes = {number: code for code, number in facets.LANGUAGE_KEYS.items()}
            result[name] = [
                (codes[key], languages.native_name(codes[key]), count)
                for key, count in sorted(found_here)
                if key in codes
            ]
            continue
        rows = [(*labels[name][key], count) for key, count in found_here if key in labels[name]]
        rows.sort(key=lambda row: (-row[2], row[1]))
        result[name] = rows[:20] if name == "tag" else rows
    return result


def count_capped(releases):
    """How many releases, counting no further than CAP: (count, whether it stopped there)."""
    count = releases.order_by()[:CAP].count()
    return count, count >= CAP
