"""Every public address with a slug takes Unicode slugs: terms, structures (by their
path), releases and feeds, as well as tags (tests/press/test_tagging.py)."""

import pytest
from django.urls import reverse

from tests.factories import make_release, make_structure, make_term

pytestmark = pytest.mark.django_db


def test_a_term_with_a_russian_slug(client):
    make_term("Выборы", slug="выборы")
    assert client.get("/fields-of-work/выборы/").status_code == 200


def test_a_structure_path_with_russian_slugs(client):
    mission = make_structure("Миссия", slug="миссия", kind="information-page")
    office = make_structure("Офис", slug="офис", parent=mission)
    assert office.get_absolute_url() == reverse("press:structure", args=["миссия/офис"])
    assert client.get("/structures/миссия/офис/").status_code == 200


def test_a_release_with_a_russian_slug(client):
    make_release("Выборы", slug="выборы")
    assert client.get("/press-releases/выборы/").status_code == 200


def test_the_feed_of_a_term_with_a_russian_slug(client):
    make_term("Выборы", slug="выборы")
    assert client.get("/feeds/atom/fields-of-work/выборы/").status_code == 200


def test_addresses_with_unicode_slugs_are_percent_encoded():
    assert reverse("press:tag", args=["медиа"]) == "/tags/%D0%BC%D0%B5%D0%B4%D0%B8%D0%B0/"
