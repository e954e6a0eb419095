"""Tags in any script, and tags with no letter at all, have slugs that addresses can hold:
their release pages, previews and tag pages work."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from press.models import PressRelease
from press.previews import preview_token
from tests.factories import make_release, make_structure
from tests.press.test_editorial import user_in

pytestmark = pytest.mark.django_db


def test_a_russian_tag_keeps_a_readable_slug():
    assert Tag.objects.create(name="Медиа").slug == "медиа"


def test_a_tag_without_letters_or_digits_gets_a_slug():
    assert Tag.objects.create(name="!!!").slug == "tag"


def test_tags_without_letters_get_slugs_of_their_own():
    Tag.objects.create(name="Tag")
    slugs = {Tag.objects.create(name=name).slug for name in ("!!!", "???", "…")}
    assert slugs == {"tag_1", "tag_2", "tag_3"}


def test_a_long_tag_slug_fits_its_column():
    tag = Tag.objects.create(name="İ" * 100)  # lower-cased, each becomes two characters
    assert 0 < len(tag.slug) <= 100


@pytest.fixture
def tagged_release():
    release = make_release("Media freedom", slug="media-freedom")
    release.tags.add("медиа", "!!!", "Свобода слова")
    return release


def test_release_page_links_tags_in_any_script(client, tagged_release):
    response = client.get("/press-releases/media-freedom/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("медиа", "!!!", "Свобода слова"):
        assert f'href="{reverse("press:tag", args=[Tag.objects.get(name=name).slug])}"' in html


def test_a_russian_tags_page_is_found_at_its_readable_address(client, tagged_release):
    response = client.get("/tags/медиа/")
    assert response.status_code == 200
    assert "Media freedom" in response.content.decode()


def test_the_page_of_a_tag_without_letters_is_found(client, tagged_release):
    slug = Tag.objects.get(name="!!!").slug
    assert client.get(reverse("press:tag", args=[slug])).status_code == 200


def test_the_feed_of_a_russian_tag(client, tagged_release):
    response = client.get("/feeds/rss/tags/медиа/")
    assert response.status_code == 200
    assert b"Media freedom" in response.content


def test_preview_of_a_draft_with_unicode_tags(admin_client, tagged_release):
    PressRelease.objects.filter(pk=tagged_release.pk).update(status=PressRelease.Status.DRAFT)
    response = admin_client.get(reverse("press:preview", args=[tagged_release.pk]))
    assert response.status_code == 200


def test_signed_preview_of_a_draft_with_unicode_tags(client, tagged_release):
    PressRelease.objects.filter(pk=tagged_release.pk).update(status=PressRelease.Status.DRAFT)
    response = client.get(reverse("press:shared-preview", args=[preview_token(tagged_release)]))
    assert response.status_code == 200


# --- suggestions in the release form ------------------------------------------------------------


def suggest(client, typed):
    url = reverse("admin:press_pressrelease_tag_suggestions")
    return client.get(url, {"q": typed}).json()["results"]


def test_the_release_form_suggests_existing_tags_with_their_counts(admin_client):
    for number in range(3):
        make_release(f"Vote {number}").tags.add("elections")
    make_release("Observers").tags.add("election observation")
    make_release("Youth").tags.add("youth")
    assert suggest(admin_client, "elect") == [
        {"id": "elections", "text": "elections (3)"},
        {"id": "election observation", "text": "election observation (1)"},
    ]
    assert suggest(admin_client, "") == []


def test_suggestions_never_name_a_tag_only_someone_elses_draft_carries(client):
    kosovo, serbia = make_structure("Mission in Kosovo"), make_structure("Mission to Serbia")
    make_release("Serbian draft", source=serbia, status="draft").tags.add("secret talks")
    make_release("Own draft", source=kosovo, status="draft").tags.add("security")
    client.force_login(user_in("Press officer", kosovo))
    assert suggest(client, "se") == [{"id": "security", "text": "security (1)"}]


def test_suggestions_take_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    for number in range(30):
        make_release(f"Release {number}").tags.add(f"topic {number}")
    with django_assert_max_num_queries(4):
        assert len(suggest(admin_client, "topic")) == 10


def test_the_tags_field_offers_suggestions_and_keeps_working_as_text(admin_client):
    release = make_release()
    release.tags.add("community safety", "youth")
    html = admin_client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    html = html.content.decode()
    assert 'data-tag-suggestions="/admin/press/pressrelease/tags/"' in html
    assert 'data-tags="[&quot;community safety&quot;, &quot;youth&quot;]"' in html
    assert 'value="&quot;community safety&quot;, youth"' in html
