from django.urls import path

from osce_site.http import public_page

from . import feeds, views

app_name = "press"
urlpatterns = [
    path("", views.home, name="home"),
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/<slug:slug>/", views.release_detail, name="detail"),
    path("press-releases/preview/<int:pk>/", views.release_preview, name="preview"),
    path("preview/<str:token>/", views.shared_preview, name="shared-preview"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("search/", views.search, name="search"),
    path("feeds/rss/", public_page(feeds.ReleasesRss()), name="feed-rss"),
    path("feeds/atom/", public_page(feeds.ReleasesAtom()), name="feed-atom"),
    path("feeds/rss/<slug:scope>/<slug:slug>/", public_page(feeds.ReleasesRss()), name="feed-rss"),
    path(
        "feeds/atom/<slug:scope>/<slug:slug>/", public_page(feeds.ReleasesAtom()), name="feed-atom"
    ),
]
