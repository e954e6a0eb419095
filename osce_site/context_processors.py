from django.utils import timezone

from .cache import cached
from .navigation import build_menu


def navigation(request):
    """The menu, built once per content version and day, and only if a template uses it."""
    today = timezone.localdate()
    return {"menu": lambda: cached(f"menu:{today}", lambda: build_menu(today))}
