import datetime

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events.models import EVENTS, Event
from osce_site import languages
from osce_site.cache import LISTS, public_page, shared_file, show
from structures.models import Chairpersonship, Structure
from taxonomy.models import Term

from . import media_kit, rights, selectors, services
from .facets import Listing
from .filters import CAP, ReleaseFilters, count_capped, facet_counts
from .forms import JournalistSignInForm
from .listing import paginate
from .models import EmbargoView, Journalist, PressRelease, SlugRedirect
from .previews import release_id_from_token
from .templatetags.press_tags import rendition

RELATED_COUNT = 5


@public_page
def home(request):
    """The newest releases in the page's language; in every language while it has none."""
    published = PressRelease.objects.published()
    in_language = published.filter(language=get_language())
    every_language = not in_language.exists()
    if not every_language:
        published = in_language
    featured = published.for_listing().filter(featured=True).first()
    others = published.exclude(pk=featured.pk) if featured else published
    _shows_releases(request, LISTS)
    context = {
        "featured": featured,
        "latest": others.for_listing()[:8],
        "every_language": every_language,
    }
    return render(request, "press/home.html", context)


def _shows_releases(request, *items):
    """The page lists releases: it changes when a scheduled one goes live."""
    show(request, *items, expires=PressRelease.objects.next_scheduled_time())


def _filtered_results(request, filters, *, ranked=False):
    """The page of releases the filters select, with the facet counts of all of them."""
    published = PressRelease.objects.published()
    releases = filters.apply(published, ranked=ranked)
    facets = facet_counts(filters, published)
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
    _shows_releases(request, LISTS)
    return {
        "page": paginate(request, ids, count=total, rows=releases),
        "facets": filters.facet_links(facets),
        "total": total,
        "total_capped": capped,
        "filters": filters,
    }


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
    release = full_release_queryset().viewable().filter(slug=slug).first()
    if release is not None and languages.site_language(release.language) != get_language():
        return redirect(release, permanent=True)  # each release has its language's address
    if release is None:
        # An old address leads only where visitors may go: a draft's new slug stays unknown.
        moved = (
            SlugRedirect.objects.filter(old_slug=slug, release__in=PressRelease.objects.viewable())
            .select_related("release")
            .first()
        )
        if moved is None:
            raise Http404("No such press release.")
        return redirect(moved.release, permanent=True)
    return render_release(request, release)


@never_cache
@login_required(login_url=reverse_lazy("admin:login"))
def release_preview(request, pk):
    """An editor's view of any release they may edit, draft or scheduled, as it will look."""
    release = get_object_or_404(full_release_queryset(), pk=pk)
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
    release = get_object_or_404(full_release_queryset(), pk=pk)
    return render_release(request, release, preview=True)


def release_media_kit(request, slug, version):
    """The media kit of a public release, built once per version; an older version's
    address leads to the current one."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    release = full_release_queryset().published().filter(slug=slug).first()
    if release is None:
        raise Http404("No such press release.")
    current = media_kit.version(release)
    if version != current:
        return redirect("press:media-kit", release.slug, current)
    response = FileResponse(
        media_kit.stored(release),
        as_attachment=True,
        filename=media_kit.filename(release),
        content_type="application/zip",
    )
    return shared_file(response, release, *release.images.all(), *release.contacts.all())


def full_release_queryset():
    return (
        PressRelease.objects.defer("search_vector")
        .select_related("source")
        .prefetch_related(*DETAIL_PREFETCH, "source__former_names")
    )


def render_release(request, release, preview=False):
    """The release page, its interface in the release's own language where the site has it."""
    language = release.language if release.language in dict(settings.LANGUAGES) else None
    related = list(related_releases(release))
    translations = list(translations_of(release))
    issuer = selectors.issuer_of(release)
    show(request, release, *release.tags.all(), *release.contacts.all(), *related, *translations)
    with translation.override(language or translation.get_language()):
        context = {
            "release": release,
            "issuer": issuer,
            "preview": preview,
            "related": related,
            "translations": translations,
            "json_ld": news_article(request, release, issuer),
            "language_versions": release_language_versions(release, translations),
            "original_url": next(
                (t.get_absolute_url() for t in translations if t.pk == release.translation_of_id),
                release.get_absolute_url(),
            ),
            "media_kit_version": None if preview else media_kit.version(release),
            "release_crumbs": [(reverse("press:list"), translation.gettext("Press releases"))],
        }
        response = render(request, "press/release_detail.html", context)
        response["Content-Language"] = translation.get_language()
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def release_language_versions(release, translations):
    """The release in each site language, for the switcher: itself, its translation there,
    or where there is none, the list of releases in that language."""
    by_language = {version.language: version for version in translations}
    own = languages.site_language(release.language)
    versions = []
    for code, _name in settings.LANGUAGES:
        name = languages.native_name(code)
        if code == own:
            versions.append(languages.Version(code, name, release.get_absolute_url(), True))
        elif code in by_language:
            versions.append(languages.Version(code, name, by_language[code].get_absolute_url()))
        else:
            with translation.override(code):
                listing = reverse("press:list")
            versions.append(languages.Version(code, name, listing, missing=True))
    return versions


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


def news_article(request, release, issuer):
    """schema.org NewsArticle of a release, for search engines."""
    image = release.lead_image
    publisher = {"@type": "Organization", "name": "OSCE", "url": request.build_absolute_uri("/")}
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": release.title[:110],
        "description": release.summary,
        "datePublished": (release.published_at or timezone.now()).isoformat(),  # or a preview
        "dateModified": (release.modified_at or timezone.now()).isoformat(),
        "dateline": release.place,
        "mainEntityOfPage": request.build_absolute_uri(release.get_absolute_url()),
        "image": [request.build_absolute_uri(rendition(image, 1200))] if image else [],
        "author": {"@type": "Organization", "name": issuer.label},
        "publisher": publisher,
        "keywords": [tag.name for tag in release.tags.all()],
        "articleSection": [term.name for term in release.fields_of_work.all()],
    }


def related_releases(release):
    """The newest releases in the release's language that share the source, a field of work
    or a country: the newest few of each kind, then the newest of those. Each part walks the
    listing index and stops early; one query joining them all would scan the table."""
    published = (
        PressRelease.objects.published()
        .filter(language=release.language)
        .exclude(pk=release.pk)
        .order_by()
    )
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
    tag = get_object_or_404(PressRelease.objects.viewable().tags(), slug=slug)
    filters = ReleaseFilters.for_scope("tags", tag, request.GET)
    _shows_releases(request, tag)
    context = {
        "tag": tag,
        "page": paginate(request, filters.listing()),
        "filters": filters,
    }
    return render(request, "press/tag_detail.html", context)


@public_page
def term_detail(request, vocabulary, slug):
    """A term of a vocabulary: its description and children, and the releases under it."""
    term = get_object_or_404(Term.objects.exclude(parent=None), vocabulary=vocabulary, slug=slug)
    filters = ReleaseFilters.for_scope(vocabulary, term, request.GET)
    _shows_releases(request, term)
    context = {
        "term": term,
        "crumbs": [(node.get_absolute_url(), node.name) for node in term.get_ancestors()],
        "children": term.get_children(),
        "filters": filters,
        "page": paginate(request, filters.listing()),
    }
    if term.kind == Term.Kind.MEETING_SERIES:
        events = Event.objects.filter(series=term).select_related("series")
        context["upcoming_events"] = list(events.upcoming()[:EVENTS_SHOWN])
        context["past_events"] = list(events.past()[:EVENTS_SHOWN])
        show(request, EVENTS)
    if term.kind == Term.Kind.COUNTRY:
        context["field_operations"] = Structure.objects.filter(
            host_country=term, kind=Structure.Kind.FIELD_OPERATION
        ).order_by("-closed", "established")
        context["chairpersonships"] = Chairpersonship.objects.filter(country=term).order_by("year")
    return render(request, "taxonomy/term_detail.html", context)


EVENTS_SHOWN = 10  # upcoming and past meetings on a series' page
EVENT_RELEASE_DAYS = datetime.timedelta(days=2)  # releases issued around a meeting
EVENT_RELEASES = 20


@public_page
def event_detail(request, series, slug):
    """A meeting: when and where, who organises it, and the series' releases issued from
    the day before it opens to two days after it ends."""
    event = get_object_or_404(
        Event.objects.select_related("series", "organiser"), series__slug=series, slug=slug
    )
    published = PressRelease.objects.published().in_meetings([event.series_id])
    around = published.filter(
        published_at__gte=event.starts_at - datetime.timedelta(days=1),
        published_at__lte=event.ends_at + EVENT_RELEASE_DAYS,
    )
    releases = list(around.for_listing()[:EVENT_RELEASES])
    show(request, event, event.series, LISTS, *releases)
    context = {
        "event": event,
        "releases": releases,
        "crumbs": [(node.get_absolute_url(), node.name) for node in event.series.get_ancestors()]
        + [(event.series.get_absolute_url(), event.series.name)],
        "json_ld": schema_event(request, event),
    }
    return render(request, "events/event_detail.html", context)


def schema_event(request, event):
    """schema.org Event of a meeting, for search engines."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": event.venue or event.city,
            "address": {"@type": "PostalAddress", "addressLocality": event.city},
        },
        "organizer": {"@type": "Organization", "name": event.organiser.name},
        "description": event.description,
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }


@public_page
def structure_detail(request, path):
    """A structure: its description, history and units, and the releases it issued."""
    structure = (
        Structure.objects.select_related("succeeded_by", "host_country").filter(path=path).first()
    )
    if structure is None:
        # A structure that moved, or a shortened address: its slug alone still finds it.
        moved = Structure.objects.filter(slug=path.rsplit("/", 1)[-1]).first()
        if moved is None:
            raise Http404("No such structure.")
        return redirect(moved, permanent=True)
    filters = ReleaseFilters.for_scope("structures", structure, request.GET)
    _shows_releases(request, structure)
    units = structure.get_children()
    context = {
        "structure": structure,
        "crumbs": [
            (reverse("structures:index"), translation.gettext("Structures and institutions")),
            *((node.get_absolute_url(), node.name) for node in structure.get_ancestors()),
        ],
        "open_units": [unit for unit in units if not unit.is_closed],
        "closed_units": [unit for unit in units if unit.is_closed],
        "predecessors": structure.predecessors.all(),
        "former_names": structure.former_names.all(),
        "filters": filters,
        "page": paginate(request, filters.listing()),
    }
    if structure.kind == Structure.Kind.CHAIRPERSONSHIP:
        context["chair_history"] = selectors.chair_history(structure)
    if structure.slug == Structure.CLOSED_FIELD_ACTIVITIES:
        context["closed_operations"] = (
            Structure.objects.closed().filter(kind=Structure.Kind.FIELD_OPERATION).order_by("name")
        )
    return render(request, "structures/structure_detail.html", context)


# --- the press room: releases under embargo, for accredited journalists ------------------------


def signed_in_journalist(request):
    """The accredited journalist signed in on this request, or None."""
    if not request.user.is_authenticated:
        return None
    journalist = Journalist.objects.filter(user=request.user).select_related("user").first()
    return journalist if journalist and journalist.is_accredited else None


def _next_page(request, value):
    """Where to go after signing in: a page of this site, or the press room."""
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return reverse("press:press-room")


def _sign_in_page(request, form=None, problem="", status=200, next_page=None):
    """The press room's door: the form that sends a sign-in link, leading on to `next_page`
    (the address asked for). Shown for any address in the press room, so that it tells
    nothing of what is there."""
    if form is None:
        next_page = request.get_full_path() if next_page is None else next_page
        form = JournalistSignInForm(initial={"next": next_page})
    signed_in = request.user.is_authenticated
    if not problem and signed_in and Journalist.objects.filter(user=request.user).exists():
        problem = "ended"  # signed in, but no longer accredited
    context = {"form": form, "problem": problem}
    response = render(request, "press/press_room_sign_in.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _press_room_crumbs():
    return [(reverse("press:press-room"), translation.gettext("Press room"))]


def _private(response):
    """Under embargo: for the signed-in journalist only, stored nowhere, indexed by no one."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def press_room(request):
    journalist = signed_in_journalist(request)
    if journalist is None:
        return _sign_in_page(request)
    releases = PressRelease.objects.under_embargo().for_listing()
    context = {"journalist": journalist, "releases": releases}
    return _private(render(request, "press/press_room.html", context))


@never_cache
def journalist_sign_in(request):
    """Send a sign-in link to the address typed, if it is an accredited journalist's; the
    answer is the same either way."""
    if request.method != "POST":
        return redirect("press:press-room")  # the form is at the door
    form = JournalistSignInForm(request.POST)
    if not form.is_valid():
        return _sign_in_page(request, form, status=400)
    next_page = _next_page(request, form.cleaned_data["next"])
    services.send_sign_in_link(
        form.cleaned_data["email"], request.build_absolute_uri("/"), next_page
    )
    context = {
        "email": form.cleaned_data["email"],
        "minutes": settings.SESAME_MAX_AGE // 60,
        "crumbs": _press_room_crumbs(),
    }
    return _private(render(request, "press/press_room_link_sent.html", context))


@never_cache
def journalist_link(request):
    """The link of the e-mail. Opening it asks to confirm, and the confirmation signs in:
    mail scanners that open links do not use up the one-time token."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else request.GET
    token = data.get("sesame", "")
    user = None
    if token:
        user = authenticate(request, sesame=token, scope=settings.JOURNALIST_LINK_SCOPE)
    journalist = Journalist.objects.filter(user=user).first() if user else None
    if journalist is None or not journalist.is_accredited:
        problem = "ended" if journalist else "invalid"
        next_page = data.get("next", "")  # not this link's own address, with its token
        return _sign_in_page(request, problem=problem, status=400, next_page=next_page)
    next_page = _next_page(request, data.get("next", ""))
    if request.method == "GET":
        context = {
            "journalist": journalist,
            "token": token,
            "next": next_page,
            "crumbs": _press_room_crumbs(),
        }
        return _private(render(request, "press/press_room_link.html", context))
    login(request, user)  # updates the last login, which ends the token
    return redirect(next_page)


@require_POST
def journalist_sign_out(request):
    logout(request)
    return redirect("press:press-room")


def _embargoed(slug):
    """The release shared under embargo at this address: under embargo, or made public since
    (revoked embargoes and drafts are not there)."""
    shared = full_release_queryset().filter(
        slug=slug, status=PressRelease.Status.PUBLISHED, embargo_shared_at__isnull=False
    )
    release = shared.first()
    if release is None:
        raise Http404("No release under embargo at this address.")
    return release


@never_cache
def embargoed_release(request, slug):
    """A release under embargo, as it will be published, with the embargo's banner. Every
    reading is logged; once the embargo ends, the address leads to the public page."""
    journalist = signed_in_journalist(request)
    if journalist is None:
        return _sign_in_page(request)
    release = _embargoed(slug)
    if release.is_public:
        return redirect(release)
    EmbargoView.objects.create(release=release, journalist=journalist)
    context = {
        "release": release,
        "issuer": selectors.issuer_of(release),
        "journalist": journalist,
        "media_kit_count": len(release.images.all()),
        "crumbs": _press_room_crumbs(),
    }
    return _private(render(request, "press/embargoed_release.html", context))


@never_cache
def embargoed_media_kit(request, slug):
    """The media kit of a release under embargo, for the signed-in journalist; logged."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    journalist = signed_in_journalist(request)
    if journalist is None:
        return _sign_in_page(request)
    release = _embargoed(slug)
    if release.is_public:
        return redirect("press:media-kit", release.slug, media_kit.version(release))
    what = EmbargoView.What.MEDIA_KIT
    EmbargoView.objects.create(release=release, journalist=journalist, what=what)
    response = FileResponse(
        media_kit.stored(release),
        as_attachment=True,
        filename=media_kit.filename(release),
        content_type="application/zip",
    )
    return _private(response)
