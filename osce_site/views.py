from django.conf import settings
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
