"""Changes to releases that have side effects beyond one form: publishing and unpublishing."""

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction

from .models import PressRelease


def _set_status(releases, status, user, message):
    """Save each release, so that it gets a revision, its history entry and fresh pages."""
    changed = list(releases.exclude(status=status))
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(message)
        if user is not None:
            reversion.set_user(user)
        for release in changed:
            release.status = status
            release.updated_by = user
            # The publication date too: save() dates a draft that was left undated.
            release.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
        if user is not None and changed:
            ids = [release.pk for release in changed]
            LogEntry.objects.log_actions(
                user.pk, PressRelease.objects.filter(pk__in=ids), CHANGE, change_message=message
            )
    return len(changed)


def publish(releases, user=None):
    """Publish the given releases; those with a future publication time become scheduled."""
    return _set_status(releases, PressRelease.Status.PUBLISHED, user, "Published.")


def unpublish(releases, user=None):
    """Return the given releases to draft; they leave the public site at once."""
    return _set_status(releases, PressRelease.Status.DRAFT, user, "Returned to draft.")
