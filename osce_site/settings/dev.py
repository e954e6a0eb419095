"""Local development and the demo: SQLite by default, debug on (DEBUG=0 turns it off, as
`make demo` does to show the site's own error pages), a fixed throwaway key."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") != "0"
SERVE_MEDIA = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405

# Static files from the apps' folders, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Mail to editors is printed where the server runs, not sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
