"""The translation matrix for editors: which languages each original has, in which state,
which are stale; the changelist's column and filter, the form's panel, the prefilled new
translation, the "Translations to do" page; and no translation live before its original."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from press import translations
from press.models import PressRelease
from tests.factories import make_release
from tests.press.test_editorial import admin_url, form_data, user_in

pytestmark = pytest.mark.django_db
DRAFT = PressRelease.Status.DRAFT


@pytest.fixture
def publisher(bodies):
    return user_in("Publisher", bodies["operations"], username="publisher")


def original_with_versions(bodies):
    original = make_release("Mission opens office", source=bodies["kosovo"], slug="opens")
    make_release(
        "Миссия открывает офис", source=bodies["kosovo"], language="ru", translation_of=original
    )
    make_release(
        "La mission ouvre un bureau",
        source=bodies["kosovo"],
        language="fr",
        translation_of=original,
        status=DRAFT,
    )
    return original


def states(original):
    fetched = PressRelease.objects.with_translations().get(pk=original.pk)
    return {
        version.language: (version.state, version.stale)
        for version in translations.versions(fetched)
    }


def test_the_matrix_has_the_six_languages_in_order_with_their_states(bodies):
    original = original_with_versions(bodies)
    assert states(original) == {
        "en": ("published", False),
        "fr": ("draft", False),
        "de": ("missing", False),
        "it": ("missing", False),
        "ru": ("published", False),
        "es": ("missing", False),
    }


def test_the_states_are_words_of_the_editors_language(bodies):
    original = original_with_versions(bodies)
    with translation.override("de"):
        assert {code: str(state) for code, (state, _) in states(original).items()} == {
            "en": "veröffentlicht",
            "fr": "Entwurf",  # a German noun keeps its capital
            "de": "fehlt",
            "it": "fehlt",
            "ru": "veröffentlicht",
            "es": "fehlt",
        }


def test_a_translation_is_stale_once_the_originals_text_changes(bodies):
    original = original_with_versions(bodies)
    original.place = "PRISTINA"
    original.save()  # not its text: nothing is stale
    assert not any(stale for _state, stale in states(original).values())
    original.body = "<p>The office opens on Monday.</p>"
    original.save()
    assert {code for code, (_s, stale) in states(original).items() if stale} == {"fr", "ru"}
    french = original.translations.get(language="fr")
    french.body = "<p>Le bureau ouvre lundi.</p>"
    french.save()  # translated again
    assert {code for code, (_s, stale) in states(original).items() if stale} == {"ru"}


def test_querysets_find_missing_languages_and_stale_translations(bodies):
    original = original_with_versions(bodies)
    alone = make_release("Alone", source=bodies["kosovo"])
    assert set(PressRelease.objects.missing_language("ru")) == {alone}
    assert set(PressRelease.objects.missing_language("de")) == {original, alone}
    assert not PressRelease.objects.with_stale_translations().exists()
    original.title = "Mission opens its office"
    original.save()
    assert list(PressRelease.objects.with_stale_translations()) == [original]


def test_the_changelist_shows_the_languages_and_filters_by_them(client, bodies, publisher):
    original = original_with_versions(bodies)
    make_release("Alone", source=bodies["kosovo"])
    client.force_login(publisher)
    html = client.get(admin_url("changelist")).content.decode()
    assert "French: draft" in html and "German: missing" in html
    assert "Russian translation of “Mission opens office”" in html
    ru_missing = client.get(admin_url("changelist") + "?translation=missing-ru").content.decode()
    assert "Alone" in ru_missing and ">Mission opens office<" not in ru_missing
    original.title = "Mission opens its office"
    original.save()
    stale = client.get(admin_url("changelist") + "?translation=stale").content.decode()
    assert "Mission opens its office" in stale and "Alone" not in stale


def test_the_changelist_query_count_does_not_grow_with_translations(
    client, bodies, publisher, django_assert_max_num_queries
):
    client.force_login(publisher)
    original_with_versions(bodies)
    with django_assert_max_num_queries(30) as first:
        client.get(admin_url("changelist"))
    for _ in range(5):
        original = make_release(source=bodies["kosovo"])
        make_release(source=bodies["kosovo"], language="de", translation_of=original)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(admin_url("changelist"))


def test_the_form_lists_the_languages_with_links_to_add_the_missing(client, bodies, publisher):
    original = original_with_versions(bodies)
    client.force_login(publisher)
    html = client.get(admin_url("change", original.pk)).content.decode()
    add = reverse("admin:press_pressrelease_add")
    assert f"{add}?translation_of={original.pk}&amp;language=de" in html
    assert "Add the German translation" in html
    french = original.translations.get(language="fr")
    html = client.get(admin_url("change", french.pk)).content.decode()
    assert "This is the French translation of" in html and "this release" in html


def test_a_new_translation_starts_as_a_copy_of_its_original(client, bodies, publisher):
    original = original_with_versions(bodies)
    original.tags.add("Offices")
    client.force_login(publisher)
    response = client.get(admin_url("add") + f"?translation_of={original.pk}&language=de")
    form = response.context["adminform"].form
    assert form.initial["title"] == "Mission opens office"
    assert form.initial["language"] == "de"
    assert form.initial["translation_of"] == original.pk
    assert form.initial["source"] == bodies["kosovo"].pk
    assert form.initial["slug"] == "opens-de"


def test_no_copy_of_a_release_one_may_not_read(client, bodies):
    other = make_release("ODIHR secret draft", source=bodies["odihr"], status=DRAFT)
    client.force_login(user_in("Press officer", bodies["kosovo"], username="officer"))
    response = client.get(admin_url("add") + f"?translation_of={other.pk}&language=de")
    assert "ODIHR secret draft" not in response.content.decode()


def test_missing_languages_in_one_pass_are_what_each_language_says(bodies):
    original_with_versions(bodies)
    make_release("Russian original", source=bodies["kosovo"], language="ru")
    complete = make_release("Complete", source=bodies["kosovo"])
    for code in ("fr", "de", "it", "ru", "es"):
        make_release(
            f"Complete {code}", source=bodies["kosovo"], language=code, translation_of=complete
        )
    releases = PressRelease.objects.all()
    union = set()
    for code, _name in settings.RELEASE_LANGUAGES:
        union |= set(releases.missing_language(code).values_list("pk", flat=True))
    assert set(releases.missing_some_language().values_list("pk", flat=True)) == union
    assert complete.pk not in union
    assert releases.missing_counts() == {
        code: releases.missing_language(code).count() for code, _ in settings.RELEASE_LANGUAGES
    }


def test_the_translations_to_do_page(client, bodies, publisher, django_assert_max_num_queries):
    original = original_with_versions(bodies)
    make_release("Draft, not yet to translate", source=bodies["kosovo"], status=DRAFT)
    client.force_login(publisher)
    url = reverse("admin:press_pressrelease_translations")
    with django_assert_max_num_queries(25):
        html = client.get(url).content.decode()
    assert "Mission opens office" in html and "Draft, not yet" not in html
    assert "No German version (1)" in html and "No Russian version (0)" in html
    assert f"?translation_of={original.pk}&amp;language=es" in html
    nothing = client.get(url + "?language=ru").content.decode()
    assert "Nothing to do here" in nothing
    assert "Translations to do" in client.get(reverse("admin:index")).content.decode()


# --- a translation never goes live before its original ------------------------------------


def test_a_translation_of_a_draft_cannot_be_published(client, bodies, publisher):
    original = make_release("Draft original", source=bodies["kosovo"], status=DRAFT)
    client.force_login(publisher)
    data = form_data(bodies["kosovo"], language="ru", translation_of=original.pk, _action="publish")
    response = client.post(admin_url("add"), data)
    assert "publish “Draft original” first" in response.content.decode()
    assert not PressRelease.objects.filter(language="ru").exists()


def test_a_translation_is_scheduled_no_earlier_than_its_original(client, bodies, publisher):
    later = timezone.now() + datetime.timedelta(days=2)
    original = make_release("Later original", source=bodies["kosovo"], published_at=later)
    client.force_login(publisher)
    local = timezone.localtime(later - datetime.timedelta(days=1))
    data = form_data(
        bodies["kosovo"],
        language="ru",
        translation_of=original.pk,
        _action="schedule",
        published_at_0=f"{local:%Y-%m-%d}",
        published_at_1="10:00:00",
    )
    response = client.post(admin_url("add"), data)
    assert "is scheduled for" in response.content.decode()
    local = timezone.localtime(later + datetime.timedelta(days=1))
    data["published_at_0"] = f"{local:%Y-%m-%d}"
    assert client.post(admin_url("add"), data).status_code == 302


def test_publishing_from_the_list_skips_translations_of_unpublished_originals(
    client, bodies, publisher
):
    original = make_release("Draft original", source=bodies["kosovo"], status=DRAFT)
    translation = make_release(
        "Перевод", source=bodies["kosovo"], language="ru", translation_of=original, status=DRAFT
    )
    client.force_login(publisher)
    data = {"action": "publish_selected", "_selected_action": [translation.pk]}
    response = client.post(admin_url("changelist"), data, follow=True)
    translation.refresh_from_db()
    assert translation.status == DRAFT
    assert "originals are not live yet: “Перевод”" in response.content.decode()
