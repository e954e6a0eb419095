"""The meetings calendar: dated events of the meeting series, their pages with the releases
issued around them, the series' upcoming and past meetings, and iCalendar feeds."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from taxonomy.models import Term, Vocabulary
from tests.factories import make_release, make_structure, make_term, vocabulary
from tests.html import main_content

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_cache")]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def council():
    return make_term(
        "Ministerial Council meetings",
        parent=vocabulary(Vocabulary.MEETINGS),
        kind=Term.Kind.MEETING_SERIES,
        slug="ministerial-council-meetings",
    )


def make_event(series, title, starts_in_days, days=2, **fields):
    start = timezone.now() + datetime.timedelta(days=starts_in_days)
    fields.setdefault("organiser", make_structure("Chairpersonship", kind="chairpersonship"))
    return Event.objects.create(
        series=series,
        title=title,
        slug=re.sub(r"\W+", "-", title.lower()).strip("-"),
        starts_at=start,
        ends_at=start + datetime.timedelta(days=days, hours=-8),
        city=fields.pop("city", "Vienna"),
        venue=fields.pop("venue", "Hofburg"),
        **fields,
    )


def test_upcoming_and_past_meetings_in_their_order(council):
    last_year = make_event(council, "Last year", -365)
    soon = make_event(council, "Soon", 5)
    later = make_event(council, "Later", 40)
    going_on = make_event(council, "Going on", -1, days=3)
    assert list(Event.objects.upcoming()) == [going_on, soon, later]
    assert list(Event.objects.past()) == [last_year]


def test_an_event_ends_after_it_starts_and_belongs_to_a_series(council):
    event = make_event(council, "Backwards", 5)
    event.ends_at = event.starts_at - DAY
    with pytest.raises(ValidationError, match="The end must not come before the start"):
        event.full_clean()
    event.ends_at, event.series = event.starts_at + DAY, make_term("Youth")
    with pytest.raises(ValidationError, match="Choose a meeting series"):
        event.full_clean()


def test_the_event_page_tells_when_where_who_and_lists_the_releases_around_it(client, council):
    event = make_event(council, "33rd Ministerial Council", -1, city="Lugano", venue="Palazzo")
    during = make_release("Ministers agree", published_at=event.starts_at + DAY / 2)
    during.meetings.add(council)
    before = make_release("Long before", published_at=event.starts_at - 30 * DAY)
    before.meetings.add(council)
    other = make_release("Elsewhere", published_at=event.starts_at + DAY / 2)
    page = client.get(event.get_absolute_url())
    html = main_content(page)
    assert "<h1>33rd Ministerial Council</h1>" in html
    assert "Palazzo, Lugano" in html and "Chairpersonship" in html
    assert "Ministers agree" in html and "Long before" not in html and other.title not in html
    assert f'href="/meetings/{council.slug}/{event.slug}.ics"' in html
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', page.content.decode(), re.S)[1])
    assert data["@type"] == "Event" and data["location"]["address"]["addressLocality"] == "Lugano"
    assert data["startDate"] == event.starts_at.isoformat()


def test_an_unknown_event_or_series_is_404(client, council):
    event = make_event(council, "Council", 5)
    assert client.get(f"/meetings/{council.slug}/nothing/").status_code == 404
    assert client.get(f"/meetings/other-series/{event.slug}/").status_code == 404
    assert client.get("/feeds/meetings/no-such-series.ics").status_code == 404


def test_the_series_page_lists_upcoming_and_past_meetings(client, council):
    make_event(council, "Next council", 30)
    make_event(council, "Last council", -300)
    html = main_content(client.get(council.get_absolute_url()))
    upcoming = html[html.index("Upcoming meetings") : html.index("Past meetings")]
    assert "Next council" in upcoming and "Last council" in html[html.index("Past meetings") :]
    assert f'href="/feeds/meetings/{council.slug}.ics"' in html


def test_the_calendars_hold_the_upcoming_meetings(client, council):
    make_event(council, "Next council", 30, city="Lugano", venue="Palazzo")
    make_event(council, "Last council", -300)
    response = client.get(f"/feeds/meetings/{council.slug}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Next council"
    assert str(entry["location"]) == "Palazzo, Lugano"
    assert str(entry["url"]).endswith("/meetings/ministerial-council-meetings/next-council/")
    everything = Calendar.from_ical(client.get("/feeds/meetings.ics").content)
    assert [str(e["summary"]) for e in everything.walk("VEVENT")] == ["Next council"]


def test_add_to_calendar_gives_the_one_meeting(client, council):
    event = make_event(council, "Next council", 30)
    calendar = Calendar.from_ical(client.get(f"/meetings/{council.slug}/{event.slug}.ics").content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert "Organised by the Chairpersonship." in str(entry["description"])


@pytest.mark.parametrize("page", ["event", "series", "calendar"])
def test_meeting_pages_run_a_fixed_number_of_queries(client, council, page):
    first = make_event(council, "First", 10)
    urls = {
        "event": first.get_absolute_url(),
        "series": council.get_absolute_url(),
        "calendar": "/feeds/meetings.ics",
    }
    client.get(urls[page])
    with CaptureQueriesContext(connection) as few:
        client.get(urls[page])
    for number in range(12):
        make_event(council, f"Meeting {number}", number - 6)
        release = make_release(published_at=first.starts_at + DAY / 4)
        release.meetings.add(council)
    with CaptureQueriesContext(connection) as many:
        client.get(urls[page])
    assert len(many) == len(few)


def test_the_sitemap_lists_the_meetings(client, council):
    event = make_event(council, "Next council", 30)
    sitemap = client.get("/sitemap-meetings.xml").content.decode()
    assert f"{event.get_absolute_url()}</loc>" in sitemap
