"""Release items as lists show them. Each item's HTML is kept in the cache per content
version and language, so a list page loads only the ids of its releases and joins cached
HTML: rendering twenty items costs more than the whole rest of the page."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from osce_site.cache import cached, content_version
from osce_site.query import positive_int

from .models import PressRelease

PAGE_SIZE = 20


def paginate(request, releases, count=None, cache_name=None):
    """One page of release ids; `count`, when known already, saves the COUNT query. With a
    `cache_name` (what selects the releases), the ids are kept per content version. A page
    number that is not a page is a 404."""
    paginator = Paginator(releases.values_list("pk", flat=True), PAGE_SIZE)
    if count is not None:
        paginator.count = count
    number = positive_int(request.GET.get("page", "1"), maximum=paginator.num_pages)
    if number is None:
        raise Http404("No such page.")
    page = paginator.page(number)
    if cache_name:
        ids = page.object_list
        page.object_list = cached(f"ids:{cache_name}:{page.number}", lambda: list(ids))
    return page


def render_item(release):
    return render_to_string("includes/release_item.html", {"release": release})


def release_items(ids):
    """The HTML of these releases' list items, in the order of `ids`."""
    ids = list(ids)
    prefix = f"item:{content_version()}:{translation.get_language()}:"
    found = cache.get_many([f"{prefix}{pk}" for pk in ids])
    missing = [pk for pk in ids if f"{prefix}{pk}" not in found]
    if missing:
        fresh = {
            f"{prefix}{release.pk}": render_item(release)
            for release in PressRelease.objects.filter(pk__in=missing).for_listing()
        }
        cache.set_many(fresh, timeout=3600)
        found.update(fresh)
    return [mark_safe(found[f"{prefix}{pk}"]) for pk in ids if f"{prefix}{pk}" in found]
