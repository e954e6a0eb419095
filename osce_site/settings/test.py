"""The test suite: fast hashing, in-memory media, no debug."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="osce-test-media-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "media_kits": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="osce-test-media-kits-")},
    },
}

# Static files from the apps' folders, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# SQLite tests run on a file, not in memory: an in-memory database shared between threads
# locks tables without waiting, unlike the file every deployment uses, so tests of two
# writers at once (tests/test_tree_concurrency.py) would test something else. Durability
# does not matter here: no fsync.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="osce-test-db-")) / "test.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF"  # noqa: F405
