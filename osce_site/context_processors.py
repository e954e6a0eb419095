from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .cache import cached, content_version
from .navigation import build_menu


def navigation(request):
    """The menu: its data and its HTML, built once per content version, day and language
    (rendering its hundreds of links on every request would cost more than the rest of a
    page), and only if a template uses them."""
    today = timezone.localdate()
    language = translation.get_language()

    def menu():
        return cached(f"menu:{today}", lambda: build_menu(today))

    def menu_html():
        html = cached(
            f"menu-html:{today}:{language}",
            lambda: render_to_string("includes/menu.html", {"menu": menu()}),
        )
        return mark_safe(html)

    # Fragment caches ({% cache %}) vary on this, so that an edit refreshes them.
    return {"menu": menu, "menu_html": menu_html, "content_version": content_version}
