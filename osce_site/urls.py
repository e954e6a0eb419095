from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from events.sitemaps import EventSitemap
from press.sitemaps import PageSitemap, ReleaseSitemap, sitemap_page
from structures.sitemaps import StructureSitemap
from taxonomy.sitemaps import TermSitemap

from .views import health, robots_txt, view_on_site

# Each app keeps its own sitemap; the site's are assembled here.
SITEMAPS = {
    "pages": PageSitemap,
    "releases": ReleaseSitemap,
    "terms": TermSitemap,
    "structures": StructureSitemap,
    "meetings": EventSitemap,
}

# A busy database answers 503, not 500 (see the view).
handler500 = "osce_site.views.server_error"

urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", health, name="health"),
    path(
        "sitemap.xml",
        sitemap_page(sitemap_views.index),
        {"sitemaps": SITEMAPS},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    # The public site and the admin, at an address per language: English at the root,
    # /ru/... and so on for the others (settings.LANGUAGES); the language comes from the
    # address alone (an editor's admin in Russian is /ru/admin/).
    *i18n_patterns(
        # Before the admin's own "view on site" redirect, which this one guards.
        path(
            "admin/r/<int:content_type_id>/<path:object_id>/",
            admin.site.admin_view(view_on_site),
            name="view-on-site",
        ),
        path("admin/", admin.site.urls),
        path("", include("events.urls")),
        path("", include("press.urls")),
        path("", include("taxonomy.urls")),
        path("structures/", include("structures.urls")),
        prefix_default_language=False,
    ),
]
