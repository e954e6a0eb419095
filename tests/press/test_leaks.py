"""Nothing about an unpublished release (title, slug, tags) reaches someone who may not see
it: old addresses, tag pages and feeds, the admin's "view on site" redirect, translations
and the tag list of the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

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
