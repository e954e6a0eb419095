"""Releases shared under embargo with accredited journalists: the publishers' buttons and
their log, the journalists' sign-in by e-mail link, the press room and its view log."""

import datetime
import re
from unittest import mock
from urllib.parse import parse_qsl, urlencode

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from sesame.utils import get_parameters, get_query_string

from press import services
from press.models import EmbargoEvent, EmbargoView, Journalist, PressRelease
from press.workflow import Action, buttons
from tests.factories import make_release, make_term
from tests.html import main_content
from tests.press.test_editorial import admin_url, form_data, user_in

pytestmark = pytest.mark.django_db
DRAFT, PUBLISHED = PressRelease.Status.DRAFT, PressRelease.Status.PUBLISHED
Kind = EmbargoEvent.Kind


@pytest.fixture
def publisher(bodies):
    return user_in("Publisher", bodies["operations"], username="publisher")


@pytest.fixture
def journalist():
    return make_journalist("Ana Reporter", "ana@example.com")


def make_journalist(name, email, days=30, outlet="Daily Example"):
    until = timezone.localdate() + datetime.timedelta(days=days)
    return Journalist.objects.create(name=name, outlet=outlet, email=email, accredited_until=until)


def in_hours(hours):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours)


def embargoed(bodies, hours=4, **fields):
    """A release shared under embargo, as the publisher's button leaves it."""
    fields.setdefault("slug", "ministerial-statement")
    return make_release(
        "Ministerial statement",
        source=bodies["kosovo"],
        published_at=in_hours(hours),
        embargo_shared_at=timezone.now(),
        **fields,
    )


def when_fields(moment):
    local = timezone.localtime(moment)
    return {"published_at_0": f"{local:%Y-%m-%d}", "published_at_1": f"{local:%H:%M:%S}"}


def press(client, release, action, moment):
    data = form_data(release.source, title=release.title, slug=release.slug, **when_fields(moment))
    return client.post(admin_url("change", release.pk), {**data, "_action": action})


def sign_in(client, journalist):
    client.force_login(journalist.user, backend="sesame.backends.ModelBackend")


# --- the model ------------------------------------------------------------------------------


def test_under_embargo_is_what_is_shared_and_not_public_yet(bodies):
    shared = embargoed(bodies)
    make_release(published_at=in_hours(4))  # scheduled, not shared
    make_release(published_at=in_hours(-1), embargo_shared_at=timezone.now())  # public since
    assert list(PressRelease.objects.under_embargo()) == [shared]
    assert shared.is_under_embargo and shared.state_label == "Under embargo"
    assert shared not in PressRelease.objects.published()
    assert shared not in PressRelease.objects.viewable()


def test_a_release_back_to_draft_is_shared_with_no_one(bodies):
    release = embargoed(bodies)
    release.status = DRAFT
    release.save(update_fields=["status"])
    release.refresh_from_db()
    assert release.embargo_shared_at is None


def test_a_journalist_signs_in_with_an_account_that_is_not_staff(journalist):
    user = journalist.user
    assert (user.email, user.is_staff, user.is_superuser) == ("ana@example.com", False, False)
    assert not user.has_usable_password()
    journalist.email = "Ana.New@Example.com"
    journalist.save()
    user.refresh_from_db()
    assert user.email == journalist.email == "ana.new@example.com"


def test_taking_a_journalist_off_the_list_removes_their_account(journalist):
    user_id = journalist.user_id
    Journalist.objects.all().delete()
    assert not User.objects.filter(pk=user_id).exists()


def test_an_accreditation_ends_after_its_last_day(journalist):
    ended = make_journalist("Old Hand", "old@example.com", days=-1)
    assert list(Journalist.objects.accredited()) == [journalist]
    assert not ended.is_accredited


# --- the publisher's buttons -----------------------------------------------------------------


def test_only_publishers_may_share_under_embargo(bodies, publisher):
    officer = user_in("Press officer", bodies["kosovo"], username="officer")
    draft = make_release(source=bodies["kosovo"], status=DRAFT)
    assert Action.EMBARGO in [button.action for button in buttons(draft, publisher)]
    assert Action.EMBARGO not in [button.action for button in buttons(draft, officer)]


def test_an_embargoed_release_offers_lift_and_revoke(bodies, publisher):
    offered = [button.action for button in buttons(embargoed(bodies), publisher)]
    assert offered == [Action.SAVE, Action.LIFT_EMBARGO, Action.REVOKE_EMBARGO]


def test_sharing_under_embargo_tells_accredited_journalists_after_commit(
    client, bodies, publisher, journalist, django_capture_on_commit_callbacks
):
    make_journalist("Gone", "gone@example.com", days=-3)
    make_journalist("Ben", "ben@example.com")
    draft = make_release("Ministerial statement", source=bodies["kosovo"], status=DRAFT)
    client.force_login(publisher)
    until = in_hours(5)
    with django_capture_on_commit_callbacks(execute=True):
        response = press(client, draft, "embargo", until)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_under_embargo and draft.published_at == until
    (event,) = EmbargoEvent.objects.all()
    assert (event.kind, event.until, event.by) == (Kind.SHARED, until, publisher)
    comment = Version.objects.get_for_object(draft).first().revision.comment
    assert comment.startswith("Shared under embargo until")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.com",
        "ben@example.com",
    ]
    message = mail.outbox[0]
    local = timezone.localtime(until)
    assert message.subject == (
        f"Under embargo until {local:%H:%M} {local.tzname()}, {local.day} {local:%B %Y}: "
        "Ministerial statement"
    )
    assert f"http://testserver/press-room/{draft.slug}/" in message.body
    assert "Ministerial statement" in message.body and "<p>" not in message.body
    shown = client.get(response.url).content.decode()
    assert "is under embargo until" in shown


def test_an_embargo_needs_a_future_end_and_changes_nothing_without(client, bodies, publisher):
    draft = make_release(source=bodies["kosovo"], status=DRAFT)
    client.force_login(publisher)
    response = press(client, draft, "embargo", in_hours(-2))
    assert response.status_code == 200
    assert "Give the time the embargo ends, in the future" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.embargo_shared_at) == (DRAFT, None)
    assert not EmbargoEvent.objects.exists()


def test_an_officer_forcing_an_embargo_is_refused(client, bodies):
    officer = user_in("Press officer", bodies["kosovo"], username="officer")
    draft = make_release(source=bodies["kosovo"], status=DRAFT)
    client.force_login(officer)
    response = press(client, draft, "embargo", in_hours(3))
    assert "is not offered for this release to you" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DRAFT and draft.embargo_shared_at is None


@pytest.mark.parametrize(("hours", "kind"), [(9, Kind.EXTENDED), (2, Kind.BROUGHT_FORWARD)])
def test_moving_the_time_is_logged_and_told(
    client, bodies, publisher, journalist, hours, kind, django_capture_on_commit_callbacks
):
    release = embargoed(bodies, hours=4)
    moved = in_hours(hours)
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        press(client, release, "save", moved)
    release.refresh_from_db()
    assert release.is_under_embargo and release.published_at == moved
    assert EmbargoEvent.objects.get().kind == kind
    (message,) = mail.outbox
    assert message.subject.startswith("Embargo now until")


def test_saving_with_a_past_time_is_refused_not_a_silent_lift(client, bodies, publisher):
    release = embargoed(bodies)
    client.force_login(publisher)
    response = press(client, release, "save", in_hours(-1))
    assert "To make it public now, press “Lift embargo”" in response.content.decode()
    release.refresh_from_db()
    assert release.is_under_embargo and not EmbargoEvent.objects.exists()


def test_lifting_makes_it_public_now_and_says_so(
    client, bodies, publisher, journalist, django_capture_on_commit_callbacks
):
    release = embargoed(bodies)
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        press(client, release, "lift-embargo", release.published_at)
    release.refresh_from_db()
    assert release.is_public and release.published_at <= timezone.now()
    event = EmbargoEvent.objects.get()
    assert (event.kind, event.by) == (Kind.LIFTED, publisher)
    (message,) = mail.outbox
    assert message.subject == "Embargo lifted, free to publish: Ministerial statement"
    assert f"http://testserver/press-releases/{release.slug}/" in message.body
    client.logout()
    assert client.get(f"/press-releases/{release.slug}/").status_code == 200


def test_revoking_takes_it_from_journalists_and_tells_them(
    client, bodies, publisher, journalist, django_capture_on_commit_callbacks
):
    release = embargoed(bodies)
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        press(client, release, "revoke-embargo", release.published_at)
    release.refresh_from_db()
    assert (release.status, release.embargo_shared_at) == (DRAFT, None)
    assert EmbargoEvent.objects.get().kind == Kind.REVOKED
    (message,) = mail.outbox
    assert message.subject == "Embargo revoked, do not publish: Ministerial statement"
    assert "/press-room/" not in message.body
    sign_in(client, journalist)
    assert client.get(f"/press-room/{release.slug}/").status_code == 404


def test_returning_embargoed_releases_to_draft_from_the_list_revokes(client, bodies, publisher):
    release = embargoed(bodies)
    client.force_login(publisher)
    data = {"action": "unpublish_selected", "_selected_action": [release.pk]}
    client.post(admin_url("changelist"), data)
    assert EmbargoEvent.objects.get().kind == Kind.REVOKED


def test_the_release_form_shows_the_embargo_log(client, bodies, publisher, journalist):
    release = embargoed(bodies)
    services.record_embargo_change(None, release, publisher, "http://testserver/")
    EmbargoView.objects.create(release=release, journalist=journalist)
    client.force_login(publisher)
    html = client.get(admin_url("change", release.pk)).content.decode()
    assert "Under embargo until" in html
    assert "Shared under embargo" in html and "publisher" in html
    assert "Read by journalists: 1 time" in html
    assert "Ana Reporter" in html and "Daily Example" in html


def test_the_dashboard_lists_what_is_under_embargo(client, bodies, publisher):
    embargoed(bodies)
    make_release("Plain schedule", source=bodies["kosovo"], published_at=in_hours(3))
    client.force_login(publisher)
    html = client.get(reverse("admin:index")).content.decode()
    panel = html[html.index('id="panel-embargo"') : html.index('id="panel-scheduled"')]
    assert "Ministerial statement" in panel and "Plain schedule" not in panel


# --- signing in ------------------------------------------------------------------------------


def ask_for_link(client, email, next_page=""):
    return client.post("/press-room/sign-in/", {"email": email, "next": next_page})


def link_in(message):
    return re.search(r"http://testserver(/press-room/link/\S+)", message.body).group(1)


def test_the_press_room_door_tells_nothing_of_what_is_inside(client, bodies):
    embargoed(bodies)
    doors = {}
    for slug in ("ministerial-statement", "no-such-release"):
        response = client.get(f"/press-room/{slug}/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        html = main_content(response).replace(slug, "SLUG")  # the address typed, as "next"
        doors[slug] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    assert doors["ministerial-statement"] == doors["no-such-release"]
    assert "Send me a sign-in link" in doors["no-such-release"]
    assert "Ministerial statement" not in main_content(client.get("/press-room/"))


def test_an_accredited_journalist_gets_a_one_time_link(
    client, journalist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_link(client, " ANA@example.com ", "/press-room/a-release/")
    assert "a sign-in link is on its way" in main_content(response)
    (message,) = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Your sign-in link to the OSCE press room"
    assert "within 15 minutes" in " ".join(message.body.split())
    assert "next=%2Fpress-room%2Fa-release%2F" in link_in(message)


@pytest.mark.parametrize("email", ["nobody@example.com", "old@example.com"])
def test_others_get_the_same_answer_and_no_mail(client, journalist, email):
    make_journalist("Old Hand", "old@example.com", days=-1)
    response = ask_for_link(client, email)
    assert "a sign-in link is on its way" in main_content(response)
    assert mail.outbox == []


def test_a_second_link_waits_a_minute(client, journalist, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, "ana@example.com")
        ask_for_link(client, "ana@example.com")
    assert len(mail.outbox) == 1


def test_a_malformed_address_is_a_form_error(client):
    response = ask_for_link(client, "not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in main_content(response)


def test_the_link_asks_to_confirm_and_the_confirmation_signs_in_once(
    client, bodies, journalist, django_capture_on_commit_callbacks
):
    release = embargoed(bodies)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_link(client, "ana@example.com", f"/press-room/{release.slug}/")
    link = link_in(mail.outbox[0])
    for _ in range(2):  # opening it (a mail scanner, say) does not use it up
        confirm = client.get(link)
        assert confirm.status_code == 200
        assert "You are signing in as Ana Reporter, Daily Example." in main_content(confirm)
    token = re.search(r"sesame=([^&\s]+)", link).group(1)
    data = {"sesame": token, "next": f"/press-room/{release.slug}/"}
    response = client.post("/press-room/link/", data)
    assert response.status_code == 302 and response.url == f"/press-room/{release.slug}/"
    assert "EMBARGOED UNTIL" in client.get(response.url).content.decode()
    client.logout()
    again = client.post("/press-room/link/", data)
    assert again.status_code == 400
    assert "expired or has been used already" in main_content(again)


def test_a_link_works_for_a_quarter_of_an_hour(client, journalist):
    link = reverse("press:journalist-link") + "?" + sesame_query(journalist)
    later = timezone.now() + datetime.timedelta(minutes=16)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        response = client.get(link)
    assert response.status_code == 400
    assert "expired or has been used already" in main_content(response)


def test_a_link_outside_the_press_room_scope_opens_nothing(client, journalist):
    response = client.get(reverse("press:journalist-link") + get_query_string(journalist.user))
    assert response.status_code == 400


def test_the_link_leads_only_to_pages_of_this_site(client, journalist):
    query = sesame_query(journalist)
    response = client.post("/press-room/link/", {**dict_of(query), "next": "https://evil.test/"})
    assert response.url == "/press-room/"


def test_a_link_whose_accreditation_ended_is_refused(client, journalist):
    query = sesame_query(journalist)
    Journalist.objects.filter(pk=journalist.pk).update(
        accredited_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.get("/press-room/link/?" + query)
    assert response.status_code == 400
    assert "Your accreditation has ended" in main_content(response)


def sesame_query(journalist):
    return urlencode(get_parameters(journalist.user, scope="press-room"))


def dict_of(query):
    return dict(parse_qsl(query))


def test_signing_out(client, journalist):
    sign_in(client, journalist)
    assert client.post("/press-room/sign-out/").status_code == 302
    assert "Send me a sign-in link" in main_content(client.get("/press-room/"))


# --- the press room --------------------------------------------------------------------------


def test_the_press_room_lists_what_is_under_embargo(client, bodies, journalist):
    release = embargoed(bodies)
    make_release("Plain schedule", published_at=in_hours(2))
    make_release("Already public")
    sign_in(client, journalist)
    response = client.get("/press-room/")
    html = main_content(response)
    assert "Signed in as Ana Reporter, Daily Example." in html
    assert f'href="/press-room/{release.slug}/"' in html and "Embargoed until" in html
    assert "Plain schedule" not in html and "Already public" not in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_embargoed_page_has_the_banner_and_logs_each_reading(client, bodies, journalist):
    release = embargoed(bodies)
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=datetime.datetime(2099, 12, 3, 13, 0, tzinfo=datetime.UTC)
    )
    sign_in(client, journalist)
    response = client.get(f"/press-room/{release.slug}/")
    client.get(f"/press-room/{release.slug}/")
    html = main_content(response)
    assert "EMBARGOED UNTIL" in html and "14:00 CET, 3 December 2099" in html
    assert "Body of Ministerial statement." in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    views = EmbargoView.objects.filter(release=release, journalist=journalist)
    assert views.count() == 2
    assert {view.what for view in views} == {EmbargoView.What.PAGE}


def test_the_embargoed_page_has_a_fixed_query_budget(
    client, bodies, journalist, django_assert_max_num_queries
):
    release = embargoed(bodies)
    release.tags.add("Ministerial", "Statement")
    sign_in(client, journalist)
    with django_assert_max_num_queries(20):
        assert client.get(f"/press-room/{release.slug}/").status_code == 200
    for number in range(5):
        embargoed(bodies, slug=f"more-{number}")
    with django_assert_max_num_queries(12):
        assert client.get("/press-room/").status_code == 200


def test_at_its_time_the_release_is_public_by_itself(client, bodies, journalist):
    release = embargoed(bodies, hours=1)
    later = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    sign_in(client, journalist)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        response = client.get(f"/press-room/{release.slug}/")
        assert response.status_code == 302 and response.url == f"/press-releases/{release.slug}/"
        client.logout()
        assert client.get(f"/press-releases/{release.slug}/").status_code == 200
        assert "Ministerial statement" in main_content(client.get("/press-releases/"))
    assert not EmbargoView.objects.exists()


def test_an_ended_accreditation_closes_the_press_room(client, bodies, journalist):
    release = embargoed(bodies)
    sign_in(client, journalist)
    Journalist.objects.filter(pk=journalist.pk).update(
        accredited_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    html = main_content(client.get(f"/press-room/{release.slug}/"))
    assert "Your accreditation has ended" in html and "Ministerial" not in html
    assert not EmbargoView.objects.exists()


def test_staff_are_not_journalists(client, bodies, publisher):
    release = embargoed(bodies)
    client.force_login(publisher)
    html = main_content(client.get(f"/press-room/{release.slug}/"))
    assert "Send me a sign-in link" in html and "Ministerial" not in html


def test_the_media_kit_under_embargo_is_private_and_logged(client, bodies, journalist):
    release = embargoed(bodies)
    sign_in(client, journalist)
    response = client.get(f"/press-room/{release.slug}/media-kit.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    view = EmbargoView.objects.get()
    assert view.what == EmbargoView.What.MEDIA_KIT
    client.logout()
    anonymous = client.get(f"/press-room/{release.slug}/media-kit.zip")
    assert anonymous["Content-Type"].startswith("text/html")


# --- no leak before its time -----------------------------------------------------------------


@pytest.fixture
def shared_and_public(bodies, journalist):
    """A release under embargo, and a public one that shares its field, tag and source (so
    that every page that would list the embargoed one exists), read by the journalist first
    so that any cache the press room fed would now hold it."""
    field = make_term("Arms control")
    release = embargoed(bodies, slug="secret-summit-deal")
    public = make_release("Public briefing", source=bodies["kosovo"], slug="public-briefing")
    for item in (release, public):
        item.fields_of_work.add(field)
        item.tags.add("Summit")
    return release, public, field


def public_urls(release, public, field, bodies):
    structure = bodies["kosovo"].get_absolute_url()
    return [
        "/",
        "/press-releases/",
        f"/press-releases/?field={field.slug}",
        "/press-releases/?tag=summit",
        f"/press-releases/?source={bodies['kosovo'].slug}",
        "/search/?q=ministerial",
        "/search/?q=Ministerial+statement",
        f"/press-releases/{release.slug}/",
        public.get_absolute_url(),
        field.get_absolute_url(),
        structure,
        "/tags/summit/",
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/rss/fields-of-work/{field.slug}/",
        "/feeds/atom/tags/summit/",
        f"/feeds/rss/structures/{bodies['kosovo'].slug}/",
        "/sitemap.xml",
        "/sitemap-releases.xml",
        "/feeds/meetings.ics",
    ]


def test_nothing_under_embargo_reaches_any_public_page(
    client, bodies, journalist, shared_and_public
):
    release, public, field = shared_and_public
    sign_in(client, journalist)
    assert "Ministerial" in client.get(f"/press-room/{release.slug}/").content.decode()
    client.logout()
    for url in public_urls(release, public, field, bodies):
        response = client.get(url, follow=True)
        text = response.content.decode()
        own_address = url == f"/press-releases/{release.slug}/"
        assert response.status_code == (404 if own_address else 200), url
        if not own_address:  # whose 404 page offers the address typed in other languages
            assert "secret-summit-deal" not in text, url
        if url.startswith("/search/"):  # the query is repeated, the release is not found
            assert "0 results for" in text, url
        else:
            assert "Ministerial" not in text, url


def test_at_its_time_it_is_on_the_public_pages_without_a_save(
    client, bodies, journalist, shared_and_public
):
    release, public, field = shared_and_public
    for url in ("/press-releases/", "/tags/summit/", "/feeds/rss/"):
        assert "Ministerial" not in client.get(url).content.decode()  # and cached so
    later = timezone.now() + datetime.timedelta(hours=4, minutes=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("time.time", return_value=later.timestamp()),
    ):
        for url in ("/press-releases/", "/tags/summit/", "/feeds/rss/", release.get_absolute_url()):
            assert "Ministerial statement" in client.get(url).content.decode(), url


def test_the_press_room_speaks_russian(client, bodies, journalist):
    release = embargoed(bodies)
    assert "Прислать ссылку для входа" in main_content(client.get("/ru/press-room/"))
    sign_in(client, journalist)
    html = main_content(client.get(f"/ru/press-room/{release.slug}/"))
    assert "ПОД ЭМБАРГО ДО" in html and "Не для публикации и эфира" in html


def test_asking_again_from_a_used_link_does_not_carry_its_token(client, journalist):
    html = main_content(client.get("/press-room/link/?sesame=used&next=/press-room/x/"))
    assert 'value="/press-room/x/"' in html and "sesame" not in html


def test_the_sign_in_address_opened_by_hand_leads_to_the_door(client):
    assert client.get("/press-room/sign-in/").url == "/press-room/"


def test_a_publisher_accredits_a_journalist_and_sees_what_they_read(client, bodies, publisher):
    client.force_login(publisher)
    until = timezone.localdate() + datetime.timedelta(days=90)
    data = {
        "name": "Lea Writer",
        "outlet": "Wire Service",
        "email": "lea@example.com",
        "accredited_until": f"{until:%Y-%m-%d}",
        "embargo_views-TOTAL_FORMS": "0",
        "embargo_views-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:press_journalist_add"), data)
    assert response.status_code == 302
    journalist = Journalist.objects.get(email="lea@example.com")
    assert journalist.is_accredited and not journalist.user.is_staff
    EmbargoView.objects.create(release=embargoed(bodies), journalist=journalist)
    page = client.get(reverse("admin:press_journalist_change", args=[journalist.pk]))
    assert "Ministerial statement" in page.content.decode()
    listing = client.get(reverse("admin:press_journalist_changelist") + "?accredited=yes")
    assert "Lea Writer" in listing.content.decode()


def test_press_officers_may_look_journalists_up_but_not_accredit_them(client, bodies):
    officer = user_in("Press officer", bodies["kosovo"], username="officer")
    client.force_login(officer)
    assert client.get(reverse("admin:press_journalist_changelist")).status_code == 200
    assert client.get(reverse("admin:press_journalist_add")).status_code == 403
