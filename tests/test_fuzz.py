"""Random and hostile requests against every public URL pattern: the only answers allowed
are 200, 301, 302, 304, 400 and 404 (and 403 or 405 to a method other than GET and HEAD)
— never an error page. Each class of input that once gave a 500 has its strategy here:
Unicode and empty-slug tags, control characters, Unicode digits and huge numbers, long
media names, hostile Host headers and methods."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from press.models import PressRelease
from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = pytest.mark.django_db
ALLOWED = {200, 301, 302, 304, 400, 404}
# A method other than GET and HEAD may be refused (405), or lack a CSRF token (403).
ALLOWED_FOR_OTHER_METHODS = ALLOWED | {403, 405}
PATTERNS = [
    "/",
    "/press-releases/",
    "/press-releases/{}/",
    "/press-releases/preview/{}/",
    "/preview/{}/",
    "/search/",
    "/tags/{}/",
    "/fields-of-work/",
    "/fields-of-work/{}/",
    "/meetings/{}/",
    "/countries/{}/",
    "/structures/",
    "/structures/{}/",
    "/structures/{}/{}/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/atom/{}/{}/",
    "/feeds/rss/{}/{}/",
    "/sitemap.xml",
    "/sitemap-{}.xml",
    "/robots.txt",
    "/healthz",
    "/media/{}",
    "/media/{}/{}",
]
# Pages of the data below, whose tags are Russian or have no letters (slug "tag"), and
# whose stored text holds control characters and markup: as often as all the rest.
DATA_PAGES = ["/press-releases/observed/", "/press-releases/marked-up/", "/tags/медиа/",
              "/tags/tag/", "/feeds/rss/", "/feeds/atom/fields-of-work/elections/"]  # fmt: skip
KNOWN = [
    "elections", "austria", "mission", "water", "медиа", "tag", "observed", "marked-up",
    "tags", "fields-of-work", "countries", "structures", "releases",
    "2019", "1", "0", "-1", "99999999999999999999",
]  # fmt: skip
# Numbers that str.isdigit() takes and int() refuses, misreads or chokes on.
numbers = st.one_of(
    st.sampled_from(["²", "٣", "１", "߉", "2٠19", "½", "Ⅻ", "1e3", "0x1f", "+1", " 1"]),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=6),
    st.integers(min_value=4290, max_value=6000).map(lambda n: "9" * n),
    st.integers().map(str),
)
controls = st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=5)
hostile = st.one_of(
    st.sampled_from(KNOWN),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.builds(lambda a, b: a + b, st.sampled_from(KNOWN), controls),
    numbers,
    st.integers(min_value=200, max_value=5000).map(lambda n: "a" * n),  # file names
    st.sampled_from(
        ["<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "%", "\\",
         "a" * 5000, "\u202e", "😀", "${7*7}", "{{7*7}}", "?page=1", "&", "=", ";", "NaN", " ",
         "!!!", "Медиа", "\x0b", "\x01"]
    ),
)  # fmt: skip
pages = st.one_of(st.sampled_from(PATTERNS), st.sampled_from(DATA_PAGES))
query = st.lists(
    st.tuples(
        st.sampled_from(["field", "country", "source", "tag", "year", "q", "page", "meeting", "x"]),
        st.one_of(hostile, numbers),
    ),
    max_size=6,
)
# The admin list's own parameters: its filters, page ("p"), ordering ("o") and search.
admin_query = st.lists(
    st.tuples(
        st.sampled_from(["year", "p", "o", "q", "status__exact", "source"]), numbers | hostile
    ),
    max_size=4,
)
hosts = st.one_of(
    *[st.just("testserver")] * 4,
    st.sampled_from(
        ["evil.example", "testserver:80", "testserver:99999", "[::1", "a..b", "тест.рф",
         "testserver/x", "testserver@evil", "x" * 300, "", " ", "testserver\r\nX: y"]
    ),
    st.text(max_size=60),
)  # fmt: skip
methods = st.one_of(
    st.sampled_from(["GET", "GET", "GET", "HEAD"]),
    st.sampled_from(["OPTIONS", "POST", "PUT", "DELETE", "PATCH"]),
)


@pytest.fixture
def some_data(settings):
    settings.SERVE_MEDIA = True
    field = make_term("Elections", slug="elections")
    austria = make_country("Austria", "AT")
    release = make_release(
        "Election observed", slug="observed", source=make_structure("Mission", slug="mission")
    )
    release.fields_of_work.add(field)
    release.countries.add(austria)
    # Tags in Russian, and without any letter: their slugs are Unicode, or the fallback.
    release.tags.add("water", "медиа", "!!!")
    # What save() would have cleaned, as an older version or raw SQL could have stored it.
    marked_up = make_release("Marked up", slug="marked-up", source=release.source)
    marked_up.fields_of_work.add(field)
    PressRelease.objects.filter(pk=marked_up.pk).update(
        title="Line\x0bbreak\x01", summary='<img src=x onerror="alert(1)">\x0c\x1f'
    )


@pytest.fixture(params=["test", "production"])
def deployment(request, settings):
    """The test settings, or what the production settings change for a request: HTTPS
    behind a proxy that says so, secure cookies, and no app cache (no REDIS_URL)."""
    if request.param == "production":
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        settings.SECURE_SSL_REDIRECT = True
        settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
        settings.SECURE_HSTS_SECONDS = 3600
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        return {"HTTP_X_FORWARDED_PROTO": "https"}
    return {}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pattern=pages, segments=st.lists(hostile, min_size=2, max_size=2),
       params=query, raw=st.booleans(), host=hosts, method=methods)  # fmt: skip
def test_no_public_url_answers_with_an_error(
    some_data, deployment, pattern, segments, params, raw, host, method
):
    client = Client(raise_request_exception=False, **deployment)
    encode = (lambda s: s) if raw else (lambda s: quote(s, safe=""))
    path = pattern.format(*(encode(segment) for segment in segments[: pattern.count("{}")]))
    url = f"{path}?{urlencode(params)}" if params else path
    response = client.generic(method, url, HTTP_HOST=host)
    allowed = ALLOWED if method in ("GET", "HEAD") else ALLOWED_FOR_OTHER_METHODS
    assert response.status_code in allowed, (method, host, url, response.status_code)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=admin_query)
def test_no_admin_list_answers_with_an_error(some_data, admin_user, params):
    """The admin's list filters read the same hostile numbers (the year filter)."""
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    response = client.get(f"/admin/press/pressrelease/?{urlencode(params)}")
    assert response.status_code in ALLOWED, (params, response.status_code)
