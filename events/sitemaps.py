from django.contrib.sitemaps import Sitemap

from .models import Event


class EventSitemap(Sitemap):
    # One address per site language, each naming the others (hreflang).
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return Event.objects.select_related("series").order_by("-starts_at", "-pk")
