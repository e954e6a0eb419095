from django.shortcuts import get_object_or_404, render

from osce_site.http import public_page
from press.filters import ReleaseFilters, cached_count
from press.listing import paginate, release_items
from structures.models import Chairpersonship, Structure

from .models import Term


@public_page
def vocabulary_detail(request, vocabulary):
    root = get_object_or_404(Term, vocabulary=vocabulary, parent=None)
    tree = root.get_descendants().get_cached_trees()  # children with their children, one query
    return render(request, "taxonomy/vocabulary_detail.html", {"term": root, "tree": tree})


@public_page
def term_detail(request, vocabulary, slug):
    term = get_object_or_404(Term.objects.exclude(parent=None), vocabulary=vocabulary, slug=slug)
    filters = ReleaseFilters.for_scope(vocabulary, term)
    releases = filters.listing()
    page = paginate(request, releases, cached_count(filters, releases), filters.cache_name())
    context = {
        "term": term,
        # Lazy: the template reads these only when its cached fragments are missing.
        "crumbs": lambda: [(node.get_absolute_url(), node.name) for node in term.get_ancestors()],
        "children": term.get_children(),
        "filters": filters,
        "page": page,
        "items": release_items(page.object_list),
    }
    if term.kind == Term.Kind.COUNTRY:
        context["field_operations"] = Structure.objects.filter(
            host_country=term, kind=Structure.Kind.FIELD_OPERATION
        ).order_by("-closed", "established")
        context["chairpersonships"] = Chairpersonship.objects.filter(country=term).order_by("year")
    return render(request, "taxonomy/term_detail.html", context)
