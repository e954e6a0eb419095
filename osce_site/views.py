from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
def health(request):
    """Answers when the app serves: for load balancers, and the floor of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def media(request, path):
    """Uploaded images and attachments, where nothing in front of the app serves MEDIA_ROOT."""
    if not settings.SERVE_MEDIA:
        raise Http404("Uploaded files are served by the web server.")
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, for what the user may see in the admin only:
    Django's answers anyone signed in, and the address of an unpublished release is its
    slug, which only those who may see the release may know."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        obj = model._default_manager.get(pk=object_id)
        model_admin = admin.site.get_model_admin(model)
    except (
        ObjectDoesNotExist,
        NotRegistered,
        AttributeError,  # a content type whose model is gone
        ValueError,
        OverflowError,
        ValidationError,
    ) as e:
        raise Http404("Nothing to show.") from e
    if not model_admin.has_view_permission(request, obj):
        raise Http404("Nothing to show.")
    return shortcut(request, content_type_id, object_id)
