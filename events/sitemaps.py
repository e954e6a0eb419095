from django.contrib.sitemaps import Sitemap

from .models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return Event.objects.select_related("series").order_by("-starts_at", "-pk")
