from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import PressRelease

PAGE_SIZE = 20


def paginate(request, queryset):
    """One page of the queryset; an unknown or out-of-range page is a 404, not an error."""
    paginator = Paginator(queryset, PAGE_SIZE)
    number = request.GET.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= max(paginator.num_pages, 1):
        raise Http404("No such page.")
    return paginator.page(int(number))


def home(request):
    latest = PressRelease.objects.published().for_listing()[:10]
    return render(request, "press/home.html", {"latest": latest})


def release_list(request):
    page = paginate(request, PressRelease.objects.published().for_listing())
    return render(request, "press/release_list.html", {"page": page})


def release_detail(request, slug):
    release = get_object_or_404(
        PressRelease.objects.published()
        .select_related("source")
        .prefetch_related("fields_of_work", "countries", "tags", "images", "contacts"),
        slug=slug,
    )
    return render(request, "press/release_detail.html", {"release": release})
