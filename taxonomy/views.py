from django.shortcuts import get_object_or_404, render

from osce_site.cache import public_page

from .models import Term


@public_page
def vocabulary_detail(request, vocabulary):
    root = get_object_or_404(Term, vocabulary=vocabulary, parent=None)
    tree = root.get_descendants().get_cached_trees()  # children with their children, one query
    return render(request, "taxonomy/vocabulary_detail.html", {"term": root, "tree": tree})
