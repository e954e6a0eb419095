"""How public pages are cached: whole pages for anonymous visitors, in the shared cache,
stored with the content version they were built from, so that any edit makes them stale
at once in every process. Browsers revalidate with an ETag and get 304s."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from .cache import VERSION_KEY, content_version


def _page_key(request):
    """A page is a function of its address, the interface language, the day (the menu shows
    the year's Chairpersonship) and the content version, which is stored with the page."""
    parts = (timezone.localdate(), translation.get_language(), request.get_full_path())
    return "page:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            # Editors may see previews and fresh work: never a shared or stored copy.
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])  # one round trip for a cached page
        version = content_version(found.get(VERSION_KEY))
        etag = quote_etag(f"{key[5:]}-{version}")
        if etag in request.headers.get("If-None-Match", ""):
            return _not_modified(etag)
        stored_version, response = found.get(key, (None, None))
        if stored_version != version or not settings.PAGE_CACHE_SECONDS:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse: render it to store it
                response.render()
            if response.status_code == 200 and not response.cookies:
                response["ETag"] = etag
                if settings.PAGE_CACHE_SECONDS:
                    cache.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapper


def _not_modified(etag):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response
