from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from osce_site.http import public_page
from press.filters import ReleaseFilters, cached_count
from press.listing import paginate, release_items

from .models import Chairpersonship, Structure

# The information page that lists the field operations which have closed.
CLOSED_FIELD_ACTIVITIES = "closed-field-activities"


@public_page
def structure_index(request):
    roots = Structure.objects.all().get_cached_trees()
    return render(request, "structures/structure_index.html", {"roots": roots})


@public_page
def structure_detail(request, path):
    structure = (
        Structure.objects.select_related("succeeded_by", "host_country").filter(path=path).first()
    )
    if structure is None:
        # A structure that moved, or a shortened address: its slug alone still finds it.
        moved = Structure.objects.filter(slug=path.rsplit("/", 1)[-1]).first()
        if moved is None:
            raise Http404("No such structure.")
        return redirect(moved, permanent=True)

    filters = ReleaseFilters.for_scope("structures", structure)
    releases = filters.listing()
    page = paginate(request, releases, cached_count(filters, releases), filters.cache_name())
    # What follows is lazy: the template reads it only when its cached fragments are missing.
    units = SimpleLazyObject(lambda: _units(structure))
    context = {
        "structure": structure,
        "crumbs": lambda: (
            [(reverse("structures:index"), "Structures and institutions")]
            + [
                (node.get_absolute_url(), node.name)
                for node in Structure.objects.filter(path__in=_ancestor_paths(path)).order_by(
                    "level"
                )
            ]
        ),
        "open_units": lambda: units["open"],
        "closed_units": lambda: units["closed"],
        "predecessors": structure.predecessors.all(),
        "former_names": structure.former_names.all(),
        "filters": filters,
        "page": page,
        "items": release_items(page.object_list),
    }
    if structure.kind == Structure.Kind.CHAIRPERSONSHIP:
        context["chairpersonships"] = Chairpersonship.objects.select_related("country")
    if structure.slug == CLOSED_FIELD_ACTIVITIES:
        context["closed_operations"] = (
            Structure.objects.closed().filter(kind=Structure.Kind.FIELD_OPERATION).order_by("name")
        )
    return render(request, "structures/structure_detail.html", context)


def _units(structure):
    children = list(structure.get_children())
    return {
        "open": [child for child in children if not child.is_closed],
        "closed": [child for child in children if child.is_closed],
    }


def _ancestor_paths(path):
    parts = path.split("/")
    return ["/".join(parts[:depth]) for depth in range(1, len(parts))]
