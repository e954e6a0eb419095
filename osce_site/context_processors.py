from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from . import languages
from .cache import TREES, key_version
from .navigation import build_menu


def navigation(request):
    """The menu, built from the trees as of today, only if a template uses it; and the
    version of the trees, which the menu's fragment cache varies on, so that a change to a
    tree refreshes it."""
    today = timezone.localdate()
    return {
        "menu": SimpleLazyObject(lambda: build_menu(today)),
        "menu_day": today,
        "trees_version": SimpleLazyObject(lambda: key_version(TREES)),
    }


def language_versions(request):
    """The page in each site language, for the switcher and the hreflang alternates; a view
    that knows better (a release and its translations) passes its own."""
    return {"language_versions": SimpleLazyObject(lambda: languages.versions_of_page(request))}
