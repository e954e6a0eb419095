from functools import wraps

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import EVENTS
from osce_site.cache import LISTS, public_page, show

from .models import PressRelease


def sitemap_page(view):
    """A public sitemap view: it lists releases and meetings, so it changes when they do
    and when the next scheduled release goes live."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        show(request, LISTS, EVENTS, expires=PressRelease.objects.next_scheduled_time())
        return view(request, *args, **kwargs)

    return public_page(wrapper)


class ReleaseSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return (
            PressRelease.objects.published().only("slug", "language", "updated_at").order_by("-pk")
        )

    def lastmod(self, release):
        return release.updated_at


class PageSitemap(Sitemap):
    # One address per site language, each naming the others (hreflang).
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["press:home", "press:list", "structures:index"]

    def location(self, name):
        return reverse(name)
