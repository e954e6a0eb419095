"""Signed, expiring links that show an unpublished release to a reviewer without an account."""

from django.conf import settings
from django.core import signing

SALT = "press.preview"


def preview_token(release):
    return signing.dumps(release.pk, salt=SALT)


def release_id_from_token(token):
    """The release's id; raises signing.SignatureExpired or signing.BadSignature."""
    return signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
