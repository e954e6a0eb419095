from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.cache import patch_cache_control

from .views import media


class RejectNullCharactersMiddleware:
    """A NUL character in the address or query string is never meaningful, and PostgreSQL
    refuses it in any query: answer 400 (the site's 400 page) before a view can turn it into
    a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(value for _, values in request.GET.lists() for value in values)]
        if any("\x00" in value for value in values):
            raise BadRequest("The address contains a NUL character.")
        return self.get_response(request)


class MediaFilesMiddleware:
    """Uploaded files, where nothing in front of the app serves MEDIA_ROOT (SERVE_MEDIA),
    answered before the rest of the stack: they depend on no session, user or language (so
    no Vary: Accept-Language). An upload's name never changes its content (a new upload gets
    a new name, and its renditions with it), so browsers and caches keep them for a year."""

    MAX_AGE = 365 * 24 * 3600

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.SERVE_MEDIA and request.path.startswith(settings.MEDIA_URL)):
            return self.get_response(request)
        response = media(request, request.path.removeprefix(settings.MEDIA_URL))
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=self.MAX_AGE)
        return response
