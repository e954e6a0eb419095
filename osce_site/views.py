import errno
import sys

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.template import loader
from django.urls import reverse
from django.views import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Seconds after which a client may try again when the database was busy.
BUSY_RETRY_AFTER = 5


def server_error(request):
    """The 500 page, or a 503 with Retry-After when the error is only a busy database
    (SQLite's "database is locked" while another request writes, past the wait the
    settings allow): nothing went wrong that trying again will not cure. Django calls
    this while handling the exception, which is how it can be read here."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError) and is_busy_database(error):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def is_busy_database(error):
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


@require_safe
def health(request):
    """Answers when the app serves: for load balancers, and the floor of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def media(request, path):
    """Uploaded images and attachments, where nothing in front of the app serves MEDIA_ROOT."""
    if not settings.SERVE_MEDIA:
        raise Http404("Uploaded files are served by the web server.")
    try:
        return static.serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name no file system holds (too long, say): no such file, as for any other.
        if error.errno in (errno.ENAMETOOLONG, errno.EINVAL, errno.ELOOP):
            raise Http404("No such file.") from error
        raise


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
