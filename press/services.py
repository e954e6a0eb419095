"""Changes to releases that have side effects beyond one form: publishing and unpublishing,
and telling publishers what awaits them."""

import logging

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from reversion.models import Version

from .models import ChangeNote, PressRelease
from .workflow import publishers_of

logger = logging.getLogger(__name__)


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


def note_change(release, note, user=None):
    """Tell readers of a change to a published release: the note shows on its page, and
    feeds and search engines see the release as updated now."""
    noted = ChangeNote.objects.create(release=release, note=note.strip(), created_by=user)
    PressRelease.objects.filter(pk=release.pk).update(publicly_updated_at=noted.noted_at)
    release.publicly_updated_at = noted.noted_at
    return noted


def record_first_revisions(releases, comment):
    """A first revision for each release that has none (loaded from a fixture), so that
    its history can compare the first edit with what was there before."""
    own = Version.objects.get_for_model(PressRelease).filter(
        object_id=Cast(OuterRef("pk"), CharField())
    )
    missing = releases.exclude(Exists(own))
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(comment)
        for release in missing:
            reversion.add_to_revision(release)


def notify_publishers(release, change_url):
    """E-mail the publishers of a release submitted for publication, once the submission is
    committed (a rolled-back save tells no one)."""
    context = {"release": release, "change_url": change_url, "by": release.submitted_by}
    subject = render_to_string("press/email/submitted_subject.txt", context).strip()
    body = render_to_string("press/email/submitted.txt", context)
    recipients = [user.email for user in publishers_of(release) if user.email]
    messages = [(subject, body, None, [email]) for email in recipients]
    if messages:
        transaction.on_commit(lambda: _send(messages))


def _send(messages):
    # The submission is saved and on the publishers' dashboard: a mail server that is down
    # must not turn the officer's save into an error page.
    try:
        send_mass_mail(messages)
    except OSError:
        logger.exception("Could not tell the publishers of a submitted release")
