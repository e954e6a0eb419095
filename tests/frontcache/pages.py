"""Test-only pages that follow the app's side of the front-cache contract (deploy/varnish.vcl):
each test describes a page (its body, keys, status, headers, how slow it is) and counts how
often the app was asked for it, so the tests can tell a cache hit from a fetch."""

import collections
import dataclasses
import time

from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.cache import patch_cache_control

from osce_site import urls as site_urls

SHARED = "public, max-age=0, s-maxage=3600"


@dataclasses.dataclass
class Page:
    body: str
    keys: tuple = ()
    status: int = 200
    cache_control: str = SHARED
    delay: float = 0.0  # seconds the app takes to build it
    set_cookie: bool = False


PAGES = {}
FETCHES = collections.Counter()


def page(request, name):
    spec = PAGES.get(name)
    if spec is None:
        raise Http404("No such test page.")
    FETCHES[name] += 1
    time.sleep(spec.delay)
    if request.user.is_authenticated:
        response = HttpResponse(f"editor's view of {name}", content_type="text/plain")
        patch_cache_control(response, private=True, no_cache=True)
        return response
    # What the app was asked, so that tests see what the front cache passed on.
    lines = [
        spec.body,
        f"query={request.META.get('QUERY_STRING', '')}",
        f"cookie={request.META.get('HTTP_COOKIE', '')}",
        f"language={request.META.get('HTTP_ACCEPT_LANGUAGE', '')}",
    ]
    response = HttpResponse("\n".join(lines), status=spec.status, content_type="text/plain")
    if spec.cache_control:
        response["Cache-Control"] = spec.cache_control
    if spec.keys:
        response["xkey"] = " ".join(spec.keys)
    if spec.set_cookie:
        response.set_cookie("tracking", "1")
    return response


urlpatterns = [
    path("frontcache-test/<slug:name>/", page, name="frontcache-test-page"),
    *site_urls.urlpatterns,  # not include(): the site's i18n_patterns must stay at the root
]
