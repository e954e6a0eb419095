from django.contrib.sitemaps import Sitemap

from .models import Structure


class StructureSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Structure.objects.only("path", "updated_at")

    def lastmod(self, structure):
        return structure.updated_at
