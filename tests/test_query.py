"""Page and year numbers in query strings: only ASCII digits, and only a few of them.
str.isdigit() takes "²" and "٣", which int() refuses or misreads, and int() of thousands
of digits raises: every page that reads one answers 404 or ignores the filter instead."""

import pytest

from osce_site.query import positive_int
from press.models import PressRelease
from tests.factories import make_release, make_structure, make_term

HOSTILE_NUMBERS = ["²", "٣", "１", "2٠19", "1" * 5000, "9" * 4301, "-1", "0", "+1", " 1", "1.0"]


@pytest.mark.parametrize("value", HOSTILE_NUMBERS + ["", None, "abc"])
def test_only_plain_positive_numbers_are_numbers(value):
    assert positive_int(value) is None


def test_a_plain_number_is_read():
    assert positive_int("2019") == 2019


def test_a_number_above_the_maximum_is_not_read():
    assert positive_int("3", maximum=2) is None


@pytest.fixture
def pages(db):
    field = make_term("Elections", slug="elections")
    release = make_release("Observed", source=make_structure("Mission", slug="mission"))
    release.fields_of_work.add(field)
    release.tags.add("water")


LISTS = [
    "/press-releases/",
    "/search/?q=observed&",
    "/tags/water/",
    "/fields-of-work/elections/",
    "/structures/mission/",
]


def _with(url, query):
    return f"{url}{'' if url.endswith('&') else '?'}{query}"


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_a_page_that_is_no_number_is_not_found(client, pages, url, value):
    assert client.get(_with(url, f"page={value}")).status_code == 404


@pytest.mark.parametrize("url", ["/press-releases/", "/search/?q=observed&"])
@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_a_year_that_is_no_number_is_ignored(client, pages, url, value):
    response = client.get(_with(url, f"year={value}"))
    assert response.status_code == 200
    assert "Observed" in response.content.decode()


@pytest.mark.parametrize("value", [*HOSTILE_NUMBERS, "1", "9999"])
def test_the_admin_year_filter_ignores_what_is_no_year(admin_client, pages, value):
    response = admin_client.get(f"/admin/press/pressrelease/?year={value}")
    assert response.status_code == 200


def test_the_admin_year_filter_filters(admin_client, pages):
    year = PressRelease.objects.get().published_at.year
    response = admin_client.get(f"/admin/press/pressrelease/?year={year - 1}")
    assert response.context["cl"].result_count == 0
