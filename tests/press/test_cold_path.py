"""Every public page, with no cache at all, runs the same number of queries whatever the
number of releases (issue 8: a cold path that does not grow with the data)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_country, make_release, make_structure, make_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_cache")]

PAGES = {
    "home": "/",
    "list": "/press-releases/",
    "list page 2": "/press-releases/?page=2",
    "list by field": "/press-releases/?field=elections",
    "list by field and country": "/press-releases/?field=elections&country=kazakhstan",
    "list by three filters": "/press-releases/?field=elections&country=kazakhstan&tag=water",
    "release": "/press-releases/release-a/",
    "country": "/countries/kazakhstan/",
    "structure": "/structures/secretariat/",
    "tag": "/tags/water/",
    "search": "/search/?q=body",
    "search with a filter": "/search/?q=body&field=elections",
    "feed": "/feeds/rss/",
    "country feed": "/feeds/rss/countries/kazakhstan/",
}


def site_with(count):
    """`count` releases over two fields, two countries, two bodies and two tags."""
    elections = make_term("Elections", slug="elections")
    youth = make_term("Youth", slug="youth")
    kazakhstan = make_country("Kazakhstan")
    kazakhstan.slug = "kazakhstan"
    kazakhstan.save()
    austria = make_country("Austria")
    secretariat = make_structure("Secretariat", slug="secretariat", kind="secretariat")
    unit = make_structure("Unit", parent=secretariat, kind="unit")
    now = timezone.now()
    for number in range(count):
        release = make_release(
            source=[secretariat, unit][number % 2],
            published_at=now - datetime.timedelta(days=number * 40),
            **({} if number else {"slug": "release-a"}),
        )
        release.fields_of_work.set([elections, youth][: 1 + number % 2])
        release.countries.set([[kazakhstan], [austria], []][number % 3])
        release.tags.set(["water", "air"][number % 2 :])


def queries(client, url):
    client.get(url)  # the first request pays once for what any process keeps (translations)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_as_many_queries_with_many_releases_as_with_few(client, page):
    site_with(22)
    few = queries(client, PAGES[page])
    site_more(30)
    assert queries(client, PAGES[page]) == few


def site_more(count):
    """As many more releases again, classified like the first."""
    from press.models import PressRelease
    from structures.models import Structure
    from taxonomy.models import Term

    elections, youth = Term.objects.get(slug="elections"), Term.objects.get(slug="youth")
    kazakhstan = Term.objects.get(slug="kazakhstan")
    secretariat = Structure.objects.get(slug="secretariat")
    oldest = PressRelease.objects.order_by("published_at").first().published_at
    for number in range(count):
        release = make_release(
            source=secretariat, published_at=oldest - datetime.timedelta(days=number + 1)
        )
        release.fields_of_work.set([elections, youth][: 1 + number % 2])
        release.countries.set([kazakhstan] if number % 2 else [])
        release.tags.set(["water"])


def test_a_release_with_change_notes_costs_one_query_more_however_many(client):
    from press import services
    from press.models import PressRelease

    site_with(3)
    before = queries(client, PAGES["release"])
    release = PressRelease.objects.get(slug="release-a")
    services.note_change(release, "Corrected the date of the visit.")
    one = queries(client, PAGES["release"])
    for number in range(5):
        services.note_change(release, f"Correction {number}.")
    assert queries(client, PAGES["release"]) == one == before + 1
