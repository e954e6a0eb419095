"""Reads that span releases and the structures' own history: who issued a release, in the
words of its day, and the Chairpersonship's years with their releases."""

import datetime
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from structures.models import Chairpersonship, Structure

from . import facets


@dataclass(frozen=True)
class Issuer:
    label: str  # "OSCE Chairmanship 2005 — Slovenia", "Programme Office in Nur-Sultan"
    url: str


def issuer_of(release):
    """The release's source as it was when the release was issued: the body's name then,
    and for the Chairpersonship, the Chair of that year. Reads the source's former names
    (prefetch them) and, for the Chair, one row of its table."""
    source = release.source
    day = timezone.localtime(release.published_at or timezone.now()).date()
    name = source.name_on(day)
    if source.kind == Structure.Kind.CHAIRPERSONSHIP:
        chair = Chairpersonship.objects.for_year(day.year)
        if chair is not None:
            name = gettext("OSCE %(office)s %(year)s — %(country)s") % {
                "office": name,
                "year": chair.year,
                "country": chair.country.name,
            }
    return Issuer(name, source.get_absolute_url())


@dataclass(frozen=True)
class ChairYear:
    chair: Chairpersonship
    office: str  # the office's name that year: Chairmanship, Chairpersonship
    holder_title: str  # Chairman-in-Office, Chairperson-in-Office
    releases: int
    releases_url: str


def chair_history(structure):
    """Year by year, newest first: the chairing State, its Chair with the title of the
    time, and how many releases the Chairpersonship issued that year (counts kept on
    write, press.facets). A fixed number of queries."""
    prefetch_related_objects([structure], "former_names")  # read for every year
    language = translation.get_language()  # what the year's link lists: its releases
    scope = (facets.in_language("source", language), structure.pk)
    counts = facets.stored_counts([scope])[0][scope]
    listing = reverse("press:list")
    history = []
    for chair in Chairpersonship.objects.select_related("country").order_by("-year"):
        new_year = datetime.date(chair.year, 1, 1)
        history.append(
            ChairYear(
                chair=chair,
                office=structure.name_on(new_year),
                holder_title=structure.holder_title_on(new_year),
                releases=counts.get((facets.in_language("year", language), chair.year), 0),
                releases_url=f"{listing}?source={structure.slug}&year={chair.year}",
            )
        )
    return history
