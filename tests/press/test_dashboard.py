"""The editors' dashboard, the admin's index: what waits for each user, one click from its
form, among the releases they may edit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from press.models import PressRelease
from tests.factories import make_release
from tests.press.test_editorial import admin_url, user_in

pytestmark = pytest.mark.django_db
DRAFT = PressRelease.Status.DRAFT


def panel(page, key):
    html = page.content.decode()
    start = html.index(f'id="panel-{key}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def day(bodies):
    officer = user_in("Press officer", bodies["kosovo"], username="officer")
    publisher = user_in("Publisher", bodies["operations"], username="publisher")
    now = timezone.now()
    releases = {
        "mine": make_release("My draft", source=bodies["kosovo"], status=DRAFT, created_by=officer),
        "submitted": make_release(
            "Sent to publish",
            source=bodies["kosovo"],
            status=DRAFT,
            submitted_at=now,
            submitted_by=officer,
        ),
        "scheduled": make_release(
            "Tomorrow's release",
            source=bodies["kosovo"],
            published_at=now + datetime.timedelta(days=1),
        ),
        "live": make_release("Live release", source=bodies["kosovo"]),
        "elsewhere": make_release(
            "ODIHR draft", source=bodies["odihr"], status=DRAFT, submitted_at=now
        ),
    }
    return officer, publisher, releases


def test_an_officer_sees_their_drafts_and_what_waits_for_a_publisher(client, day):
    officer, _, releases = day
    client.force_login(officer)
    page = client.get(reverse("admin:index"))
    waiting = panel(page, "submitted")
    assert "Waiting for a publisher" in waiting
    assert "Sent to publish" in waiting and "by officer" in waiting
    assert admin_url("change", releases["submitted"].pk) in waiting
    assert "My draft" in panel(page, "drafts")
    assert "Tomorrow&#x27;s release" in panel(page, "scheduled")
    assert "Live release" in panel(page, "published")
    assert "ODIHR draft" not in page.content.decode()  # another structure's


def test_a_publisher_sees_what_was_submitted_to_them(client, day):
    _, publisher, _ = day
    client.force_login(publisher)
    page = client.get(reverse("admin:index"))
    submitted = panel(page, "submitted")
    assert "Submitted for publication" in submitted and "Sent to publish" in submitted
    assert "You have no drafts." in panel(page, "drafts")


def test_the_dashboard_runs_a_fixed_number_of_queries(client, day, bodies):
    officer, _, _ = day
    client.force_login(officer)
    client.get(reverse("admin:index"))  # the session and permissions, once
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))
    for number in range(15):
        make_release(f"Draft {number}", source=bodies["kosovo"], status=DRAFT, created_by=officer)
        make_release(f"Live {number}", source=bodies["kosovo"])
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("admin:index"))
    assert len(many) == len(few)
    assert panel(page, "drafts").count("<tr>") == 11  # ten rows and the heading


def test_a_user_without_releases_sees_the_usual_index(client, django_user_model):
    staff = django_user_model.objects.create_user("helper", password="pw", is_staff=True)
    client.force_login(staff)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200 and "release-dashboard" not in page.content.decode()
