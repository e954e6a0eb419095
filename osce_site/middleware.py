from django.core.exceptions import BadRequest


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
