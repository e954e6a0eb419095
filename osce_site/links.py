"""Addresses of objects by URL name: `reverse()` remembered per name and arguments. A page
links a few hundred objects (the menu alone about 140) and `reverse()` costs tens of
microseconds each, while the same name and arguments always give the same address for one
URLconf, script prefix and language."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def link(name, *args):
    """The address of the URL named `name` with these positional arguments."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(name, args, urlconf, get_script_prefix(), get_language())


@lru_cache(maxsize=20_000)
def _reversed(name, args, urlconf, script_prefix, language):
    return reverse(name, args=args, urlconf=urlconf)
