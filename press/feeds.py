from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext

from osce_site.cache import LISTS, show
from osce_site.text import strip_controls

from .filters import SCOPE_PARAMS, ReleaseFilters
from .models import PressRelease

FEED_SIZE = 20


class ReleasesRss(Feed):
    """The newest releases in the page's language (/ru/feeds/...: in Russian), of the whole
    site or of one term, structure or tag.

    Text is cleaned of control characters once more here, although none is stored: XML
    cannot carry them, and one left by any path into the database would break the feed of
    every scope that lists the release."""

    def get_object(self, request, scope=None, slug=None):
        if scope is None:
            filters = ReleaseFilters.from_query({})
        elif scope in SCOPE_PARAMS:
            filters = ReleaseFilters.from_query({SCOPE_PARAMS[scope]: slug})
        else:
            raise Http404("No such feed.")
        subject = filters.scope_object()
        if scope is not None and subject is None:
            raise Http404("No such feed.")
        show(request, subject or LISTS, expires=PressRelease.objects.next_scheduled_time())
        return filters

    def _subject(self, filters):
        return next((label for _, label in filters.active), None)

    def title(self, filters):
        subject = self._subject(filters)
        if subject:
            return strip_controls(
                gettext("OSCE press releases: %(subject)s") % {"subject": subject}
            )
        return gettext("OSCE press releases")

    def link(self, filters):
        return reverse("press:list") + (filters.url_with() if filters.params else "")

    def description(self, filters):
        return gettext(
            "The newest press releases of the Organization for Security and Co-operation in Europe."
        )

    def items(self, filters):
        ids = list(filters.listing()[0:FEED_SIZE])  # by the listing index of the language
        return PressRelease.objects.filter(pk__in=ids).for_listing()

    def item_title(self, release):
        return strip_controls(release.title)

    def item_description(self, release):
        # The summary is plain text, and both RSS descriptions and Atom summaries (which
        # Django marks type="html") are read as HTML: escaped, "<img onerror=...>" in a
        # summary shows as those characters instead of becoming markup in the reader.
        return escape(strip_controls(release.summary))

    def item_pubdate(self, release):
        return release.published_at

    def item_updateddate(self, release):
        return release.modified_at  # a change with a public note, not every correction

    def item_author_name(self, release):
        return strip_controls(release.source.name)

    def item_categories(self, release):
        return [strip_controls(term.name) for term in release.fields_of_work.all()]


class ReleasesAtom(ReleasesRss):
    feed_type = Atom1Feed

    def subtitle(self, filters):
        return self.description(filters)
