"""The publishing actions of the release form: one button for each thing an editor does
(save a draft, submit it, publish, schedule, share under embargo, withdraw, unpublish).
Which buttons a user is offered depends on the release's state and on the right to publish;
`outcome()` says what an action does to the release before it is saved, so that the form
validates the result (a withdrawal needs its reason, a schedule or an embargo a future date)
and the save records one revision with the action as its comment."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Q, TextChoices
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from osce_site import dates

from . import rights
from .models import PressRelease

Status = PressRelease.Status


class Action(TextChoices):
    SAVE_DRAFT = "save-draft", gettext_lazy("Save draft")
    SUBMIT = "submit", gettext_lazy("Submit for publication")
    PUBLISH = "publish", gettext_lazy("Publish")
    SCHEDULE = "schedule", gettext_lazy("Schedule")
    EMBARGO = "embargo", gettext_lazy("Share under embargo")
    LIFT_EMBARGO = "lift-embargo", gettext_lazy("Lift embargo")
    REVOKE_EMBARGO = "revoke-embargo", gettext_lazy("Revoke embargo")
    SAVE = "save", gettext_lazy("Save changes")
    WITHDRAW = "withdraw", gettext_lazy("Withdraw")
    UNPUBLISH = "unpublish", gettext_lazy("Unpublish")


@dataclass(frozen=True)
class Button:
    action: Action
    label: str
    hint: str = ""
    primary: bool = False


EMBARGO_BUTTON = Button(
    Action.EMBARGO,
    Action.EMBARGO.label,
    gettext_lazy("Accredited journalists read it now; the public at the publication date."),
)


def buttons(release, user):
    """The actions this user may take on this release (unsaved for a new one), as buttons.
    The first keeps the release as it is: pressing Enter in a field presses it."""
    if release.pk is not None and not rights.can_change(user, release):
        return []
    publisher = rights.can_publish(user)
    if release.status == Status.DRAFT:
        if not publisher:
            return [
                Button(Action.SAVE_DRAFT, Action.SAVE_DRAFT.label),
                Button(Action.SUBMIT, Action.SUBMIT.label, _("A publisher is told."), True),
            ]
        return [
            Button(Action.SAVE_DRAFT, Action.SAVE_DRAFT.label),
            Button(Action.PUBLISH, _("Publish"), _("Now, or at the past date given."), True),
            Button(Action.SCHEDULE, _("Schedule"), _("At the future publication date.")),
            EMBARGO_BUTTON,
        ]
    if release.status == Status.WITHDRAWN:
        return [
            Button(Action.SAVE, Action.SAVE.label, _("The notice stays public."), True),
            Button(Action.PUBLISH, _("Publish again")),
            Button(Action.UNPUBLISH, _("Return to draft"), _("Its page goes at once.")),
        ]
    if release.is_under_embargo:
        return [
            Button(
                Action.SAVE,
                Action.SAVE.label,
                _("It stays under embargo; journalists are told of a new time."),
                True,
            ),
            Button(Action.LIFT_EMBARGO, _("Lift embargo"), _("Public now; journalists are told.")),
            Button(
                Action.REVOKE_EMBARGO,
                _("Revoke embargo"),
                _("Back to draft; journalists can no longer read it and are told."),
            ),
        ]
    if release.is_scheduled:
        return [
            Button(Action.SAVE, Action.SAVE.label, _("It stays scheduled."), True),
            Button(Action.PUBLISH, _("Publish now")),
            EMBARGO_BUTTON,
            Button(Action.UNPUBLISH, _("Unpublish"), _("Back to draft; nothing is scheduled.")),
        ]
    return [
        Button(Action.SAVE, Action.SAVE.label, _("Visitors see them at once."), True),
        Button(Action.UNPUBLISH, _("Unpublish"), _("Back to draft; its page goes at once.")),
        Button(Action.WITHDRAW, _("Withdraw"), _("Its page stays, with your public reason.")),
    ]


def parse(value):
    """The action a form posted, or None for anything else."""
    try:
        return Action(value)
    except ValueError:
        return None


def outcome(release, action, user, published_at, now=None):
    """The fields an action sets on the release, given the publication date in the form.
    Raises ValidationError naming what to do when the action is not this user's to take,
    or the form does not allow it."""
    now = now or timezone.now()
    offered = {button.action for button in buttons(release, user)}
    if action not in offered:
        raise ValidationError(refusal(release, action), code="action")
    if action == Action.SAVE and release.is_under_embargo:
        if published_at is None or published_at <= now:
            raise ValidationError({"published_at": EMBARGO_TIME_NEEDED}, code="embargo")
        return {}
    if action in (Action.SAVE_DRAFT, Action.SAVE):
        return {}
    if action == Action.SUBMIT:
        return {"submitted_at": now, "submitted_by": user}
    done = {"submitted_at": None, "submitted_by": None}
    if action in (Action.UNPUBLISH, Action.REVOKE_EMBARGO):
        return {**done, "status": Status.DRAFT, "embargo_shared_at": None}
    if action == Action.WITHDRAW:
        return {**done, "status": Status.WITHDRAWN}
    if action == Action.SCHEDULE:
        if published_at is None or published_at <= now:
            raise ValidationError(
                {"published_at": _("Give a future date and time to schedule the release.")},
                code="schedule",
            )
        return {**done, "status": Status.PUBLISHED}
    if action == Action.EMBARGO:
        if published_at is None or published_at <= now:
            raise ValidationError({"published_at": EMBARGO_TIME_NEEDED}, code="embargo")
        return {**done, "status": Status.PUBLISHED, "embargo_shared_at": now}
    if action == Action.LIFT_EMBARGO:
        return {**done, "status": Status.PUBLISHED, "published_at": now}
    # Publish: at the date given if it is past (a release dated as issued), otherwise now.
    when = published_at if published_at is not None and published_at <= now else now
    return {**done, "status": Status.PUBLISHED, "published_at": when}


EMBARGO_TIME_NEEDED = gettext_lazy(
    "Give the time the embargo ends, in the future: the release becomes public then. "
    "To make it public now, press “Lift embargo”."
)


def refusal(release, action):
    if action is None:
        return _("Choose one of the buttons below the form to save the release.")
    names = publisher_names(release)
    return _(
        "“%(action)s” is not offered for this release to you. Publishers of its source "
        "can do it: %(names)s."
    ) % {"action": action.label, "names": names}


def comment(release, action):
    """What the revision and the history say the action did."""
    if action == Action.SUBMIT:
        return _("Submitted for publication.")
    if action == Action.PUBLISH and release.is_scheduled:
        return _("Scheduled for %(when)s.") % {"when": local_time(release.published_at)}
    if action == Action.SCHEDULE:
        return _("Scheduled for %(when)s.") % {"when": local_time(release.published_at)}
    if action == Action.PUBLISH:
        return _("Published.")
    if action == Action.EMBARGO:
        when = local_time(release.published_at)
        return _("Shared under embargo until %(when)s.") % {"when": when}
    if action == Action.LIFT_EMBARGO:
        return _("Embargo lifted: published.")
    if action == Action.REVOKE_EMBARGO:
        return _("Embargo revoked: returned to draft.")
    if action == Action.WITHDRAW:
        return _("Withdrawn: %(reason)s") % {"reason": release.withdrawal_reason}
    if action == Action.UNPUBLISH:
        return _("Returned to draft.")
    return ""


def result_message(release, action):
    """What the editor is told after pressing the button, with where to see the result."""
    title = release.title
    if action == Action.SUBMIT:
        names = publisher_names(release)
        message = _("“%(title)s” is submitted for publication. Publishers told: %(names)s.")
        return message % {"title": title, "names": names}
    if release.is_under_embargo:
        return _(
            "“%(title)s” is under embargo until %(when)s: accredited journalists can read it "
            "in the press room; it becomes public then."
        ) % {"title": title, "when": local_time(release.published_at)}
    if action == Action.REVOKE_EMBARGO:
        return _(
            "“%(title)s” is back to draft: journalists can no longer read it, and are told."
        ) % {"title": title}
    if release.is_scheduled and action in (Action.PUBLISH, Action.SCHEDULE, Action.SAVE):
        return _("“%(title)s” is scheduled: it goes live on %(when)s.") % {
            "title": title,
            "when": local_time(release.published_at),
        }
    if release.is_public and action in (Action.PUBLISH, Action.SAVE, Action.LIFT_EMBARGO):
        return format_html(
            _('“{title}” is live: <a href="{url}">its public page</a>.'),
            title=title,
            url=release.get_absolute_url(),
        )
    if action == Action.WITHDRAW or release.status == Status.WITHDRAWN:
        return format_html(
            _('“{title}” is withdrawn: <a href="{url}">its page</a> shows your reason.'),
            title=title,
            url=release.get_absolute_url(),
        )
    if action == Action.UNPUBLISH:
        return _("“%(title)s” is back to draft and off the public site.") % {"title": title}
    return _("Draft “%(title)s” saved.") % {"title": title}


def local_time(moment):
    return dates.day_and_time(moment)


def publisher_names(release):
    """The publishers of a release, named in a sentence."""
    return ", ".join(str(user) for user in publishers_of(release)) or _("no one yet")


def publishers_of(release):
    """Who may publish this release: active staff with the right to publish who write for
    its source or a structure above it (superusers only where no one else does)."""
    if release.source_id is None:
        return []
    above = release.source.get_ancestors(include_self=True)
    app_label, codename = rights.PUBLISH_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    may_publish = Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    writers = users.filter(may_publish, editorial_structures__in=above)
    writers = writers.distinct().order_by("username")
    return list(writers) or list(users.filter(is_superuser=True).order_by("username"))
