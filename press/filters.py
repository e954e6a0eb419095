"""The filters of the release list, read from the query string. A value that names nothing
(an unknown slug, a year out of range) is ignored, never an error."""

import dataclasses
import re
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from osce_site.query import positive_int
from structures.models import Structure
from taxonomy.models import Term, Vocabulary

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
FACET_TITLES = [
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
    q: str = ""
    params: dict = dataclasses.field(
        default_factory=dict
    )  # the valid values, as in the query string

    PARAMS = ("field", "meeting", "country", "source", "tag", "year", "q")

    @classmethod
    def for_scope(cls, scope, obj):
        """The filter of one term, structure or tag page, without a query."""
        param = SCOPE_PARAMS[scope]
        return cls(**{param: obj}, params={param: obj.slug})

    @classmethod
    def from_query(cls, query):
        """One query per term, structure or tag named; nothing for the rest."""
        filters = cls()
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
            "q": self.q and f"“{self.q}”",
        }
        return [(name, str(labels[name])) for name in self.PARAMS if name in self.params]

    def scope_object(self):
        """The one term, structure or tag these filters select, if that is all they select."""
        if len(self.params) != 1:
            return None
        name = next(iter(self.params))
        return getattr(self, name) if name in SCOPE_PARAMS.values() else None

    def without(self, name):
        """These filters but one."""
        params = {key: value for key, value in self.params.items() if key != name}
        return dataclasses.replace(self, **{name: None}, params=params)

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
            values = [
                {
                    "label": label,
                    "count": count,
                    "selected": value == selected,
                    "url": self.url_with(**{name: None if value == selected else value}),
                }
                for value, label, count in facets[name]
            ]
            links.append({"name": name, "title": title, "values": values, "open": bool(selected)})
        return links


def facet_counts(filters, published):
    """For each filter, how many releases each of its values would show: counted among the
    releases the other filters select, since choosing a value replaces the one chosen
    before. One query a facet."""

    def releases_for(name):
        return filters.without(name).apply(published) if name in filters.params else current

    current = filters.apply(published)
    through = {
        name: getattr(PressRelease, name).through for name in ("fields_of_work", "countries")
    }

    def by_term(name, facet):
        ids = releases_for(facet).order_by().values("pk")
        rows = (
            through[name]
            .objects.filter(pressrelease__in=ids)
            .values("term__slug", "term__name")
            .annotate(count=Count("pressrelease"))
            .order_by("-count", "term__name")
        )
        return [(row["term__slug"], row["term__name"], row["count"]) for row in rows]

    years = (
        releases_for("year")
        .order_by()
        .annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    sources = (
        releases_for("source")
        .order_by()
        .values("source__slug", "source__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "source__name")
    )
    tags = (
        TaggedRelease.objects.filter(content_object__in=releases_for("tag").order_by().values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(count=Count("content_object"))
        .order_by("-count", "tag__name")[:20]
    )
    return {
        "field": by_term("fields_of_work", "field"),
        "country": by_term("countries", "country"),
        "source": [(r["source__slug"], r["source__name"], r["count"]) for r in sources],
        "tag": [(r["tag__slug"], r["tag__name"], r["count"]) for r in tags],
        "year": [(str(r["year"]), str(r["year"]), r["count"]) for r in years],
    }
