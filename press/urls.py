from django.urls import path, re_path

from osce_site.cache import public_page
from taxonomy import converters  # noqa: F401 - registers <vocabulary:>

from . import feeds, views

app_name = "press"
urlpatterns = [
    path("", views.home, name="home"),
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/<slug:slug>/", views.release_detail, name="detail"),
    path("press-releases/preview/<int:pk>/", views.release_preview, name="preview"),
    path("preview/<str:token>/", views.shared_preview, name="shared-preview"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    # The pages of the trees' nodes, which list their releases.
    path("<vocabulary:vocabulary>/<slug:slug>/", views.term_detail, name="term"),
    re_path(
        r"^structures/(?P<path>[-\w]+(?:/[-\w]+)*)/$", views.structure_detail, name="structure"
    ),  # noqa: E501
    path("search/", views.search, name="search"),
    path("feeds/rss/", public_page(feeds.ReleasesRss()), name="feed-rss"),
    path("feeds/atom/", public_page(feeds.ReleasesAtom()), name="feed-atom"),
    path("feeds/rss/<slug:scope>/<slug:slug>/", public_page(feeds.ReleasesRss()), name="feed-rss"),
    path(
        "feeds/atom/<slug:scope>/<slug:slug>/", public_page(feeds.ReleasesAtom()), name="feed-atom"
    ),
]
