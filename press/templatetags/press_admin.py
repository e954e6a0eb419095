"""The editors' dashboard on the admin's index page: what waits for this user, each row one
click from its form. A tag, as the admin's own index gets its "Recent actions"."""

from dataclasses import dataclass, field

from django import template
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from press import rights

register = template.Library()
ROWS = 10  # a panel shows the first ten; its "all" link opens the filtered list


@dataclass
class Panel:
    key: str
    title: str
    empty: str
    releases: list = field(default_factory=list)
    list_url: str = ""  # query string of the releases list that shows them all
    list_label: str = ""


@register.simple_tag
def release_dashboard(user):
    """The panels for this user, among the releases they may edit (press.rights)."""
    if not user.has_perm("press.view_pressrelease"):
        return []
    mine = rights.editable_releases(user).select_related("source", "submitted_by", "updated_by")
    mine = mine.defer("body", "search_vector")
    own_drafts = mine.drafts().filter(Q(created_by=user) | Q(updated_by=user))
    waiting_title = (
        _("Submitted for publication") if rights.can_publish(user) else _("Waiting for a publisher")
    )
    return [
        Panel(
            "submitted",
            waiting_title,
            _("Nothing is waiting for a publisher."),
            list(mine.submitted()[:ROWS]),
        ),
        Panel(
            "drafts",
            _("My drafts"),
            _("You have no drafts."),
            list(own_drafts.order_by("-updated_at")[:ROWS]),
        ),
        Panel(
            "embargo",
            _("Under embargo"),
            _("Nothing is under embargo."),
            list(mine.under_embargo()[:ROWS]),
        ),
        Panel(
            "scheduled",
            _("Scheduled"),
            _("Nothing is scheduled."),
            list(mine.scheduled().filter(embargo_shared_at__isnull=True)[:ROWS]),
        ),
        Panel(
            "published",
            _("Recently published"),
            _("Nothing published yet."),
            list(mine.published().order_by("-published_at", "-pk")[:ROWS]),
            "?status__exact=published",
            _("All published releases"),
        ),
    ]
