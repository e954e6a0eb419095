"""The editorial workflow: states, previews, revisions, rights per structure, stable URLs,
translations and uploads."""

import datetime
import io
import re
from unittest import mock

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from reversion.models import Version

from press import services
from press.models import Contact, PressRelease, ReleaseAttachment, ReleaseImage
from press.previews import preview_token
from press.validators import validate_attachment, validate_image
from structures.models import Structure
from tests.factories import make_release
from tests.html import main_content

pytestmark = pytest.mark.django_db


def admin_url(view, *args):
    return reverse(f"admin:press_pressrelease_{view}", args=args)


def user_in(group, *structures, username=None):
    user = User.objects.create_user(username or group.lower().replace(" ", "-"), password="pw")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    for structure in structures:
        structure.editors.add(user)
    return user


def form_data(source, **overrides):
    data = {
        "title": "Mission opens office",
        "slug": "mission-opens-office",
        "summary": "The mission opens an office.",
        "body": "<p>Text</p>",
        "published_at_0": "2025-05-01",
        "published_at_1": "10:00:00",
        "place": "PRISTINA",
        "source": source.pk,
        "language": "en",
        "tags": "",
    }
    for prefix in ("images", "attachments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


# --- states and scheduling --------------------------------------------------------------------


def test_withdrawing_needs_a_public_reason():
    release = make_release(status=PressRelease.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="why the release is withdrawn"):
        release.full_clean()


def test_withdrawn_release_keeps_its_page_with_a_notice_and_leaves_lists_and_feeds(client):
    make_release(
        "Withdrawn one",
        slug="withdrawn",
        status=PressRelease.Status.WITHDRAWN,
        withdrawal_reason="It named the wrong venue.",
    )
    page = client.get("/press-releases/withdrawn/")
    assert page.status_code == 200
    assert "This press release has been withdrawn." in main_content(page)
    assert "It named the wrong venue." in main_content(page)
    assert "Withdrawn one" not in main_content(client.get("/press-releases/"))
    assert "Withdrawn one" not in client.get("/feeds/rss/").content.decode()
    assert "withdrawn" not in client.get("/sitemap-releases.xml").content.decode()


def test_a_draft_without_a_date_is_dated_when_it_is_published(admin_client, bodies):
    """A draft written on Monday and published on Friday is a Friday release."""
    data = form_data(bodies["kosovo"], published_at_0="", published_at_1="")
    admin_client.post(admin_url("add"), data)
    release = PressRelease.objects.get()
    assert release.published_at is None and not release.is_public
    preview = admin_client.get(reverse("press:preview", args=[release.pk]))
    assert "dated when published" in main_content(preview)

    before = timezone.now()
    services.publish(PressRelease.objects.all())
    release.refresh_from_db()
    assert before <= release.published_at <= timezone.now() and release.is_public


def test_a_date_chosen_for_a_draft_is_kept_when_it_is_published():
    chosen = timezone.now() - datetime.timedelta(days=3)
    release = make_release(status=PressRelease.Status.DRAFT, published_at=chosen)
    services.publish(PressRelease.objects.all())
    release.refresh_from_db()
    assert release.published_at == chosen


def test_a_release_published_in_the_form_without_a_date_is_dated_now(admin_client, bodies):
    data = form_data(bodies["kosovo"], _action="publish", published_at_0="", published_at_1="")
    admin_client.post(admin_url("add"), data)
    assert PressRelease.objects.get().is_public


def test_scheduled_release_appears_by_itself_when_its_time_passes(client):
    make_release("Later", slug="later", published_at=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get("/press-releases/later/").status_code == 404
    assert "Later" not in main_content(client.get("/press-releases/"))
    # No job runs and nothing is saved: only the clock moves on.
    later = timezone.now() + datetime.timedelta(minutes=6)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        assert client.get("/press-releases/later/").status_code == 200
        assert "Later" in main_content(client.get("/press-releases/"))


def test_admin_list_shows_the_state(admin_client):
    make_release("Soon", published_at=timezone.now() + datetime.timedelta(days=1))
    make_release("Draft one", status=PressRelease.Status.DRAFT)
    html = admin_client.get(admin_url("changelist")).content.decode()
    assert "Scheduled" in html and "Draft" in html


# --- preview ------------------------------------------------------------------------------------


def test_editor_previews_a_draft_on_the_public_template_never_cached(client, bodies):
    draft = make_release("Draft", source=bodies["kosovo"], status=PressRelease.Status.DRAFT)
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    response = client.get(reverse("press:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert "Preview" in main_content(response) and "Draft" in main_content(response)
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_is_refused_to_an_editor_of_another_structure(client, bodies):
    draft = make_release("Draft", source=bodies["kosovo"], status=PressRelease.Status.DRAFT)
    client.force_login(user_in("Press officer", bodies["serbia"]))
    assert client.get(reverse("press:preview", args=[draft.pk])).status_code == 403


def test_preview_asks_anonymous_visitors_to_log_in(client, bodies):
    draft = make_release("Draft", source=bodies["kosovo"], status=PressRelease.Status.DRAFT)
    response = client.get(reverse("press:preview", args=[draft.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_signed_preview_link_works_without_an_account_and_expires(client, settings):
    draft = make_release("Draft", status=PressRelease.Status.DRAFT)
    url = reverse("press:shared-preview", args=[preview_token(draft)])
    response = client.get(url)
    assert response.status_code == 200 and "Draft" in main_content(response)
    settings.PREVIEW_LINK_MAX_AGE = -1
    assert client.get(url).status_code == 410


def test_forged_preview_link_is_404(client):
    draft = make_release("Draft", status=PressRelease.Status.DRAFT)
    forged = signing.dumps(draft.pk, salt="another-salt")
    assert client.get(reverse("press:shared-preview", args=[forged])).status_code == 404
    assert client.get(reverse("press:shared-preview", args=["nonsense"])).status_code == 404


# --- revisions ----------------------------------------------------------------------------------


def test_every_admin_save_keeps_a_revision_with_who_and_when(admin_client, admin_user, bodies):
    admin_client.post(admin_url("add"), form_data(bodies["kosovo"]))
    release = PressRelease.objects.get()
    admin_client.post(admin_url("change", release.pk), form_data(bodies["kosovo"], title="Changed"))
    versions = Version.objects.get_for_object(release)
    assert versions.count() == 2
    assert all(v.revision.user == admin_user for v in versions)
    assert versions[0].field_dict["title"] == "Changed"


def test_bulk_publish_keeps_a_revision(admin_user):
    release = make_release(status=PressRelease.Status.DRAFT)
    services.publish(PressRelease.objects.all(), admin_user)
    version = Version.objects.get_for_object(release).get()
    assert version.revision.comment == "Published." and version.revision.user == admin_user


def test_editor_compares_two_revisions_and_restores_one(admin_client, bodies):
    admin_client.post(admin_url("add"), form_data(bodies["kosovo"], title="First title"))
    release = PressRelease.objects.get()
    admin_client.post(
        admin_url("change", release.pk), form_data(bodies["kosovo"], title="Second title")
    )
    newer, older = Version.objects.get_for_object(release)
    compare = admin_client.get(
        admin_url("compare", release.pk), {"version_id1": older.pk, "version_id2": newer.pk}
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "First title" in html and "Second title" in html

    revert_url = reverse("admin:press_pressrelease_revision", args=[release.pk, older.pk])
    admin_client.post(revert_url, form_data(bodies["kosovo"], title="First title"))
    release.refresh_from_db()
    assert release.title == "First title"


def test_history_leads_with_compare_and_explains_restoring(admin_client, bodies):
    release = make_release("First title", source=bodies["kosovo"])
    saved_versions(release, {})
    single = admin_client.get(admin_url("history", release.pk)).content.decode()
    assert "This release has one version so far" in single and 'name="version_id1"' not in single
    newer, older = saved_versions(release, {"title": "Second title"})
    html = admin_client.get(admin_url("history", release.pk)).content.decode()
    assert html.index("Compare the chosen versions</button>") < html.index('id="change-history"')
    assert "saving it makes it the newest version. Nothing is lost" in html
    assert (
        f'<input type="radio" name="version_id1" value="{older.pk}" id="from-{older.pk}" checked>'
        in html
    )
    assert f'<label for="to-{newer.pk}" class="visually-hidden">Compare to the version of' in html


def test_deleted_release_can_be_recovered(admin_client, bodies):
    admin_client.post(admin_url("add"), form_data(bodies["kosovo"]))
    release = PressRelease.objects.get()
    admin_client.post(admin_url("delete", release.pk), {"post": "yes"})
    assert not PressRelease.objects.exists()
    version = Version.objects.get_deleted(PressRelease).get()
    recover_url = reverse("admin:press_pressrelease_recover", args=[version.pk])
    assert admin_client.get(reverse("admin:press_pressrelease_recoverlist")).status_code == 200
    admin_client.post(recover_url, form_data(bodies["kosovo"]))
    assert PressRelease.objects.get().title == "Mission opens office"


def saved_versions(release, *changes):
    """Save the release once per change (a dict of fields), each in a revision of its own;
    returns the release's versions, newest first."""
    for change in changes:
        with reversion.create_revision():
            for name, value in change.items():
                setattr(release, name, value)
            release.save()
    return list(Version.objects.get_for_object(release))


def revision_url(release, version):
    return reverse("admin:press_pressrelease_revision", args=[release.pk, version.pk])


def test_history_cannot_take_a_live_release_back_to_a_draft_for_an_officer(client, bodies):
    draft, published = PressRelease.Status.DRAFT, PressRelease.Status.PUBLISHED
    release = make_release("Draft title", source=bodies["kosovo"], status=draft)
    _, old_draft = saved_versions(release, {}, {"title": "Live title", "status": published})
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    publisher = user_in("Publisher", bodies["kosovo"], username="kosovo-publisher")
    refused = client.get(revision_url(release, old_draft), follow=True)
    assert refused.redirect_chain[-1][0] == admin_url("history", release.pk)
    assert f"only the release&#x27;s publishers can ({publisher})" in refused.content.decode()
    reverted = client.post(revision_url(release, old_draft), form_data(bodies["kosovo"]))
    assert reverted.status_code == 302
    release.refresh_from_db()
    assert (release.title, release.status) == ("Live title", published)


def test_history_cannot_publish_a_draft_for_an_officer(client, bodies):
    draft, published = PressRelease.Status.DRAFT, PressRelease.Status.PUBLISHED
    release = make_release("Live title", source=bodies["kosovo"], status=published)
    _, was_live = saved_versions(release, {}, {"title": "Draft again", "status": draft})
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    reverted = client.post(revision_url(release, was_live), form_data(bodies["kosovo"]))
    assert reverted.url == admin_url("history", release.pk)
    release.refresh_from_db()
    assert (release.title, release.status) == ("Draft again", draft)


def test_officer_restores_an_earlier_draft_of_their_own(client, bodies):
    release = make_release("First draft", source=bodies["kosovo"], status=PressRelease.Status.DRAFT)
    _, first = saved_versions(release, {}, {"title": "Second draft"})
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    data = form_data(bodies["kosovo"], title="First draft")
    assert client.post(revision_url(release, first), data).status_code == 302
    release.refresh_from_db()
    assert release.title == "First draft"


def test_history_of_another_structures_release_stays_hidden(client, bodies):
    release = make_release("Serbia budget", source=bodies["serbia"], status="draft")
    newer, older = saved_versions(release, {}, {"body": "<p>Embargoed figures</p>"})
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    compare = {"version_id1": older.pk, "version_id2": newer.pk}
    for url, query in [
        (admin_url("history", release.pk), {}),
        (admin_url("compare", release.pk), compare),
        (revision_url(release, older), {}),
    ]:
        response = client.get(url, query, follow=True)
        assert response.redirect_chain or response.status_code in (403, 404), url
        text = response.content.decode()
        assert "Serbia budget" not in text and "Embargoed" not in text, url


def test_deleted_releases_are_recovered_only_by_those_who_could_change_them(client, bodies):
    recovered = {}
    for name, body in (("Kosovo note", "kosovo"), ("Serbia note", "serbia")):
        release = make_release(name, source=bodies[body], status=PressRelease.Status.DRAFT)
        saved_versions(release, {})
        release.delete()
        recovered[body] = Version.objects.get_deleted(PressRelease).get(object_repr=name)
    client.force_login(user_in("Publisher", bodies["kosovo"]))
    listing = client.get(reverse("admin:press_pressrelease_recoverlist")).content.decode()
    assert "Kosovo note" in listing and "Serbia note" not in listing
    recover_url = reverse("admin:press_pressrelease_recover", args=[recovered["serbia"].pk])
    assert client.post(recover_url, form_data(bodies["serbia"])).status_code == 403
    assert not PressRelease.objects.exists()


# --- rights per structure ------------------------------------------------------------------------


def test_groups_exist_with_publishing_separate_from_editing():
    officer = Group.objects.get(name="Press officer").permissions.values_list("codename", flat=True)
    publisher = Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    assert "change_pressrelease" in officer and "publish_pressrelease" not in officer
    assert "delete_pressrelease" in officer  # their own drafts only (press.rights)
    assert "publish_pressrelease" in publisher


def test_press_officer_sees_only_releases_of_their_structures_and_below(client, bodies):
    mine = make_release("Kosovo release", source=bodies["kosovo"])
    theirs = make_release("Serbia release", source=bodies["serbia"])
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    listing = client.get(admin_url("changelist"))
    assert [r.title for r in listing.context["cl"].result_list] == ["Kosovo release"]
    assert client.get(admin_url("change", mine.pk)).status_code == 200
    hidden = client.get(admin_url("change", theirs.pk))
    assert hidden.status_code == 302  # Django's answer for an object you may not see
    assert client.post(admin_url("change", theirs.pk), form_data(bodies["serbia"])).status_code in (
        302,
        403,
    )
    theirs.refresh_from_db()
    assert theirs.title == "Serbia release"


def test_officer_of_a_parent_structure_edits_the_bodies_below(client, bodies):
    release = make_release("Kosovo release", source=bodies["kosovo"])
    client.force_login(user_in("Press officer", bodies["operations"]))
    assert client.get(admin_url("change", release.pk)).status_code == 200


def test_press_officer_cannot_issue_a_release_for_another_structure(client, bodies):
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    response = client.post(admin_url("add"), form_data(bodies["odihr"]))
    assert response.context["adminform"].form.errors["source"] == [
        "You may issue releases only for Mission in Kosovo and the bodies below: "
        "choose one of them."
    ]
    assert not PressRelease.objects.exists()


def test_press_officer_cannot_publish_but_a_publisher_can(client, bodies):
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    forced = client.post(admin_url("add"), form_data(bodies["kosovo"], _action="publish"))
    assert "is not offered for this release to you" in forced.content.decode()
    assert not PressRelease.objects.exists()  # nothing saved; their input stays in the form
    client.post(admin_url("add"), form_data(bodies["kosovo"], _action="save-draft"))
    release = PressRelease.objects.get()
    assert release.status == PressRelease.Status.DRAFT
    refused = client.post(
        admin_url("changelist"),
        {"action": "publish_selected", "_selected_action": [release.pk]},
        follow=True,
    )
    assert "publish_selected" not in refused.content.decode()  # not offered to them
    release.refresh_from_db()
    assert release.status == PressRelease.Status.DRAFT

    client.force_login(user_in("Publisher", bodies["kosovo"]))
    client.post(
        admin_url("changelist"), {"action": "publish_selected", "_selected_action": [release.pk]}
    )
    release.refresh_from_db()
    assert release.status == PressRelease.Status.PUBLISHED


def test_press_officer_may_read_but_not_change_what_is_published(client, bodies):
    """Publishing is a separate right: an officer's edit of a live release would go live
    without a publisher, so published and withdrawn releases are read-only to them."""
    live = make_release("Live release", source=bodies["kosovo"])
    draft = make_release("Draft release", source=bodies["kosovo"], status=PressRelease.Status.DRAFT)
    client.force_login(user_in("Press officer", bodies["kosovo"]))

    page = client.get(admin_url("change", live.pk))
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert "<p>Body of Live release.</p>" in page.content.decode()  # as readers see it
    changed = client.post(admin_url("change", live.pk), form_data(bodies["kosovo"], title="Typo"))
    assert changed.status_code == 403
    assert client.post(admin_url("delete", live.pk), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"}
    client.post(admin_url("changelist"), bulk)
    live.refresh_from_db()
    assert live.title == "Live release"

    client.post(admin_url("change", draft.pk), form_data(bodies["kosovo"], title="Draft, edited"))
    draft.refresh_from_db()
    assert draft.title == "Draft, edited"


def test_press_officer_deletes_and_recovers_their_own_drafts_only(client, bodies):
    draft = make_release("Own draft", source=bodies["kosovo"], status=PressRelease.Status.DRAFT)
    saved_versions(draft, {})
    theirs = make_release("Serbia draft", source=bodies["serbia"], status="draft")
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    assert client.post(admin_url("delete", draft.pk), {"post": "yes"}).status_code == 302
    assert client.post(admin_url("delete", theirs.pk), {"post": "yes"}).status_code == 302
    assert list(PressRelease.objects.values_list("title", flat=True)) == ["Serbia draft"]

    deleted = Version.objects.get_deleted(PressRelease).get()
    listing = client.get(reverse("admin:press_pressrelease_recoverlist"))
    assert "Own draft" in listing.content.decode()
    recover_url = reverse("admin:press_pressrelease_recover", args=[deleted.pk])
    client.post(recover_url, form_data(bodies["kosovo"], title="Own draft"))
    assert PressRelease.objects.filter(title="Own draft").exists()


def test_publisher_changes_a_published_release(client, bodies):
    live = make_release("Live release", source=bodies["kosovo"])
    client.force_login(user_in("Publisher", bodies["kosovo"]))
    data = form_data(
        bodies["kosovo"], title="Live release, corrected", _action="save", change_kind="minor"
    )
    assert client.post(admin_url("change", live.pk), data).status_code == 302
    live.refresh_from_db()
    assert live.title == "Live release, corrected"


def test_publisher_of_another_structure_cannot_publish_it(client, bodies):
    release = make_release(
        "Kosovo draft", source=bodies["kosovo"], status=PressRelease.Status.DRAFT
    )
    client.force_login(user_in("Publisher", bodies["serbia"]))
    client.post(
        admin_url("changelist"), {"action": "publish_selected", "_selected_action": [release.pk]}
    )
    release.refresh_from_db()
    assert release.status == PressRelease.Status.DRAFT


def test_superuser_sees_everything(admin_client, bodies):
    for body in bodies.values():
        if body.kind != Structure.Kind.INFORMATION_PAGE:
            make_release(source=body)
    assert admin_client.get(admin_url("changelist")).context["cl"].result_count == 3


def test_officer_drafts_publisher_publishes_and_the_public_sees_it(client, bodies):
    officer = user_in("Press officer", bodies["kosovo"])
    publisher = user_in("Publisher", bodies["operations"])
    client.force_login(officer)
    client.post(admin_url("add"), form_data(bodies["kosovo"], title="Youth forum opens"))
    release = PressRelease.objects.get()
    assert release.created_by == officer
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 404

    client.force_login(publisher)
    client.post(
        admin_url("changelist"), {"action": "publish_selected", "_selected_action": [release.pk]}
    )
    client.logout()
    page = client.get(release.get_absolute_url())
    assert page.status_code == 200 and "Youth forum opens" in main_content(page)
    assert "Youth forum opens" in main_content(client.get("/press-releases/"))


# --- stable URLs and translations ---------------------------------------------------------------


def test_changing_a_slug_keeps_the_old_url_as_a_permanent_redirect(client):
    release = make_release("Title", slug="old-slug")
    release.slug = "new-slug"
    release.save()
    response = client.get("/press-releases/old-slug/")
    assert response.status_code == 301 and response["Location"] == "/press-releases/new-slug/"
    release.slug = "newest-slug"
    release.save()
    assert client.get("/press-releases/old-slug/")["Location"] == "/press-releases/newest-slug/"
    assert client.get("/press-releases/new-slug/")["Location"] == "/press-releases/newest-slug/"


def test_translations_link_each_other_with_hreflang(client):
    original = make_release("Observers deploy", slug="observers-deploy")
    russian = make_release(
        "Наблюдатели", slug="nabljudateli", language="ru", translation_of=original
    )
    html = client.get("/press-releases/observers-deploy/").content.decode()
    assert (
        '<link rel="alternate" hreflang="ru" href="http://testserver/ru/press-releases/nabljudateli/">'
        in html
    )
    assert 'hreflang="en" href="http://testserver/press-releases/observers-deploy/"' in html
    assert 'hreflang="x-default" href="http://testserver/press-releases/observers-deploy/"' in html
    other = client.get("/ru/press-releases/nabljudateli/").content.decode()
    assert 'hreflang="en" lang="en">English</a>' in other
    assert 'hreflang="x-default" href="http://testserver/press-releases/observers-deploy/"' in other
    assert russian.get_absolute_url() == "/ru/press-releases/nabljudateli/"


def test_a_translation_must_point_to_the_original():
    original = make_release()
    translation = make_release(language="ru", translation_of=original)
    second = make_release(language="de", translation_of=translation)
    with pytest.raises(ValidationError, match="original release"):
        second.full_clean()


# --- uploads --------------------------------------------------------------------------------------


def image_file(size=(40, 30), name="photo.jpg", kind="JPEG"):
    data = io.BytesIO()
    Image.new("RGB", size, "#004b87").save(data, kind)
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def test_real_images_within_limits_are_accepted():
    validate_image(image_file())


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("fake.jpg", b"not an image at all"), "not an image"),
        ("too-many-pixels", "megapixels"),
        ("too-big", "the limit is"),
    ],
)
def test_bad_images_are_refused_with_a_clear_message(settings, upload, message):
    if upload == "too-many-pixels":
        settings.IMAGE_MAX_PIXELS = 100
        upload = image_file()
    elif upload == "too-big":
        settings.IMAGE_MAX_BYTES = 10
        upload = image_file()
    with pytest.raises(ValidationError, match=message):
        validate_image(upload)


def test_image_upload_in_the_admin_needs_alt_text(admin_client, bodies):
    data = form_data(
        bodies["kosovo"],
        **{"images-TOTAL_FORMS": "1", "images-0-position": "0", "images-0-licence": "editorial"},
    )
    data["images-0-image"] = image_file()
    response = admin_client.post(admin_url("add"), data)
    assert response.status_code == 200
    assert "alt_text" in response.context["inline_admin_formsets"][0].formset.errors[0]
    assert not ReleaseImage.objects.exists()


def test_a_chosen_image_survives_an_error_elsewhere_in_the_form(
    admin_client, bodies, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    image = {"images-TOTAL_FORMS": "1", "images-0-position": "0", "images-0-licence": "editorial"}
    image["images-0-alt_text"] = "Participants of the forum"
    data = form_data(bodies["kosovo"], title="", **image)
    data["images-0-image"] = image_file(name="forum.jpg")
    refused = admin_client.post(admin_url("add"), data)
    assert refused.status_code == 200 and not PressRelease.objects.exists()
    html = refused.content.decode()
    assert "Kept from your last attempt: forum.jpg. Choose a file only to replace it." in html
    token = re.search(r'name="images-0-kept_upload" value="([^"]+)"', html).group(1)
    assert len(default_storage.listdir("pending")[1]) == 1

    # Sent again, corrected, without choosing the file again (browsers never refill it).
    data = form_data(bodies["kosovo"], **image, **{"images-0-kept_upload": token})
    assert admin_client.post(admin_url("add"), data).status_code == 302
    saved = ReleaseImage.objects.get()
    assert saved.image.name.startswith("releases/") and saved.image.name.endswith(".jpg")
    assert saved.width == 40 and saved.alt_text == "Participants of the forum"
    assert default_storage.listdir("pending")[1] == []


def test_a_forged_kept_upload_is_ignored(admin_client, bodies):
    image = {
        "images-TOTAL_FORMS": "1",
        "images-0-position": "0",
        "images-0-licence": "editorial",
        "images-0-alt_text": "x",
    }
    data = form_data(bodies["kosovo"], **image, **{"images-0-kept_upload": "pending/x.jpg"})
    refused = admin_client.post(admin_url("add"), data)
    assert refused.status_code == 200
    assert "image" in refused.context["inline_admin_formsets"][0].formset.errors[0]


@pytest.mark.parametrize(
    "name, content, ok",
    [
        ("report.pdf", b"%PDF-1.7 rest", True),
        ("speech.docx", b"PK\x03\x04rest", True),
        ("old.doc", b"\xd0\xcf\x11\xe0rest", True),
        ("fake.pdf", b"MZ\x90\x00 an executable", False),
        ("script.exe", b"MZ\x90\x00", False),
        ("noextension", b"%PDF-", False),
    ],
)
def test_attachments_are_checked_by_type_and_content(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_attachment(upload)
    else:
        with pytest.raises(ValidationError):
            validate_attachment(upload)


def test_attachment_size_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 4
    with pytest.raises(ValidationError, match="the limit is"):
        validate_attachment(SimpleUploadedFile("report.pdf", b"%PDF-1.7"))


def test_attachment_is_listed_on_the_release_page(client):
    release = make_release(slug="with-document")
    ReleaseAttachment.objects.create(
        release=release, title="Final report", file=SimpleUploadedFile("report.pdf", b"%PDF-1.7")
    )
    html = main_content(client.get("/press-releases/with-document/"))
    assert "Final report" in html and "(PDF," in html


def test_renditions_are_made_once_in_webp_and_jpeg_and_served_with_srcset(client):
    from django.core.files.storage import default_storage

    from press.renditions import make_renditions, rendition_name

    release = make_release(slug="pictured")
    image = ReleaseImage.objects.create(
        release=release, image=image_file((1600, 900), "wide.jpg"), alt_text="A wide picture"
    )
    for width in (320, 480, 640, 800, 960, 1200):
        for extension in ("webp", "jpg"):
            stored = rendition_name(image.image.name, width, extension)
            assert default_storage.exists(stored)
    with Image.open(default_storage.open(rendition_name(image.image.name, 640, "webp"))) as card:
        assert card.format == "WEBP" and card.size == (640, 360)
    assert make_renditions(image) == 0  # stored once, then reused

    html = main_content(client.get("/press-releases/pictured/"))
    assert '<source type="image/webp" srcset="' in html and "-320.webp 320w" in html
    assert "-1200.jpg 1200w" in html and 'alt="A wide picture"' in html
    assert 'width="1200" height="675"' in html
    assert 'fetchpriority="high"' in html  # the lead image is the page's largest


def test_phones_get_renditions_between_the_card_and_the_hero():
    from press.renditions import widths_for

    assert widths_for(1600) == [320, 480, 640, 800, 960, 1200]


def test_small_images_are_never_enlarged():
    from press.renditions import widths_for

    assert widths_for(500) == [320, 480, 500]
    assert widths_for(200) == [200]


def test_each_language_has_its_own_address(client):
    make_release("Observers deploy")
    english = client.get("/press-releases/", HTTP_ACCEPT_LANGUAGE="ru")  # it chooses nothing
    russian = client.get("/ru/press-releases/")
    assert "<h1>Press releases</h1>" in english.content.decode()
    assert "<h1>Пресс-релизы</h1>" in russian.content.decode()
    assert '<html lang="ru">' in russian.content.decode()
    assert english["ETag"] != russian["ETag"]
    assert "Accept-Language" not in russian["Vary"]


def test_a_russian_release_has_a_russian_interface(client):
    make_release("Наблюдатели", slug="nabljudateli", language="ru")
    moved = client.get("/press-releases/nabljudateli/")  # each release has its language's address
    assert (moved.status_code, moved.url) == (301, "/ru/press-releases/nabljudateli/")
    html = client.get("/ru/press-releases/nabljudateli/").content.decode()
    assert "<dt>Дата:</dt>" in html and '<html lang="ru">' in html
    english = make_release("Observers", slug="observers")
    assert "<dt>Date:</dt>" in client.get(english.get_absolute_url()).content.decode()


def test_view_on_site_previews_a_draft(admin_client):
    draft = make_release(status=PressRelease.Status.DRAFT)
    public = make_release()
    change = admin_client.get(admin_url("change", draft.pk)).content.decode()
    assert f'href="{reverse("press:preview", args=[draft.pk])}" class="viewsitelink"' in change
    public_change = admin_client.get(admin_url("change", public.pk)).content.decode()
    assert 'href="/admin/r/' in public_change  # Django's redirect to the public page


def test_a_recovered_release_keeps_its_old_addresses(admin_client, bodies, client):
    admin_client.post(admin_url("add"), form_data(bodies["kosovo"], slug="first-slug"))
    release = PressRelease.objects.get()
    admin_client.post(
        admin_url("change", release.pk), form_data(bodies["kosovo"], slug="second-slug")
    )
    admin_client.post(admin_url("delete", release.pk), {"post": "yes"})
    version = Version.objects.get_deleted(PressRelease).get()
    admin_client.post(
        reverse("admin:press_pressrelease_recover", args=[version.pk]),
        form_data(bodies["kosovo"], slug="second-slug"),
    )
    PressRelease.objects.filter(slug="second-slug").update(status=PressRelease.Status.PUBLISHED)
    assert client.get("/press-releases/first-slug/")["Location"] == "/press-releases/second-slug/"


def test_press_officer_filters_by_their_own_structures_only(client, bodies):
    make_release("Kosovo release", source=bodies["kosovo"])
    client.force_login(user_in("Press officer", bodies["operations"]))
    html = client.get(admin_url("changelist")).content.decode()
    source_filter = html.split("By source")[1].split("</details>")[0]
    assert "Mission in Kosovo" in source_filter and "Mission to Serbia" in source_filter
    assert "ODIHR" not in source_filter


# --- media contacts -------------------------------------------------------------------------------


def change_contact(client, contact, name):
    url = reverse("admin:press_contact_change", args=[contact.pk])
    client.post(url, {"name": name, "email": contact.email})
    contact.refresh_from_db()
    return contact.name == name


def test_publisher_changes_a_contact_their_structures_live_releases_name(client, bodies):
    contact = Contact.objects.create(name="Sofia", email="press.kosovo@example.org")
    make_release(source=bodies["kosovo"]).contacts.add(contact)
    client.force_login(user_in("Publisher", bodies["kosovo"]))
    assert change_contact(client, contact, "Sofia Lindgren")


def test_publisher_cannot_change_a_contact_another_structure_names(client, bodies):
    contact = Contact.objects.create(name="Shared", email="press@example.org")
    make_release(source=bodies["kosovo"]).contacts.add(contact)
    make_release(source=bodies["odihr"], status=PressRelease.Status.DRAFT).contacts.add(contact)
    client.force_login(user_in("Publisher", bodies["kosovo"]))
    assert not change_contact(client, contact, "Changed")


def test_a_read_only_contact_says_why_and_who_can_change_it(client, bodies):
    contact = Contact.objects.create(name="Sofia", email="press.kosovo@example.org")
    make_release(source=bodies["kosovo"]).contacts.add(contact)
    client.force_login(user_in("Press officer", bodies["kosovo"]))
    page = client.get(reverse("admin:press_contact_change", args=[contact.pk]))
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert "A publisher can change it, or add a new contact." in page.content.decode()
