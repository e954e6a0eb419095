"""Pages of releases, as lists show them."""

from django.core.paginator import Paginator
from django.http import Http404

from osce_site.query import positive_int

PAGE_SIZE = 20


def paginate(request, releases, count=None):
    """One page of releases, with everything their list items show; `count`, when known
    already, saves the COUNT query. A page number that is not a page is a 404."""
    paginator = Paginator(releases.for_listing(), PAGE_SIZE)
    if count is not None:
        paginator.count = count
    number = positive_int(request.GET.get("page", "1"), maximum=paginator.num_pages)
    if number is None:
        raise Http404("No such page.")
    return paginator.page(number)
