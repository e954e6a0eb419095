"""The publishing buttons of the release form: each does what it says, records a revision
with the action, shows the result, and refuses with a message that says who can."""

import datetime
import re
import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import rfc3339_date
from reversion.models import Version
from taggit.models import Tag

from press import services
from press.models import PressRelease
from press.workflow import Action, buttons, publishers_of
from tests.factories import make_release
from tests.press.test_editorial import admin_url, form_data, user_in

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED, WITHDRAWN = (
    PressRelease.Status.DRAFT,
    PressRelease.Status.PUBLISHED,
    PressRelease.Status.WITHDRAWN,
)


@pytest.fixture
def officer(bodies):
    return user_in("Press officer", bodies["kosovo"], username="officer")


@pytest.fixture
def publisher(bodies):
    user = user_in("Publisher", bodies["operations"], username="publisher")
    user.email = "publisher@example.org"
    user.save()
    return user


def draft_of(bodies, **fields):
    return make_release("Youth forum", source=bodies["kosovo"], status=DRAFT, **fields)


def press(client, release, action, **changes):
    data = form_data(release.source, title=release.title, slug=release.slug, **changes)
    return client.post(admin_url("change", release.pk), {**data, "_action": action})


def last_comment(release):
    return Version.objects.get_for_object(release).first().revision.comment


def future(days=2):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return {"published_at_0": f"{moment:%Y-%m-%d}", "published_at_1": "10:00:00"}


# --- which buttons whom ----------------------------------------------------------------------


def test_an_officer_saves_drafts_and_submits_them(bodies, officer):
    offered = [button.action for button in buttons(PressRelease(), officer)]
    assert offered == [Action.SAVE_DRAFT, Action.SUBMIT]


def test_a_publisher_saves_publishes_schedules_or_embargoes_a_draft(bodies, publisher):
    offered = [button.action for button in buttons(draft_of(bodies), publisher)]
    assert offered == [Action.SAVE_DRAFT, Action.PUBLISH, Action.SCHEDULE, Action.EMBARGO]


def test_a_live_release_is_saved_unpublished_or_withdrawn(bodies, publisher):
    live = make_release(source=bodies["kosovo"])
    offered = [button.action for button in buttons(live, publisher)]
    assert offered == [Action.SAVE, Action.UNPUBLISH, Action.WITHDRAW]


def test_an_officer_has_no_button_on_a_published_release(bodies, officer):
    assert buttons(make_release(source=bodies["kosovo"]), officer) == []


def test_publishers_are_those_who_write_for_the_source_or_above(bodies, publisher):
    user_in("Publisher", bodies["odihr"], username="odihr-publisher")
    user_in("Press officer", bodies["kosovo"], username="another-officer")
    assert publishers_of(draft_of(bodies)) == [publisher]


def test_without_publishers_of_its_own_the_superusers_publish(bodies):
    admin = User.objects.create_superuser("chief", "chief@example.org", "pw")
    assert publishers_of(draft_of(bodies)) == [admin]


# --- what each button does -------------------------------------------------------------------


def test_submitting_tells_the_publishers_after_the_save_commits(
    client, bodies, officer, publisher, django_capture_on_commit_callbacks
):
    draft = draft_of(bodies)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = press(client, draft, "submit")
    draft.refresh_from_db()
    assert draft.status == DRAFT
    assert draft.submitted_by == officer and draft.submitted_at is not None
    assert last_comment(draft).startswith("Submitted for publication.")
    assert response.url == admin_url("change", draft.pk)  # back to the form, with the result
    shown = client.get(response.url).content.decode()
    assert "is submitted for publication. Publishers told: publisher" in shown
    assert "submitted for publication by officer" in shown
    (message,) = mail.outbox
    assert message.to == ["publisher@example.org"]
    assert message.subject == "Submitted for publication: Youth forum"
    assert f"/admin/press/pressrelease/{draft.pk}/change/" in message.body


def test_a_mail_server_that_is_down_does_not_lose_the_submission(
    client, bodies, officer, publisher, django_capture_on_commit_callbacks
):
    draft = draft_of(bodies)
    client.force_login(officer)
    down = mock.patch("press.services.send_mass_mail", side_effect=smtplib.SMTPException("down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        response = press(client, draft, "submit")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.submitted_at is not None


def test_publish_makes_a_submitted_draft_live_now(client, bodies, publisher):
    draft = draft_of(bodies, submitted_at=timezone.now())
    client.force_login(publisher)
    response = press(client, draft, "publish", published_at_0="", published_at_1="")
    draft.refresh_from_db()
    assert draft.is_public and draft.submitted_at is None
    assert last_comment(draft).startswith("Published.")
    shown = client.get(response.url).content.decode()
    assert f'is live: <a href="{draft.get_absolute_url()}">its public page</a>' in shown


def test_publish_keeps_a_past_date_and_takes_now_for_a_future_one(client, bodies, publisher):
    client.force_login(publisher)
    dated = draft_of(bodies)
    press(client, dated, "publish")  # 1 May 2025, as the form gives it
    dated.refresh_from_db()
    assert timezone.localtime(dated.published_at).date() == datetime.date(2025, 5, 1)

    early = make_release("Early", source=bodies["kosovo"], status=DRAFT)
    press(client, early, "publish", **future())
    early.refresh_from_db()
    assert early.is_public


def test_schedule_needs_a_future_date_and_changes_nothing_without(client, bodies, publisher):
    draft = draft_of(bodies)
    client.force_login(publisher)
    refused = press(client, draft, "schedule")  # the form's date is in 2025
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert errors["published_at"] == ["Give a future date and time to schedule the release."]
    draft.refresh_from_db()
    assert draft.status == DRAFT

    response = press(client, draft, "schedule", **future())
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert last_comment(draft).startswith("Scheduled for ")
    assert "is scheduled: it goes live on" in client.get(response.url).content.decode()


def test_withdraw_asks_for_the_public_reason(client, bodies, publisher):
    live = make_release("Live", source=bodies["kosovo"])
    client.force_login(publisher)
    refused = press(client, live, "withdraw")
    html = refused.content.decode()
    assert "Say publicly why the release is withdrawn." in html
    assert 'value="withdraw"' in html and "Publish again" not in html  # still live
    live.refresh_from_db()
    assert live.status == PUBLISHED

    press(client, live, "withdraw", withdrawal_reason="The visit was postponed.")
    live.refresh_from_db()
    assert live.status == WITHDRAWN
    assert last_comment(live).startswith("Withdrawn: The visit was postponed.")


def test_unpublish_takes_a_live_release_off_the_site(client, bodies, publisher):
    live = make_release("Live", source=bodies["kosovo"])
    client.force_login(publisher)
    response = press(client, live, "unpublish")
    live.refresh_from_db()
    assert live.status == DRAFT
    assert last_comment(live).startswith("Returned to draft.")
    assert "is back to draft and off the public site" in client.get(response.url).content.decode()
    assert client.get(live.get_absolute_url()).status_code == 404


def test_save_changes_keeps_a_live_release_live(client, bodies, publisher):
    live = make_release("Live", source=bodies["kosovo"])
    client.force_login(publisher)
    press(client, live, "save", summary="Corrected summary.", change_kind="minor")
    live.refresh_from_db()
    assert live.is_public and live.summary == "Corrected summary."


def test_an_officer_forcing_publish_is_told_who_can(client, bodies, officer, publisher):
    draft = draft_of(bodies)
    client.force_login(officer)
    refused = press(client, draft, "publish", summary="Changed.")
    assert refused.status_code == 200
    assert "Publishers of its source can do it: publisher." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == DRAFT and draft.summary != "Changed."


def test_an_unknown_action_is_a_form_error(client, bodies, publisher):
    draft = draft_of(bodies)
    client.force_login(publisher)
    refused = press(client, draft, "launch")
    assert "Choose one of the buttons below the form" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == DRAFT


# --- the form ----------------------------------------------------------------------------------


def test_the_form_offers_buttons_not_a_status_menu(client, bodies, officer):
    client.force_login(officer)
    html = client.get(admin_url("add")).content.decode()
    assert 'name="status"' not in html and 'name="_save"' not in html
    assert 'value="submit"' in html and ">Submit for publication</button>" in html
    assert 'name="withdrawal_reason"' not in html  # a draft cannot be withdrawn


def test_a_live_release_shows_the_withdrawal_reason_with_its_button(client, bodies, publisher):
    live = make_release("Live", source=bodies["kosovo"])
    client.force_login(publisher)
    html = client.get(admin_url("change", live.pk)).content.decode()
    assert 'name="withdrawal_reason"' in html and 'value="withdraw"' in html


def test_the_form_follows_the_order_an_officer_writes_in(client, bodies, officer):
    client.force_login(officer)
    html = client.get(admin_url("add")).content.decode()
    order = ["id_title", "id_summary", "id_body", "id_source", "images-group", "id_published_at"]
    positions = [html.index(f'id="{name}') for name in order]
    assert positions == sorted(positions)
    advanced = html[html.index(">Advanced</h2>") :]
    assert 'id="id_slug"' in advanced and 'id="id_language"' in advanced
    assert "<details>" in html[: html.index(">Advanced</h2>")][-200:]  # collapsed


def test_required_fields_say_so_in_words(client, bodies, officer):
    client.force_login(officer)
    html = client.get(admin_url("add")).content.decode()
    assert '<label class="required" for="id_title">Title (required):</label>' in html
    assert '<label for="id_place">Place:</label>' in html


def test_an_officer_reading_a_published_release_is_told_who_can_change_it(
    client, bodies, officer, publisher
):
    live = make_release("Live", source=bodies["kosovo"])
    client.force_login(officer)
    html = client.get(admin_url("change", live.pk)).content.decode()
    assert "You may read this release but not change it" in html
    assert 'Its publisher can change it: publisher (<a href="mailto:publisher@example.org">' in html


# --- preview before saving ---------------------------------------------------------------------


def preview_url(release=None):
    args = [release.pk] if release else []
    return reverse("admin:press_pressrelease_unsaved_preview", args=args)


def test_a_new_release_is_previewed_before_it_is_saved(client, bodies, officer):
    client.force_login(officer)
    data = form_data(bodies["kosovo"], title="Unsaved forum", tags="youth, forums")
    page = client.post(preview_url(), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Unsaved forum</h1>" in html and 'class="preview-banner"' in html
    assert ">youth</a>" in html and ">forums</a>" in html
    assert "no-cache" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex, nofollow"
    assert not PressRelease.objects.exists() and not Tag.objects.exists()
    assert not Version.objects.exists()


def test_a_change_is_previewed_without_touching_the_live_release(client, bodies, publisher):
    live = make_release("Live title", source=bodies["kosovo"])
    client.force_login(publisher)
    data = form_data(bodies["kosovo"], title="Corrected title", slug=live.slug)
    html = client.post(preview_url(live), data).content.decode()
    assert "<h1>Corrected title</h1>" in html
    live.refresh_from_db()
    assert live.title == "Live title"
    assert client.get(live.get_absolute_url()).status_code == 200


def test_a_preview_of_an_invalid_form_lists_what_to_correct(client, bodies, officer):
    client.force_login(officer)
    page = client.post(preview_url(), form_data(bodies["kosovo"], title=""))
    assert page.status_code == 200
    assert "The preview needs a few corrections first" in page.content.decode()
    assert "This field is required." in page.content.decode()
    assert not PressRelease.objects.exists()


def test_preview_is_only_posted_and_only_by_who_may_change_the_release(client, bodies, officer):
    client.force_login(officer)
    assert client.get(preview_url()).status_code == 405
    theirs = make_release("Serbia draft", source=bodies["serbia"], status=DRAFT)
    assert client.post(preview_url(theirs), form_data(bodies["serbia"])).status_code == 404
    live = make_release("Live", source=bodies["kosovo"])
    assert client.post(preview_url(live), form_data(bodies["kosovo"])).status_code == 403


# --- public change notes -----------------------------------------------------------------------


def test_a_change_to_a_published_release_asks_whether_readers_should_know(
    client, bodies, publisher
):
    live = make_release("Visit to Pristina", source=bodies["kosovo"])
    client.force_login(publisher)
    form = client.get(admin_url("change", live.pk)).content.decode()
    assert ">About this change</h2>" in form and 'name="change_kind"' in form
    refused = press(client, live, "save", summary="Changed.")
    assert refused.context["adminform"].form.errors["change_kind"] == [
        "Say whether readers should know of this change."
    ]
    refused = press(client, live, "save", summary="Changed.", change_kind="notable")
    assert "Say in a sentence what changed, for readers." in refused.content.decode()
    live.refresh_from_db()
    assert live.summary != "Changed." and not live.change_notes.exists()
    assert 'name="change_kind"' not in client.get(admin_url("add")).content.decode()


def test_a_minor_correction_stays_silent(client, bodies, publisher):
    live = make_release("Visit to Pristina", source=bodies["kosovo"])
    client.force_login(publisher)
    press(client, live, "save", summary="Typo fixed.", change_kind="minor")
    live.refresh_from_db()
    assert live.summary == "Typo fixed." and live.publicly_updated_at is None
    assert last_comment(live).startswith("Minor correction.")
    assert "Updated" not in client.get(live.get_absolute_url()).content.decode()


def test_a_change_readers_should_know_shows_with_its_note(client, bodies, publisher):
    live = make_release("Visit to Pristina", source=bodies["kosovo"])
    client.force_login(publisher)
    note = "Corrected the date of the visit."
    press(client, live, "save", summary="On 5 May.", change_kind="notable", change_note=note)
    live.refresh_from_db()
    (recorded,) = live.change_notes.all()
    assert recorded.note == note and recorded.created_by == publisher
    assert live.publicly_updated_at == recorded.noted_at
    assert last_comment(live).startswith(f"Public note: {note}")
    client.logout()
    page = client.get(live.get_absolute_url()).content.decode()
    day = timezone.localtime(recorded.noted_at)
    assert f'Updated <time datetime="{day:%Y-%m-%d}' in page
    assert note in page
    assert f'"dateModified": "{recorded.noted_at.isoformat()}"' in page


def test_feeds_carry_the_update_of_a_noted_change_only(client, bodies, publisher):
    live = make_release("Visit to Pristina", source=bodies["kosovo"])
    client.force_login(publisher)
    press(client, live, "save", summary="Typo.", change_kind="minor")
    live.refresh_from_db()
    published = live.published_at  # as the form dated it
    atom = client.get(reverse("press:feed-atom")).content.decode()
    assert f"<updated>{rfc3339_date(published)}</updated>" in atom
    press(client, live, "save", summary="Moved.", change_kind="notable", change_note="Moved.")
    live.refresh_from_db()
    atom = client.get(reverse("press:feed-atom")).content.decode()
    assert f"<updated>{rfc3339_date(live.publicly_updated_at)}</updated>" in atom


def test_a_russian_release_says_updated_in_russian(client, bodies):
    release = make_release("Визит в Приштину", source=bodies["kosovo"], language="ru")
    services.note_change(release, "Исправлена дата визита.")
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Обновлено <time" in page and "Исправлена дата визита." in page
    assert "Выпущен" in page


def test_times_published_now_are_valid_html_datetimes(client, bodies, publisher):
    draft = draft_of(bodies)
    client.force_login(publisher)
    press(client, draft, "publish", published_at_0="", published_at_1="")
    draft.refresh_from_db()
    assert draft.published_at.microsecond  # dated now, to the microsecond
    client.logout()
    page = client.get(draft.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', page)
    assert stamps and all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", s) for s in stamps
    )
