"""Changes to releases that have side effects beyond one form: publishing and unpublishing."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone

from osce_site.cache import bump_content_version

from .models import PressRelease


def _set_status(releases, status, user, message):
    changed = releases.exclude(status=status)
    ids = list(changed.values_list("pk", flat=True))
    if not ids:
        return 0
    changed = PressRelease.objects.filter(pk__in=ids)
    changed.update(status=status, updated_by=user, updated_at=timezone.now())
    bump_content_version()  # update() sends no save signals
    if user is not None:
        LogEntry.objects.log_actions(user.pk, changed, CHANGE, change_message=message)
    return len(ids)


def publish(releases, user=None):
    """Publish the given releases; those with a future publication time become scheduled."""
    return _set_status(releases, PressRelease.Status.PUBLISHED, user, "Published.")


def unpublish(releases, user=None):
    """Return the given releases to draft; they leave the public site at once."""
    return _set_status(releases, PressRelease.Status.DRAFT, user, "Returned to draft.")
