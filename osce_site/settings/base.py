"""Settings shared by every environment; each environment module imports these and adjusts."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, whose forms it extends
    "django.contrib.admin",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "mptt",
    "taggit",
    "reversion",
    "reversion_compare",
    "django_prose_editor",
    "axes",
    "taxonomy",
    "structures",
    "events",
    "press",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "osce_site.middleware.MediaFilesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "osce_site.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Where a sign-in lands when its `next` is missing or unsafe (another site): the admin,
# the only place this site has to sign in for (Django's default is a page it lacks).
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins after repeated failures
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",  # accredited journalists' one-time sign-in links
]
# Five wrong passwords for one user name from one address lock that name there for 15
# minutes; twenty from one address, whatever the names, lock the address (osce_site.login_throttle).
AXES_FAILURE_LIMIT = 5
LOGIN_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = "osce_site.login_throttle.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
# The client's address. Behind reverse proxies the socket's address is the nearest proxy's,
# shared by every client, so one attacker could lock everyone out: TRUSTED_PROXY_COUNT
# says how many proxies in front of the app each append the address they received the
# request from to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for, Varnish), and the
# client is that many entries from the header's right end. Entries further left are
# whatever the client sent, and are ignored. Without it, X-Forwarded-For is ignored.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)
    if TRUSTED_PROXY_COUNT < 0:
        raise ValueError
except ValueError as error:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number, 0 or more.") from error
if TRUSTED_PROXY_COUNT:
    # django-ipware counts the proxies listed in the header; the nearest one is the socket.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_PROXY_COUNT = None
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# Not strict: a strict chain must have exactly the proxies' entries, so a client sending
# its own X-Forwarded-For would fall back to the proxy's address, and lock out everyone.
IPWARE_STRICT = False

# Scripts only from this site (and, in the admin, the rich-text editor's import map, which
# carries the request's nonce). Styles may be inline: admin widgets set style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer",
        "microphone", "payment", "usb", "browsing-topics",
    )
}  # fmt: skip
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "osce_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "osce_site.context_processors.navigation",
                "osce_site.context_processors.language_versions",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so that templates/ can give the admin's date and time
# inputs labels of their own (templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "osce_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction that starts by reading and then
    # writes fails at once with "database is locked" when another holds the write lock,
    # whatever the timeout (SQLite cannot wait without risking deadlock): IMMEDIATE takes
    # the lock when the transaction begins, so that writers queue, each waiting up to
    # `timeout` seconds. A request that still finds it busy gets a 503 (osce_site.views).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every app process when REDIS_URL is set; per process otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "osce_site.redis_cache.ReusingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "osce"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages for anonymous visitors are kept this long, in the app's cache and in
# shared caches in front (0: not at all); a change purges the pages that show it at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# The HTTP caches in front (Varnish, deploy/varnish.vcl) that changes are purged from, as
# base URLs, comma-separated in the environment: "http://127.0.0.1:6081,http://10.0.0.2:6081".
FRONT_CACHE_URLS = [
    url.strip() for url in os.environ.get("FRONT_CACHE_URLS", "").split(",") if url.strip()
]
FRONT_CACHE_TIMEOUT = 2  # seconds to wait for a front cache to acknowledge a purge

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Vienna"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Built media kits (press.media_kit), one per release version: not public files, served
    # only while the release is; on several machines, a storage they share.
    "media_kits": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("MEDIA_KITS_ROOT", str(BASE_DIR / "var" / "media-kits"))
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads are served by the web server in front; SERVE_MEDIA=1 lets Django serve them where
# there is none (`make serve` on one machine); the dev settings turn it on.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA") == "1"

TAGGIT_CASE_INSENSITIVE = True

# Errors and warnings to standard error, where gunicorn and the demo server show them
# (Django's default sends request errors only by mail, to ADMINS, which this site has none of).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}

# Uploads: refused above these limits with a form error.
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

# The languages releases are written in; the first is the default.
RELEASE_LANGUAGES = [  # the organisation's six official languages; names in Django's catalogues
    ("en", gettext_lazy("English")),
    ("fr", gettext_lazy("French")),
    ("de", gettext_lazy("German")),
    ("it", gettext_lazy("Italian")),
    ("ru", gettext_lazy("Russian")),
    ("es", gettext_lazy("Spanish")),
]
# The languages of the site's own interface (menus, labels): the same six.
LANGUAGES = RELEASE_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["osce_site.formats"]  # English dates the British way
# The trees' names and descriptions (and the Chairpersons' names) have a column per official
# language (django-modeltranslation); a name missing in a language falls back to English.
MODELTRANSLATION_LANGUAGES = tuple(code for code, _ in RELEASE_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A name given without a language (fixtures, the importer) is the English one.
MODELTRANSLATION_AUTO_POPULATE = "required"
# Slugs come from the English name, whatever the editor's language.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"

# A signed preview link of a draft works for this many seconds.
PREVIEW_LINK_MAX_AGE = 7 * 24 * 3600

# Accredited journalists sign in to the press room with a link sent by e-mail (django-sesame):
# it works once, for a quarter of an hour, and dies when their address changes.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True
SESAME_INVALIDATE_ON_EMAIL_CHANGE = True
# Only for the press room: a token made there opens nothing else.
JOURNALIST_LINK_SCOPE = "press-room"

# Mail to editors (a release submitted for publication), through an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
