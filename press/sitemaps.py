from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import PressRelease


class ReleaseSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return PressRelease.objects.published().only("slug", "updated_at").order_by("-pk")

    def lastmod(self, release):
        return release.updated_at


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["press:home", "press:list", "structures:index"]

    def location(self, name):
        return reverse(name)
