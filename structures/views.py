from django.shortcuts import get_object_or_404, redirect, render

from press.models import PressRelease
from press.views import paginate

from .models import Structure


def structure_index(request):
    roots = Structure.objects.root_nodes()
    return render(request, "structures/structure_index.html", {"roots": roots})


def structure_detail(request, path):
    structure = get_object_or_404(Structure, slug=path.rsplit("/", 1)[-1])
    if structure.get_absolute_url() != request.path:
        return redirect(structure, permanent=True)
    releases = PressRelease.objects.published().filter(
        source__in=structure.get_descendants(include_self=True)
    )
    page = paginate(request, releases.for_listing())
    return render(
        request, "structures/structure_detail.html", {"structure": structure, "page": page}
    )
