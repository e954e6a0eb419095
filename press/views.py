from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from osce_site.cache import cached
from osce_site.http import public_page

from . import rights
from .facets import Listing
from .filters import CAP, ReleaseFilters, cached_count, cached_facets, count_capped
from .listing import paginate, release_items, render_item
from .models import PressRelease, SlugRedirect
from .previews import release_id_from_token
from .templatetags.press_tags import rendition

RELATED_COUNT = 5


@public_page
def home(request):
    published = PressRelease.objects.published()
    featured = published.for_listing().filter(featured=True).first()
    others = published.exclude(pk=featured.pk) if featured else published
    return render(
        request,
        "press/home.html",
        {"featured": featured, "latest": release_items(others.values_list("pk", flat=True)[:8])},
    )


def _filtered_results(request, filters, *, ranked=False):
    """The page of releases the filters select, with the facet counts of all of them."""
    published = PressRelease.objects.published()
    releases = filters.apply(published, ranked=ranked)
    facets = cached_facets(filters, published)
    total, capped = facets["total"], False
    ids = releases
    if facets["ids"] is not None and not filters.q:  # all of them are known already
        ids = facets["ids"]
    elif facets["keys"] and not filters.q:  # by the listing index of the rarest filter value
        ids = Listing(facets["keys"], total)
        if total is None:
            total = ids.count(cap=CAP)
            capped = total >= CAP
    elif total is None:  # too many results for facet counts: counted, up to a limit
        total, capped = count_capped(releases)
    page = paginate(request, ids, count=total, cache_name=f"{ranked}:{filters.cache_name()}")
    if ranked:  # search results carry excerpts of the query: kept per query and page
        name = f"search-items:{translation.get_language()}:{filters.cache_name()}:{page.number}"
        items = [mark_safe(item) for item in cached(name, lambda: _ranked_items(releases, page))]
    else:
        items = release_items(page.object_list)
    facets_html = cached(
        f"facets-html:{translation.get_language()}:{filters.cache_name()}",
        lambda: render_to_string("includes/facets.html", {"facets": filters.facet_links(facets)}),
    )
    return {
        "page": page,
        "items": items,
        "facets_html": mark_safe(facets_html),
        "total": total,
        "total_capped": capped,
        "filters": filters,
    }


def _ranked_items(releases, page):
    found = releases.for_listing().in_bulk(list(page.object_list))
    return [render_item(found[pk]) for pk in page.object_list]


@public_page
def release_list(request):
    filters = ReleaseFilters.from_query(request.GET)
    return render(request, "press/release_list.html", _filtered_results(request, filters))


@public_page
def search(request):
    filters = ReleaseFilters.from_query(request.GET)
    context = {"filters": filters, "query": request.GET.get("q", "")[:200]}
    if filters.q:
        context.update(_filtered_results(request, filters, ranked=True))
    return render(request, "press/search.html", context)


DETAIL_PREFETCH = (
    "fields_of_work",
    "meetings",
    "countries",
    "tags",
    "images",
    "attachments",
    "contacts",
)


@public_page
def release_detail(request, slug):
    release = (
        PressRelease.objects.viewable()
        .select_related("source")
        .defer("body", "search_vector")
        .filter(slug=slug)
        .first()
    )
    if release is None:
        moved = SlugRedirect.objects.filter(old_slug=slug).select_related("release").first()
        if moved is None:
            raise Http404("No such press release.")
        return redirect(moved.release, permanent=True)
    return render_release(request, release)


@never_cache
@login_required(login_url=reverse_lazy("admin:login"))
def release_preview(request, pk):
    """An editor's view of any release they may edit, draft or scheduled, as it will look."""
    release = get_object_or_404(PressRelease.objects.select_related("source"), pk=pk)
    if not rights.can_edit(request.user, release):
        raise PermissionDenied("This release belongs to a structure you do not edit.")
    return render_release(request, release, preview=True)


@never_cache
def shared_preview(request, token):
    """The same preview, for a reviewer without an account, through a signed link."""
    try:
        pk = release_id_from_token(token)
    except signing.SignatureExpired:
        return render(request, "press/preview_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404("No such preview.") from error
    release = get_object_or_404(PressRelease.objects.select_related("source"), pk=pk)
    return render_release(request, release, preview=True)


def _full_release_queryset():
    return (
        PressRelease.objects.defer("search_vector")
        .select_related("source")
        .prefetch_related(*DETAIL_PREFETCH)
    )


def render_release(request, release, preview=False):
    """The release page, its interface in the release's own language where the site has it.
    Its head and main parts are kept per content version (not for previews), so a visit
    costs one query for the release itself."""
    language = release.language if release.language in dict(settings.LANGUAGES) else None
    with translation.override(language or translation.get_language()):
        if preview:
            parts = release_parts(request, release.pk)
        else:
            name = f"release:{translation.get_language()}:{request.get_host()}:{release.pk}"
            parts = cached(name, lambda: release_parts(request, release.pk))
        response = render(
            request,
            "press/release_detail.html",
            {
                "release": release,
                "preview": preview,
                "parts": parts,
                "release_crumbs": [(reverse("press:list"), translation.gettext("Press releases"))],
            },
        )
        response["Content-Language"] = translation.get_language()
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def release_parts(request, pk):
    """The HTML of the page's head metadata and of its main content."""
    release = _full_release_queryset().get(pk=pk)
    context = {
        "release": release,
        "related": [mark_safe(render_item(item)) for item in related_releases(release)],
        "translations": translations_of(release),
        "json_ld": news_article(request, release),
    }
    return {
        part: mark_safe(render_to_string(f"press/release_{part}.html", context, request))
        for part in ("head", "main")
    }


def translations_of(release):
    """The other language versions of this release that visitors can read."""
    original = release.translation_of_id or release.pk
    return (
        PressRelease.objects.viewable()
        .filter(Q(pk=original) | Q(translation_of=original))
        .exclude(pk=release.pk)
        .only("slug", "language", "title")
        .order_by("language")
    )


def news_article(request, release):
    """schema.org NewsArticle of a release, for search engines."""
    image = release.lead_image
    publisher = {"@type": "Organization", "name": "OSCE", "url": request.build_absolute_uri("/")}
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title[:110],
        "description": release.summary,
        "datePublished": (release.published_at or timezone.now()).isoformat(),  # or a preview
        "dateModified": release.updated_at.isoformat(),
        "dateline": release.place,
        "mainEntityOfPage": request.build_absolute_uri(release.get_absolute_url()),
        "image": [request.build_absolute_uri(rendition(image, 1200))] if image else [],
        "author": {"@type": "Organization", "name": release.source.name},
        "publisher": publisher,
        "keywords": [tag.name for tag in release.tags.all()],
        "articleSection": [term.name for term in release.fields_of_work.all()],
    }


def related_releases(release):
    """The newest releases that share the source, a field of work or a country: the newest
    few of each kind, then the newest of those. Each part walks the listing index and stops
    early; one query joining them all would scan the table."""
    published = PressRelease.objects.published().exclude(pk=release.pk).order_by()
    fields = [term.pk for term in release.fields_of_work.all()]
    countries = [term.pk for term in release.countries.all()]
    parts = [published.filter(source=release.source_id)]
    if fields:
        parts.append(published.in_fields(fields))
    if countries:
        parts.append(published.in_countries(countries))
    ids = set()
    for part in parts:
        ids.update(
            part.order_by("-published_at", "-pk").values_list("pk", flat=True)[:RELATED_COUNT]
        )
    return PressRelease.objects.filter(pk__in=ids).for_listing()[:RELATED_COUNT]


@public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    filters = ReleaseFilters.for_scope("tags", tag)
    releases = filters.listing()
    page = paginate(request, releases, cached_count(filters, releases), filters.cache_name())
    context = {
        "tag": tag,
        "page": page,
        "items": release_items(page.object_list),
        "filters": filters,
    }
    return render(request, "press/tag_detail.html", context)
