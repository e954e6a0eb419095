"""Random and hostile addresses and query strings against every public URL pattern: the
only answers allowed are 200, 301, 302, 304, 400 and 404 — never an error page."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = pytest.mark.django_db
ALLOWED = {200, 301, 302, 304, 400, 404}
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
    "/feeds/atom/{}/{}/",
    "/feeds/rss/{}/{}/",
    "/sitemap.xml",
    "/sitemap-{}.xml",
    "/robots.txt",
]
KNOWN = ["elections", "austria", "mission", "water", "2019", "1", "0", "-1", "99999999999999999999"]
hostile = st.one_of(
    st.sampled_from(KNOWN),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        ["<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "%", "\\",
         "a" * 5000, "\u202e", "😀", "${7*7}", "{{7*7}}", "?page=1", "&", "=", ";", "NaN", " "]
    ),
)  # fmt: skip
query = st.lists(
    st.tuples(
        st.sampled_from(["field", "country", "source", "tag", "year", "q", "page", "meeting", "x"]),
        hostile,
    ),
    max_size=6,
)


@pytest.fixture
def some_data():
    field = make_term("Elections", slug="elections")
    austria = make_country("Austria", "AT")
    release = make_release("Election observed", source=make_structure("Mission", slug="mission"))
    release.fields_of_work.add(field)
    release.countries.add(austria)
    release.tags.add("water")


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pattern=st.sampled_from(PATTERNS), segments=st.lists(hostile, min_size=2, max_size=2),
       params=query, raw=st.booleans())  # fmt: skip
def test_no_public_url_answers_with_an_error(some_data, pattern, segments, params, raw):
    client = Client(raise_request_exception=False)
    encode = (lambda s: s) if raw else (lambda s: quote(s, safe=""))
    path = pattern.format(*(encode(segment) for segment in segments[: pattern.count("{}")]))
    url = f"{path}?{urlencode(params)}" if params else path
    response = client.get(url)
    assert response.status_code in ALLOWED, (url, response.status_code)
