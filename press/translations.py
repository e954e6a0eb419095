"""The translation matrix: for each original release, which of the release languages exist,
in which state, and which are stale (the original's text changed after the translation was
last saved). Editors read it in the changelist, on the release form and on the admin's
"Translations to do" page."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from osce_site import dates

from .models import PressRelease

# A version's state inside a sentence ("French: draft"): words of their own, since
# lower-casing the status labels would lower-case German nouns.
STATES = {
    "draft": pgettext_lazy("a translation's state", "draft"),
    "published": pgettext_lazy("a translation's state", "published"),
    "withdrawn": pgettext_lazy("a translation's state", "withdrawn"),
    "scheduled": pgettext_lazy("a translation's state", "scheduled"),
    "embargo": pgettext_lazy("a translation's state", "under embargo"),
}


@dataclass(frozen=True)
class Version:
    language: str
    name: str  # the language's name: French
    release: PressRelease | None  # None: not translated yet
    original: PressRelease
    stale: bool = False

    @property
    def is_original(self):
        return self.release is not None and self.release.pk == self.original.pk

    @property
    def state(self):
        if self.release is None:
            return _("missing")
        if self.release.is_under_embargo:
            return STATES["embargo"]
        return STATES["scheduled" if self.release.is_scheduled else self.release.status]


def versions(original):
    """The original and its translations, one per release language, in the settings' order.
    Reads original.translations.all() (PressRelease.objects.with_translations())."""
    found = {original.language: original}
    for translation in original.translations.all():
        found.setdefault(translation.language, translation)
    changed = original.text_changed_at
    return [
        Version(
            code,
            name,
            found.get(code),
            original,
            stale=bool(
                changed
                and code in found
                and found[code].pk != original.pk
                and found[code].updated_at < changed
            ),
        )
        for code, name in settings.RELEASE_LANGUAGES
    ]


def too_early(original, published_at):
    """Why a translation of `original` may not go live at `published_at` (now if None), or
    '': a translation never goes live before its original."""
    if original is None or original.is_public:
        return ""
    when = published_at or timezone.now()
    scheduled = original.is_scheduled
    if scheduled and when >= original.published_at:
        return ""
    if scheduled:
        moment = dates.day_and_time(original.published_at)
        return _(
            "A translation cannot go live before its original: “%(title)s” is scheduled for "
            "%(when)s. Schedule this one for then or later."
        ) % {"title": original.title, "when": moment}
    return _("A translation cannot go live before its original: publish “%(title)s” first.") % {
        "title": original.title
    }
