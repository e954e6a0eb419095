from django.utils import timezone
from django.utils.functional import SimpleLazyObject

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
