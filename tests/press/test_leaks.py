"""Nothing about an unpublished release (title, slug, tags) reaches someone who may not see
it: old addresses, tag pages and feeds, the admin's "view on site" redirect, translations
and the tag list of the admin."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from press.models import PressRelease
from structures.models import Structure
from tests.factories import make_release, make_structure
from tests.html import main_content
from tests.press.test_editorial import form_data, user_in

pytestmark = pytest.mark.django_db
DRAFT, PUBLISHED, WITHDRAWN = PressRelease.Status.values


def scheduled(**fields):
    return make_release(published_at=timezone.now() + datetime.timedelta(days=1), **fields)


def unpublished():
    """A draft, and a release scheduled for tomorrow: neither is public yet."""
    return {
        "draft": lambda **fields: make_release(status=DRAFT, **fields),
        "scheduled": scheduled,
    }


UNPUBLISHED = ["draft", "scheduled"]


@pytest.fixture
def bodies():
    operations = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)
    return {
        "kosovo": make_structure("Mission in Kosovo", parent=operations),
        "serbia": make_structure("Mission to Serbia", parent=operations),
    }


# --- old addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_the_old_slug_of_an_unpublished_release_is_404_not_a_redirect(client, state):
    release = unpublished()[state](slug="first-slug")
    release.slug = "embargoed-new-slug"
    release.save()
    response = client.get("/press-releases/first-slug/")
    assert response.status_code == 404
    assert "embargoed-new-slug" not in response.content.decode()


def test_a_release_taken_back_to_draft_stops_redirecting_its_old_slug(client):
    release = make_release(slug="first-slug")
    release.slug = "second-slug"
    release.save()
    assert client.get("/press-releases/first-slug/").status_code == 301
    release.status = DRAFT
    release.save()
    assert client.get("/press-releases/first-slug/").status_code == 404


def test_the_old_slug_of_a_withdrawn_release_leads_to_its_notice(client):
    release = make_release(slug="first-slug")
    release.slug, release.status = "second-slug", WITHDRAWN
    release.withdrawal_reason = "Wrong venue."
    release.save()
    assert client.get("/press-releases/first-slug/")["Location"] == "/press-releases/second-slug/"


# --- tags -------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", UNPUBLISHED)
@pytest.mark.parametrize(
    "url",
    [
        "/tags/embargoed-visit/",
        "/feeds/rss/tags/embargoed-visit/",
        "/feeds/atom/tags/embargoed-visit/",
    ],
)
def test_a_tag_only_unpublished_releases_carry_has_no_page_or_feed(client, state, url):
    unpublished()[state]().tags.add("Embargoed visit")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("state", UNPUBLISHED)
@pytest.mark.parametrize("url", ["/press-releases/", "/search/?q=release"])
def test_a_tag_only_unpublished_releases_carry_is_no_filter_or_facet(client, state, url):
    make_release("A public release")
    unpublished()[state]().tags.add("Embargoed visit")
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}tag=embargoed-visit")
    assert response.status_code == 200
    typed = response.content.decode().replace("tag=embargoed-visit", "")  # the language links
    assert "mbargoed" not in typed


def test_a_tag_gets_its_page_when_a_release_carrying_it_is_published(client):
    release = make_release(status=DRAFT)
    release.tags.add("Youth")
    assert client.get("/tags/youth/").status_code == 404
    release.status = PUBLISHED
    release.save()
    assert client.get("/tags/youth/").status_code == 200
    assert client.get("/feeds/rss/tags/youth/").status_code == 200


def test_a_withdrawn_releases_tags_keep_their_pages(client):
    """Its page is public and links its tags."""
    release = make_release(status=WITHDRAWN, withdrawal_reason="Wrong venue.")
    release.tags.add("Youth")
    assert client.get("/tags/youth/").status_code == 200


def test_the_admin_tag_list_shows_another_structures_draft_tags_to_nobody_else(client, bodies):
    make_release(source=bodies["serbia"], status=DRAFT).tags.add("Serbian embargo")
    make_release(source=bodies["kosovo"], status=DRAFT).tags.add("Kosovo plans")
    make_release(source=bodies["serbia"]).tags.add("Public tag")
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    listing = client.get(reverse("admin:taggit_tag_changelist"))
    names = sorted(tag.name for tag in listing.context["cl"].result_list)
    assert names == ["Kosovo plans", "Public tag"]


# --- the admin's "view on site" ---------------------------------------------------------------


def view_on_site(release):
    content_type = ContentType.objects.get_for_model(PressRelease)
    return f"/admin/r/{content_type.pk}/{release.pk}/"


@pytest.mark.parametrize("state", UNPUBLISHED + ["published"])
def test_view_on_site_is_404_for_another_structures_release(client, bodies, state):
    factories = {**unpublished(), "published": make_release}
    release = factories[state](source=bodies["serbia"], slug="serbian-plans")
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    response = client.get(view_on_site(release))
    assert response.status_code == 404
    assert "serbian-plans" not in response.get("Location", "") + response.content.decode()


def test_view_on_site_leads_an_editor_to_their_release(client, bodies):
    release = make_release(source=bodies["kosovo"], slug="kosovo-news")
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    response = client.get(view_on_site(release))
    assert response.status_code == 302
    assert response["Location"].endswith("/press-releases/kosovo-news/")


def test_view_on_site_asks_visitors_to_sign_in_and_names_nothing(client):
    release = make_release(status=DRAFT, slug="secret-plans")
    response = client.get(view_on_site(release))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "secret-plans" not in response["Location"]


@pytest.mark.parametrize("path", ["999999/1/", "{ct}/999999/", "{ct}/abc/", "{ct}/9" * 30 + "/"])
def test_view_on_site_of_nothing_is_404(admin_client, path):
    content_type = ContentType.objects.get_for_model(PressRelease)
    response = admin_client.get("/admin/r/" + path.format(ct=content_type.pk))
    assert response.status_code == 404


# --- translations -----------------------------------------------------------------------------


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_translation_is_not_offered_on_the_originals_page(client, state):
    original = make_release("Observers deploy", slug="observers-deploy")
    unpublished()[state](
        title="Наблюдатели", slug="nabljudateli", language="ru", translation_of=original
    )
    html = client.get("/press-releases/observers-deploy/").content.decode()
    assert "nabljudateli" not in html and "Наблюдатели" not in html


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_unpublished_original_is_not_offered_on_its_translations_page(client, state):
    original = unpublished()[state](title="Observers deploy", slug="observers-deploy")
    make_release("Наблюдатели", slug="nabljudateli", language="ru", translation_of=original)
    html = client.get("/press-releases/nabljudateli/").content.decode()
    assert "observers-deploy" not in html and "Observers deploy" not in html


def test_a_typed_in_id_of_another_structures_draft_shows_an_error_not_its_title(client, bodies):
    theirs = make_release("Serbian budget plans", source=bodies["serbia"], status=DRAFT)
    mine = make_release("Kosovo news", source=bodies["kosovo"], status=DRAFT, slug="kosovo-news")
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    url = reverse("admin:press_pressrelease_change", args=[mine.pk])
    data = form_data(bodies["kosovo"], slug="kosovo-news", translation_of=theirs.pk)
    response = client.post(url, data)
    assert "translation_of" in response.context["adminform"].form.errors
    assert "Serbian budget plans" not in response.content.decode()
    mine.refresh_from_db()
    assert mine.translation_of is None


def test_a_translation_linked_by_someone_with_wider_rights_stays_linked(client, bodies):
    """The officer saves their draft; the link a publisher made to another body's release
    is kept, not refused as a choice they could not make."""
    original = make_release("Serbian original", source=bodies["serbia"])
    mine = make_release(
        "Kosovo translation",
        source=bodies["kosovo"],
        status=DRAFT,
        slug="kosovo-translation",
        language="ru",
        translation_of=original,
    )
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    url = reverse("admin:press_pressrelease_change", args=[mine.pk])
    data = form_data(
        bodies["kosovo"],
        title="Kosovo translation, edited",
        slug="kosovo-translation",
        language="ru",
        translation_of=original.pk,
    )
    assert client.post(url, data).status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.translation_of) == ("Kosovo translation, edited", original)


def test_a_public_page_shows_nothing_of_a_draft(client):
    """The page of a public release that a draft translates, with the draft's tags."""
    original = make_release("Observers deploy", slug="observers-deploy")
    draft = make_release(
        "Secret title", slug="secret-slug", status=DRAFT, language="ru", translation_of=original
    )
    draft.tags.add("Secret tag")
    html = main_content(client.get("/press-releases/observers-deploy/"))
    assert "Secret" not in html and "secret" not in html


def test_merging_tags_needs_the_right_to_change_tags(client, bodies):
    first = make_release(source=bodies["kosovo"], status=DRAFT)
    first.tags.add("Youth", "Young people")
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    response = client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "Merged"})
    assert response.status_code == 403
    assert not Tag.objects.filter(name="Merged").exists()
