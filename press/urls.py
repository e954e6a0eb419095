from django.urls import path

import taxonomy.converters  # noqa: F401 - registers <vocabulary:>
from osce_site import converters  # noqa: F401 - registers <uslug:> and <uslugpath:>
from osce_site.cache import public_page

from . import feeds, views

app_name = "press"
urlpatterns = [
    path("", views.home, name="home"),
    path("press-releases/", views.release_list, name="list"),
    path("press-releases/<uslug:slug>/", views.release_detail, name="detail"),
    path(
        "press-releases/<uslug:slug>/media-kit/<str:version>.zip",
        views.release_media_kit,
        name="media-kit",
    ),
    path("press-releases/preview/<int:pk>/", views.release_preview, name="preview"),
    path("preview/<str:token>/", views.shared_preview, name="shared-preview"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag"),
    path("meetings/<uslug:series>/<uslug:slug>/", views.event_detail, name="event"),
    # The pages of the trees' nodes, which list their releases.
    path("<vocabulary:vocabulary>/<uslug:slug>/", views.term_detail, name="term"),
    path("structures/<uslugpath:path>/", views.structure_detail, name="structure"),
    path("search/", views.search, name="search"),
    path("press-room/", views.press_room, name="press-room"),
    path("press-room/sign-in/", views.journalist_sign_in, name="journalist-sign-in"),
    path("press-room/link/", views.journalist_link, name="journalist-link"),
    path("press-room/sign-out/", views.journalist_sign_out, name="journalist-sign-out"),
    path("press-room/<uslug:slug>/", views.embargoed_release, name="embargoed"),
    path(
        "press-room/<uslug:slug>/media-kit.zip",
        views.embargoed_media_kit,
        name="embargoed-media-kit",
    ),
    path("feeds/rss/", public_page(feeds.ReleasesRss()), name="feed-rss"),
    path("feeds/atom/", public_page(feeds.ReleasesAtom()), name="feed-atom"),
    path(
        "feeds/rss/<uslug:scope>/<uslug:slug>/", public_page(feeds.ReleasesRss()), name="feed-rss"
    ),
    path(
        "feeds/atom/<uslug:scope>/<uslug:slug>/",
        public_page(feeds.ReleasesAtom()),
        name="feed-atom",
    ),
]
