"""Pages of releases, as lists show them."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404

from osce_site.query import positive_int

from .models import PressRelease

PAGE_SIZE = 20


def paginate(request, releases, count=None, rows=None):
    """One page of releases, fetched once with everything their list items show.
    `releases` is a queryset, or the ids of a listing index (press.facets.Listing); `count`,
    when known already, saves the COUNT query; `rows` is the queryset to fetch the page's
    releases from (one that annotates them, such as search excerpts; the releases
    queryset itself by default). A page number that is not a page is a 404."""
    if isinstance(releases, QuerySet):
        rows = releases if rows is None else rows
        releases = releases.values_list("pk", flat=True)
    paginator = Paginator(releases, PAGE_SIZE)
    if count is not None:
        paginator.count = count
    number = positive_int(request.GET.get("page", "1"), maximum=paginator.num_pages)
    if number is None:
        raise Http404("No such page.")
    page = paginator.page(number)
    ids = list(page.object_list)
    found = (PressRelease.objects.all() if rows is None else rows).for_listing().in_bulk(ids)
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page
