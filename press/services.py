"""Changes to releases that have side effects beyond one form: publishing and unpublishing,
telling publishers what awaits them, and the embargo: its log and the journalists' mail."""

import datetime
import logging
from urllib.parse import urlencode

import reversion
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version
from sesame.utils import get_parameters

from .models import ChangeNote, EmbargoEvent, Journalist, PressRelease
from .workflow import publishers_of

logger = logging.getLogger(__name__)


def _set_status(releases, status, user, message, base_url):
    """Save each release, so that it gets a revision, its history entry and fresh pages."""
    changed = list(releases.exclude(status=status))
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment(message)
        if user is not None:
            reversion.set_user(user)
        for release in changed:
            before = PressRelease.objects.get(pk=release.pk)
            release.status = status
            release.updated_by = user
            # The publication date too: save() dates a draft that was left undated.
            release.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
            record_embargo_change(before, release, user, base_url)
        if user is not None and changed:
            ids = [release.pk for release in changed]
            LogEntry.objects.log_actions(
                user.pk, PressRelease.objects.filter(pk__in=ids), CHANGE, change_message=message
            )
    return len(changed)


def publish(releases, user=None, base_url=""):
    """Publish the given releases; those with a future publication time become scheduled."""
    published = PressRelease.Status.PUBLISHED
    return _set_status(releases, published, user, _("Published."), base_url)


def unpublish(releases, user=None, base_url=""):
    """Return the given releases to draft; they leave the public site at once (and the press
    room: an embargo is revoked)."""
    draft = PressRelease.Status.DRAFT
    return _set_status(releases, draft, user, _("Returned to draft."), base_url)


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
        transaction.on_commit(lambda: _send(messages, "the publishers of a submitted release"))


def _send(messages, whom):
    # What was saved stays saved, and shows in the admin: a mail server that is down must
    # not turn the save into an error page.
    try:
        send_mass_mail(messages)
    except OSError:
        logger.exception("Could not tell %s", whom)


def embargo_change(before, after):
    """What saving `after` over `before` (None for a new release) did to the embargo: an
    EmbargoEvent.Kind, or None."""
    Kind = EmbargoEvent.Kind
    if before is None or not before.is_under_embargo:
        return Kind.SHARED if after.is_under_embargo else None
    if after.is_under_embargo:
        if after.published_at > before.published_at:
            return Kind.EXTENDED
        return Kind.BROUGHT_FORWARD if after.published_at < before.published_at else None
    return Kind.LIFTED if after.is_public else Kind.REVOKED


def record_embargo_change(before, release, user, base_url):
    """Log a change to the release's embargo, and tell the accredited journalists of it once
    it is committed. `base_url` is the site's address, for the links in the mail."""
    kind = embargo_change(before, release)
    if kind is None:
        return None
    until = None if kind == EmbargoEvent.Kind.REVOKED else release.published_at
    event = EmbargoEvent.objects.create(release=release, kind=kind, until=until, by=user)
    _tell_journalists(event, base_url)
    return event


def _tell_journalists(event, base_url):
    release = event.release
    lifted = event.kind == EmbargoEvent.Kind.LIFTED
    page = release.get_absolute_url() if lifted else reverse("press:embargoed", args=[release.slug])
    context = {"event": event, "release": release, "url": base_url.rstrip("/") + page}
    subject = render_to_string("press/email/embargo_subject.txt", context).strip()
    body = render_to_string("press/email/embargo.txt", context)
    recipients = Journalist.objects.accredited().values_list("email", flat=True)
    messages = [(subject, body, None, [email]) for email in recipients]
    if messages:
        transaction.on_commit(lambda: _send(messages, "journalists of an embargo"))


LINK_INTERVAL = datetime.timedelta(minutes=1)


def send_sign_in_link(email, base_url, next_page=""):
    """E-mail a one-time sign-in link to the press room (leading on to `next_page`), if the
    address is an accredited journalist's and no link went there in the last minute. Says
    nothing of whether it was: the form must not tell who is accredited."""
    journalist = Journalist.objects.accredited().filter(email__iexact=email.strip()).first()
    now = timezone.now()
    if journalist is None:
        return
    if journalist.link_sent_at and now - journalist.link_sent_at < LINK_INTERVAL:
        return
    Journalist.objects.filter(pk=journalist.pk).update(link_sent_at=now)
    parameters = get_parameters(journalist.user, scope=settings.JOURNALIST_LINK_SCOPE)
    if next_page:
        parameters["next"] = next_page
    link = f"{base_url.rstrip('/')}{reverse('press:journalist-link')}?{urlencode(parameters)}"
    context = {"journalist": journalist, "link": link, "minutes": settings.SESAME_MAX_AGE // 60}
    subject = render_to_string("press/email/sign_in_subject.txt", context).strip()
    body = render_to_string("press/email/sign_in.txt", context)
    message = (subject, body, None, [journalist.email])
    transaction.on_commit(lambda: _send([message], "a journalist"))
