from django.contrib.sitemaps import Sitemap

from .models import Term


class TermSitemap(Sitemap):
    # One address per site language, each naming the others (hreflang).
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Term.objects.only("slug", "vocabulary", "kind", "updated_at")

    def lastmod(self, term):
        return term.updated_at
