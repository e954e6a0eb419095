"""Who may do what with which release. Press officers work for one or more structures and
may write the releases issued by those structures and the bodies below them; publishing is
a permission of its own, so what is published or withdrawn is changed only by those who
may publish. Superusers may do everything."""

from structures.models import Structure

from .models import PressRelease

PUBLISH_PERMISSION = "press.publish_pressrelease"


def editable_sources(user):
    """The structures whose releases this user may write."""
    if user.is_superuser:
        return Structure.objects.all()
    own = Structure.objects.filter(editors=user)
    return Structure.objects.get_queryset_descendants(own, include_self=True)


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


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)
