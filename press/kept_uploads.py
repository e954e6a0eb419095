"""Images chosen in a release form that came back with an error elsewhere. Browsers never
refill a file input, so the chosen file is kept in the media storage under `pending/`, and
the form carries a signed token naming it: sent again without a new file, the form uses
the kept one. Kept files are removed once used, and after a day when the form was left."""

import datetime
import posixpath
import uuid

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

SALT = "press.kept-upload"
FOLDER = "pending"
MAX_AGE = datetime.timedelta(days=1)


def keep(upload):
    """Store the upload; returns the token that names it."""
    _forget_old()
    name = posixpath.basename(upload.name)
    upload.seek(0)
    path = default_storage.save(posixpath.join(FOLDER, f"{uuid.uuid4().hex}-{name}"), upload)
    return signing.dumps(path, salt=SALT)


def kept_file(token):
    """The kept file a token names (a File to hand to the form), or None."""
    path = _path(token)
    if path is None or not default_storage.exists(path):
        return None
    return File(default_storage.open(path), name=original_name(path))


def original_name(path):
    return posixpath.basename(path).split("-", 1)[1]


def forget(token):
    path = _path(token)
    if path is not None:
        default_storage.delete(path)


def _path(token):
    try:
        path = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # expired ones too
        return None
    return path if isinstance(path, str) and path.startswith(FOLDER + "/") else None


def _forget_old():
    if not default_storage.exists(FOLDER):
        return
    for name in default_storage.listdir(FOLDER)[1]:
        path = posixpath.join(FOLDER, name)
        if timezone.now() - default_storage.get_modified_time(path) > MAX_AGE:
            default_storage.delete(path)
