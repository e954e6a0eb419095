from django.contrib.sitemaps import Sitemap

from .models import Term


class TermSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Term.objects.only("slug", "vocabulary", "kind", "updated_at")

    def lastmod(self, term):
        return term.updated_at
