from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from osce_site.cache import cached

from .filters import SCOPE_PARAMS, ReleaseFilters
from .models import PressRelease

FEED_SIZE = 20


class ReleasesRss(Feed):
    """The newest releases, of the whole site or of one term, structure or tag."""

    def get_object(self, request, scope=None, slug=None):
        if scope is None:
            return ReleaseFilters()
        if scope not in SCOPE_PARAMS:
            raise Http404("No such feed.")
        filters = ReleaseFilters.from_query({SCOPE_PARAMS[scope]: slug})
        if not filters.params:
            raise Http404("No such feed.")
        return filters

    def _subject(self, filters):
        return next((label for _, label in filters.active), None)

    def title(self, filters):
        subject = self._subject(filters)
        return f"OSCE press releases: {subject}" if subject else "OSCE press releases"

    def link(self, filters):
        return reverse("press:list") + (filters.url_with() if filters.params else "")

    def description(self, filters):
        return (
            "The newest press releases of the Organization for Security and Co-operation in Europe."
        )

    def items(self, filters):
        """The newest releases, kept per scope and content version: feed readers poll."""

        def newest():
            if filters.params:  # a term's, structure's or tag's: by its listing index
                ids = filters.listing()[0:FEED_SIZE]
                return list(PressRelease.objects.filter(pk__in=ids).for_listing())
            return list(PressRelease.objects.published().for_listing()[:FEED_SIZE])

        return cached(f"feed-items:{filters.cache_name()}", newest)

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        return release.summary

    def item_pubdate(self, release):
        return release.published_at

    def item_updateddate(self, release):
        return release.updated_at

    def item_author_name(self, release):
        return release.source.name

    def item_categories(self, release):
        return [term.name for term in release.fields_of_work.all()]


class ReleasesAtom(ReleasesRss):
    feed_type = Atom1Feed

    def subtitle(self, filters):
        return self.description(filters)
