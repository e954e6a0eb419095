from django.shortcuts import render

from osce_site.cache import public_page

from .models import Structure


@public_page
def structure_index(request):
    roots = Structure.objects.all().get_cached_trees()
    return render(request, "structures/structure_index.html", {"roots": roots})
