from django.contrib.sitemaps import Sitemap

from .models import Structure


class StructureSitemap(Sitemap):
    # One address per site language, each naming the others (hreflang).
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Structure.objects.only("path", "updated_at")

    def lastmod(self, structure):
        return structure.updated_at
