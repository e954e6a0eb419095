"""How public pages are cached: whole pages for anonymous visitors, in the shared cache,
stored with the content version they were built from, so that any edit makes them stale
at once in every process. Browsers revalidate with an ETag and get 304s."""

import hashlib
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from .cache import content_version


def _page_key(request):
    """A page is a function of its address, the interface language, the day (the menu shows
    the year's Chairpersonship) and the content version, which is stored with the page."""
    parts = (timezone.localdate(), translation.get_language(), request.get_full_path())
    return "page:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        signed_in = (
            settings.SESSION_COOKIE_NAME in request.COOKIES  # no session, no sign-in: skip it
            and request.user.is_authenticated
        )
        if request.method not in ("GET", "HEAD") or signed_in:
            # Editors may see previews and fresh work: never a shared or stored copy.
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        key = _page_key(request)
        version = content_version()  # known to this process while it hears of changes
        etag = quote_etag(f"{key[5:]}-{version}")
        if etag in request.headers.get("If-None-Match", ""):
            return _not_modified(etag)
        page = _stored_page(key, version) if settings.PAGE_CACHE_SECONDS else None
        if page is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse: render it to store it
                response.render()
            if response.status_code == 200 and not response.cookies:
                response["ETag"] = etag
                page = (version, response.content, dict(response.headers))
                if settings.PAGE_CACHE_SECONDS:
                    cache.set(key, page, settings.PAGE_CACHE_SECONDS)
                    _remember(key, page)
        if page is not None:
            # One piece (a feed is written in thousands of small chunks, which a server
            # would send one by one), and a fresh response for the middleware to dress.
            response = HttpResponse(page[1], headers=page[2])
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapper


# Pages this process served lately, so that a hit needs no transfer of the page from the
# shared cache. Entries of an older version are never used.
_recent_pages = OrderedDict()
RECENT_PAGES = 200


def _stored_page(key, version):
    page = _recent_pages.get(key)
    if not _is_page_of(page, version):
        page = cache.get(key)
        if not _is_page_of(page, version):  # missing, stale, or left by an older release
            return None
        _remember(key, page)
    _recent_pages.move_to_end(key)
    return page


def _is_page_of(page, version):
    return isinstance(page, tuple) and len(page) == 3 and page[0] == version


def _remember(key, page):
    _recent_pages[key] = page
    if len(_recent_pages) > RECENT_PAGES:
        _recent_pages.popitem(last=False)


def _not_modified(etag):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response
