from django.shortcuts import get_object_or_404, render

from press.models import PressRelease
from press.views import paginate

from .models import Term


def vocabulary_detail(request, vocabulary):
    root = get_object_or_404(Term, vocabulary=vocabulary, parent=None)
    return render(request, "taxonomy/term_detail.html", {"term": root, "page": None})


def term_detail(request, vocabulary, slug):
    term = get_object_or_404(Term.objects.exclude(parent=None), vocabulary=vocabulary, slug=slug)
    terms = term.get_descendants(include_self=True)
    lookup = "countries__in" if vocabulary == "countries" else "fields_of_work__in"
    releases = PressRelease.objects.published().filter(**{lookup: terms}).distinct()
    page = paginate(request, releases.for_listing())
    return render(request, "taxonomy/term_detail.html", {"term": term, "page": page})
