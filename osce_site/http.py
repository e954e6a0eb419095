"""How public pages are cached: whole pages for anonymous visitors, in the shared cache,
under a key that holds the content version, so that any edit makes them fresh at once in
every process. Browsers revalidate with the same key as ETag and get 304s."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from .cache import content_version


def _page_key(request):
    """A page is a function of its address, the content version, the interface language and
    the day (the menu shows the year's Chairpersonship)."""
    parts = (
        content_version(),
        timezone.localdate(),
        translation.get_language(),
        request.get_full_path(),
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            # Editors may see previews and fresh work: never a shared or stored copy.
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        key = _page_key(request)
        etag = quote_etag(key)
        if etag in request.headers.get("If-None-Match", ""):
            return _not_modified(etag)
        response = cache.get(f"page:{key}") if settings.PAGE_CACHE_SECONDS else None
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse: render it to store it
                response.render()
            if response.status_code == 200 and not response.cookies:
                response["ETag"] = etag
                if settings.PAGE_CACHE_SECONDS:
                    cache.set(f"page:{key}", response, settings.PAGE_CACHE_SECONDS)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapper


def _not_modified(etag):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response
