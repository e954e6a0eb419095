"""Who may do what with which release. Press officers work for one or more structures and
may write the releases issued by those structures and the bodies below them; publishing is
a permission of its own, so what is published or withdrawn is changed only by those who
may publish. Superusers may do everything."""

from django.db.models import Q
from taggit.models import Tag

from structures.models import Structure

from .models import PressRelease

PUBLISH_PERMISSION = "press.publish_pressrelease"


def own_structures(user):
    """The structures this user is a press officer of (not the bodies below them)."""
    return Structure.objects.filter(editors=user).order_by("tree_id", "lft")


def editable_sources(user):
    """The structures whose releases this user may write."""
    if user.is_superuser:
        return Structure.objects.all()
    return Structure.objects.get_queryset_descendants(own_structures(user), include_self=True)


def editable_releases(user, releases=None):
    releases = PressRelease.objects.all() if releases is None else releases
    if user.is_superuser:
        return releases
    return releases.filter(source__in=editable_sources(user))


def can_edit(user, release):
    if not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or editable_sources(user).filter(pk=release.source_id).exists()


def can_change(user, release):
    """Editing a live release would publish the edit: without the right to publish, only
    drafts may be changed or deleted."""
    if not can_edit(user, release):
        return False
    return release.status == PressRelease.Status.DRAFT or can_publish(user)


def changeable_releases(user, releases=None):
    """The releases this user may change: their structures' drafts, or all their structures'
    releases with the right to publish."""
    mine = editable_releases(user, releases)
    return mine if can_publish(user) else mine.filter(status=PressRelease.Status.DRAFT)


def can_change_contact(user, contact):
    """A media contact is part of every release that names it, and shows on the public
    pages of those that are live: changing it changes them all, so it needs the right to
    change each of them (for a live release, the right to publish)."""
    if not user.is_active or not user.is_staff:
        return False
    if user.is_superuser or contact.pk is None:
        return True
    named_by = contact.releases.all()
    return not named_by.exclude(pk__in=changeable_releases(user, named_by).values("pk")).exists()


def readable_releases(user):
    """What this user may read: the releases visitors see, and those they write."""
    public = PressRelease.objects.viewable()
    return PressRelease.objects.filter(Q(pk__in=public) | Q(pk__in=editable_releases(user)))


def visible_tags(user):
    """The tags this user may know of: those of the releases they may read (a tag only a
    draft carries says something about the draft)."""
    if user.is_superuser:
        return Tag.objects.all()
    return readable_releases(user).tags()


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)
