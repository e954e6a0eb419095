from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from press.models import PressRelease
from structures.models import Structure
from taxonomy.models import Term


class ReleaseSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return PressRelease.objects.published().only("slug", "updated_at").order_by("-pk")

    def lastmod(self, release):
        return release.updated_at


class TermSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Term.objects.only("slug", "vocabulary", "kind", "updated_at")

    def lastmod(self, term):
        return term.updated_at


class StructureSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Structure.objects.only("path", "updated_at")

    def lastmod(self, structure):
        return structure.updated_at


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["press:home", "press:list", "structures:index"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "releases": ReleaseSitemap,
    "terms": TermSitemap,
    "structures": StructureSitemap,
}
