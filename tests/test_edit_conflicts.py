"""Two editors on one object: a form saved from a stale copy never overwrites newer work
(osce_site/edit_conflicts.py, used by the release, structure and term admins)."""

import datetime
import io
import re
import threading

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reversion.models import Version

from osce_site.edit_conflicts import parse_token, version_token
from press.admin import PressReleaseAdmin
from press.models import PressRelease, ReleaseImage
from structures.models import Structure
from taxonomy.models import Term, Vocabulary
from tests.factories import make_release, make_structure, make_term, vocabulary
from tests.html import form_values

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def editor(name):
    user = User.objects.create_superuser(name, f"{name}@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def open_form(client, obj):
    """GET the change form and return what the browser would post from it."""
    page = client.get(change_url(obj))
    assert page.status_code == 200
    return form_values(page, f"{obj._meta.model_name}_form")


def conflict_rows(response):
    """(field label, yours, saved now) for each row of the refusal's table."""
    form = response.context["adminform"].form
    html = str(form.non_field_errors())
    rows = re.findall(r"<th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td>", html)
    return {label: (yours, saved) for label, yours, saved in rows}


@pytest.fixture
def release():
    return make_release("Old title", summary="Old summary.", status=PressRelease.Status.DRAFT)


@pytest.fixture
def two_editors():
    return editor("anna"), editor("boris")


# --- releases ---------------------------------------------------------------------------------


def test_the_form_carries_the_version_it_was_loaded_from_to_the_microsecond(release, two_editors):
    PressRelease.objects.filter(pk=release.pk).update(
        updated_at=datetime.datetime(2025, 5, 1, 8, 30, 15, 123456, tzinfo=datetime.UTC)
    )
    data = open_form(two_editors[0], release)
    assert data["edit_version"] == "2025-05-01T08:30:15.123456+00:00"


def test_a_stale_release_form_is_refused_and_the_newer_save_is_kept(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    assert anna.post(change_url(release), {**annas, "summary": "New summary."}).status_code == 302

    refused = boris.post(change_url(release), {**boriss, "title": "New title"})

    assert refused.status_code == 200
    release.refresh_from_db()
    assert (release.title, release.summary) == ("Old title", "New summary.")


def test_the_refusal_shows_each_changed_field_with_both_values(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})

    refused = boris.post(change_url(release), {**boriss, "title": "New title"})

    assert conflict_rows(refused) == {
        "Title (required)": ("New title", "Old title"),
        "Summary (required)": ("Old summary.", "New summary."),
    }
    assert "by anna" in str(refused.context["adminform"].form.non_field_errors())


def test_the_refused_editor_keeps_their_input_in_the_form(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})

    refused = boris.post(change_url(release), {**boriss, "title": "New title"})

    assert form_values(refused, "pressrelease_form")["title"] == "New title"


def test_the_same_stale_form_sent_again_is_refused_again(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})
    refused = boris.post(change_url(release), {**boriss, "title": "New title"})

    again = boris.post(change_url(release), form_values(refused, "pressrelease_form"))

    assert again.status_code == 200
    assert PressRelease.objects.get().summary == "New summary."


def test_a_fresh_form_after_the_refusal_saves(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})
    boris.post(change_url(release), {**boriss, "title": "New title"})

    fresh = open_form(boris, release)
    assert boris.post(change_url(release), {**fresh, "title": "New title"}).status_code == 302
    release.refresh_from_db()
    assert (release.title, release.summary) == ("New title", "New summary.")


def test_ticking_the_box_saves_over_the_version_the_refusal_showed(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})
    refused = boris.post(change_url(release), {**boriss, "title": "New title"})
    resolved = {**form_values(refused, "pressrelease_form"), "summary": "New summary."}
    resolved["edit_overwrite"] = version_token(PressRelease.objects.get(), "updated_at")

    assert boris.post(change_url(release), resolved).status_code == 302
    release.refresh_from_db()
    assert (release.title, release.summary) == ("New title", "New summary.")


def test_the_box_does_not_save_over_a_version_saved_after_the_refusal(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})
    refused = boris.post(change_url(release), {**boriss, "title": "New title"})
    shown = version_token(PressRelease.objects.get(), "updated_at")
    anna.post(change_url(release), {**open_form(anna, release), "summary": "Newest summary."})

    again = boris.post(
        change_url(release), {**form_values(refused, "pressrelease_form"), "edit_overwrite": shown}
    )

    assert again.status_code == 200
    assert PressRelease.objects.get().summary == "Newest summary."


def image_upload():
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "#004b87").save(data, "JPEG")
    return SimpleUploadedFile("photo.jpg", data.getvalue(), content_type="image/jpeg")


def test_inlines_of_a_stale_form_are_not_applied(release, two_editors):
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})
    with_image = {
        **boriss,
        "images-TOTAL_FORMS": "1",
        "images-0-image": image_upload(),
        "images-0-alt_text": "A picture",
        "images-0-position": "0",
    }

    assert boris.post(change_url(release), with_image).status_code == 200
    assert not ReleaseImage.objects.exists()


def test_a_stale_form_that_changes_only_an_inline_is_refused(release, two_editors):
    ReleaseImage.objects.create(release=release, image=image_upload(), alt_text="Old alt text")
    anna, boris = two_editors
    annas, boriss = open_form(anna, release), open_form(boris, release)
    anna.post(change_url(release), {**annas, "summary": "New summary."})

    boris.post(change_url(release), {**boriss, "images-0-alt_text": "New alt text"})

    assert ReleaseImage.objects.get().alt_text == "Old alt text"


@pytest.mark.parametrize("token", ["", "yesterday", "2025-05-01T08:30:15", "9" * 5000])
def test_a_garbled_version_is_refused_without_a_500(release, two_editors, token):
    data = {**open_form(two_editors[0], release), "title": "Changed", "edit_version": token}
    response = two_editors[0].post(change_url(release), data)
    assert response.status_code == 200
    assert PressRelease.objects.get().title == "Old title"


offsets = st.timedeltas(
    min_value=-datetime.timedelta(hours=23), max_value=datetime.timedelta(hours=23)
)
tokens = st.one_of(
    st.text(max_size=60),
    st.datetimes(timezones=st.builds(datetime.timezone, offsets)).map(datetime.datetime.isoformat),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(token=tokens)
def test_any_other_version_is_refused_without_a_500(release, token):
    client = Client(raise_request_exception=False)
    client.force_login(
        User.objects.get_or_create(username="fuzz", is_staff=True, is_superuser=True)[0]
    )
    data = {**open_form(client, release), "title": "Changed", "edit_version": token}
    assert client.post(change_url(release), data).status_code == 200
    assert PressRelease.objects.get().title == "Old title"


def test_a_version_one_microsecond_off_is_stale(release, two_editors):
    data = open_form(two_editors[0], release)
    off = parse_token(data["edit_version"]) + datetime.timedelta(microseconds=1)
    data.update(title="Changed", edit_version=off.isoformat())
    assert two_editors[0].post(change_url(release), data).status_code == 200
    assert PressRelease.objects.get().title == "Old title"


def test_publishing_in_between_makes_an_open_form_stale(release, two_editors):
    """The publish action is no form, but it is newer work: the stale form would undo it."""
    anna, boris = two_editors
    boriss = open_form(boris, release)
    anna.post(
        reverse("admin:press_pressrelease_changelist"),
        {"action": "publish_selected", "_selected_action": [release.pk]},
    )
    boris.post(change_url(release), {**boriss, "title": "New title"})
    assert PressRelease.objects.get().status == PressRelease.Status.PUBLISHED


def test_a_read_only_form_has_no_version_row():
    term = make_term("Elections")
    viewer = User.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_term"))
    client = Client()
    client.force_login(viewer)
    page = client.get(change_url(term))
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert "edit_version" not in page.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_the_same_moment_cannot_both_pass(monkeypatch):
    """The second save waits for the first one's transaction and then finds it stale: the
    check holds at the save, not only when the form was validated."""
    release = make_release("Old title", summary="Old summary.", status=PressRelease.Status.DRAFT)
    anna, boris = editor("anna"), editor("boris")
    annas, boriss = open_form(anna, release), open_form(boris, release)
    claimed, go = threading.Event(), threading.Event()
    save_model = PressReleaseAdmin.save_model

    def slow_save_model(self, request, obj, form, change):
        if request.user.username == "anna":  # validated, version claimed: hold the save
            claimed.set()
            go.wait(10)
        save_model(self, request, obj, form, change)

    monkeypatch.setattr(PressReleaseAdmin, "save_model", slow_save_model)
    responses = {}

    def post(name, client, data):
        responses[name] = client.post(change_url(release), data)
        connection.close()

    first = threading.Thread(target=post, args=("anna", anna, {**annas, "summary": "New."}))
    first.start()
    assert claimed.wait(10)
    second = threading.Thread(target=post, args=("boris", boris, {**boriss, "title": "New"}))
    second.start()
    second.join(1)
    assert second.is_alive()  # waiting for the row anna's save holds
    go.set()
    first.join(10)
    second.join(10)

    assert (responses["anna"].status_code, responses["boris"].status_code) == (302, 200)
    release.refresh_from_db()
    assert (release.title, release.summary) == ("Old title", "New.")


# --- the trees --------------------------------------------------------------------------------


def test_a_stale_structure_form_is_refused_and_the_newer_save_is_kept(two_editors):
    structure = make_structure("Mission in Kosovo", description="Old description.")
    anna, boris = two_editors
    annas, boriss = open_form(anna, structure), open_form(boris, structure)
    assert anna.post(change_url(structure), {**annas, "description_en": "New."}).status_code == 302

    refused = boris.post(change_url(structure), {**boriss, "short_name_en": "OMiK"})

    assert refused.status_code == 200
    assert conflict_rows(refused) == {
        "Short name [en]": ("OMiK", "(empty)"),
        "Description [en]": ("Old description.", "New."),
    }
    structure.refresh_from_db()
    assert (structure.short_name, structure.description) == ("", "New.")


def test_a_fresh_structure_form_after_the_refusal_saves(two_editors):
    structure = make_structure("Mission in Kosovo", description="Old description.")
    anna, boris = two_editors
    annas, boriss = open_form(anna, structure), open_form(boris, structure)
    anna.post(change_url(structure), {**annas, "description_en": "New."})
    boris.post(change_url(structure), {**boriss, "short_name_en": "OMiK"})

    fresh = open_form(boris, structure)
    assert boris.post(change_url(structure), {**fresh, "short_name_en": "OMiK"}).status_code == 302
    structure.refresh_from_db()
    assert (structure.short_name, structure.description) == ("OMiK", "New.")


def test_a_stale_term_form_is_refused_and_the_newer_save_is_kept(two_editors):
    term = make_term("Elections", description="Old description.")
    anna, boris = two_editors
    annas, boriss = open_form(anna, term), open_form(boris, term)
    assert anna.post(change_url(term), {**annas, "description_en": "New."}).status_code == 302

    refused = boris.post(change_url(term), {**boriss, "name_en": "Elections and voting"})

    assert refused.status_code == 200
    assert conflict_rows(refused) == {
        "Name [en]": ("Elections and voting", "Elections"),
        "Description [en]": ("Old description.", "New."),
    }
    term.refresh_from_db()
    assert (term.name, term.description) == ("Elections", "New.")


def test_a_fresh_term_form_after_the_refusal_saves(two_editors):
    term = make_term("Elections", description="Old description.")
    anna, boris = two_editors
    annas, boriss = open_form(anna, term), open_form(boris, term)
    anna.post(change_url(term), {**annas, "description_en": "New."})
    boris.post(change_url(term), {**boriss, "name_en": "Elections and voting"})

    fresh = open_form(boris, term)
    assert (
        boris.post(change_url(term), {**fresh, "name_en": "Elections and voting"}).status_code
        == 302
    )
    term.refresh_from_db()
    assert (term.name, term.description) == ("Elections and voting", "New.")


def test_a_term_moved_by_drag_and_drop_is_not_moved_back_by_a_stale_form(two_editors):
    fields = vocabulary(Vocabulary.FIELDS_OF_WORK)
    democracy, elections = make_term("Democratisation"), make_term("Elections")
    anna, boris = two_editors
    boriss = open_form(boris, elections)
    anna.post(
        reverse("admin:taxonomy_term_changelist"),
        {
            "cmd": "move_node",
            "cut_item": elections.pk,
            "pasted_on": democracy.pk,
            "position": "last-child",
        },
    )
    assert Term.objects.get(pk=elections.pk).parent == democracy

    refused = boris.post(change_url(elections), {**boriss, "description_en": "Free and fair."})

    assert conflict_rows(refused)["Parent"] == (str(fields), str(democracy))
    assert Term.objects.get(pk=elections.pk).parent == democracy


def test_every_change_form_of_the_three_carries_a_version(admin_client):
    objects = [
        make_release(),
        make_structure(kind=Structure.Kind.INSTITUTION),
        make_term(),
    ]
    for obj in objects:
        assert parse_token(open_form(admin_client, obj)["edit_version"]) is not None, obj


def test_the_form_of_an_earlier_revision_still_restores_it(release, two_editors):
    anna = two_editors[0]
    anna.post(change_url(release), {**open_form(anna, release), "title": "Second title"})
    anna.post(change_url(release), {**open_form(anna, release), "title": "Third title"})
    second = Version.objects.get_for_object(release)[1]
    url = reverse("admin:press_pressrelease_revision", args=[release.pk, second.pk])
    data = form_values(anna.get(url), "pressrelease_form")
    assert "edit_version" in data  # the version as restored

    assert anna.post(url, data).status_code == 302
    assert PressRelease.objects.get().title == "Second title"


def test_the_form_of_a_deleted_release_still_recovers_it(release, two_editors):
    anna = two_editors[0]
    anna.post(change_url(release), open_form(anna, release))
    anna.post(reverse("admin:press_pressrelease_delete", args=[release.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(PressRelease).get()
    url = reverse("admin:press_pressrelease_recover", args=[deleted.pk])
    data = form_values(anna.get(url), "pressrelease_form")
    assert "edit_version" in data  # the version as restored

    assert anna.post(url, data).status_code == 302
    assert PressRelease.objects.get().title == "Old title"
