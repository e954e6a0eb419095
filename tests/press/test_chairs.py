"""The rotating Chair: a release issued by the Chairpersonship names the Chair of its own
year, with the office's name of the time, and the Chairpersonship's page tells the years."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from structures.models import Chairpersonship, Structure, StructureName
from tests.factories import make_country, make_release, make_structure
from tests.html import main_content

pytestmark = pytest.mark.django_db
VIENNA = ZoneInfo("Europe/Vienna")


@pytest.fixture
def chair():
    office = make_structure(
        "Chairpersonship", slug="chairpersonship", kind=Structure.Kind.CHAIRPERSONSHIP
    )
    StructureName.objects.create(
        structure=office, name="Chairmanship", used_until=datetime.date(2020, 12, 31)
    )
    for year, country, person in [
        (2005, "Slovenia", "Dimitrij Rupel"),
        (2021, "Sweden", "Ann Linde"),
        (2025, "Finland", "Elina Valtonen"),
    ]:
        Chairpersonship.objects.create(year=year, country=make_country(country), chairperson=person)
    return office


def on(year, month=6, day=1):
    return datetime.datetime(year, month, day, 12, tzinfo=VIENNA)


def source_shown(client, release):
    html = main_content(client.get(release.get_absolute_url()))
    start = html.index("Source:</dt><dd>")
    return html[start:].split("</a>", 1)[0].rsplit(">", 1)[1]


def test_a_release_of_2005_names_the_chairmanship_and_slovenia(client, chair):
    release = make_release("Kazakhstan election", source=chair, published_at=on(2005, 12, 5))
    assert source_shown(client, release) == "OSCE Chairmanship 2005 — Slovenia"


def test_since_2021_the_office_is_the_chairpersonship(client, chair):
    release = make_release("Priorities", source=chair, published_at=on(2025, 1, 15))
    assert source_shown(client, release) == "OSCE Chairpersonship 2025 — Finland"


def test_a_year_without_a_chair_in_the_table_shows_the_office_alone(client, chair):
    release = make_release("Early days", source=chair, published_at=on(1996))
    assert source_shown(client, release) == "Chairmanship"


def test_a_renamed_body_shows_the_name_it_had_then(client):
    office = make_structure("Programme Office in Astana")
    StructureName.objects.create(
        structure=office,
        name="Programme Office in Nur-Sultan",
        used_from=datetime.date(2019, 1, 1),
        used_until=datetime.date(2022, 12, 31),
    )
    then = make_release("Mediation centre", source=office, published_at=on(2020))
    now = make_release("Water course", source=office, published_at=on(2024))
    assert source_shown(client, then) == "Programme Office in Nur-Sultan"
    assert source_shown(client, now) == "Programme Office in Astana"


def test_the_chairpersonships_page_tells_each_year_with_its_chair_and_releases(client, chair):
    make_release("Kazakhstan election", source=chair, published_at=on(2005, 12, 5))
    make_release("Ministerial Council", source=chair, published_at=on(2005, 12, 6))
    html = main_content(client.get(chair.get_absolute_url()))
    table = html[html.index('<table class="chairs">') :]
    rows = table.split("<tr>")[2:]
    assert [row.split("</th>")[0].rsplit(">", 1)[1] for row in rows] == ["2025", "2021", "2005"]
    assert 'Ann Linde<span class="office-title">, Chairperson-in-Office' in rows[1]
    assert 'Dimitrij Rupel<span class="office-title">, Chairman-in-Office' in rows[2]
    link = '<a href="/press-releases/?source=chairpersonship&amp;year=2005">2 releases</a>'
    assert link in rows[2]
    assert "<td>–</td>" in rows[0]


def test_the_list_of_a_chair_year_shows_that_years_releases(client, chair):
    make_release("Kazakhstan election", source=chair, published_at=on(2005, 12, 5))
    make_release("Priorities", source=chair, published_at=on(2025, 1, 15))
    listed = main_content(client.get("/press-releases/?source=chairpersonship&year=2005"))
    assert "Kazakhstan election" in listed and "Priorities" not in listed


def test_the_chairpersonships_page_runs_a_fixed_number_of_queries(client, chair, no_cache):
    make_release(source=chair, published_at=on(2005))
    client.get(chair.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(chair.get_absolute_url())
    for year in range(2006, 2020):
        Chairpersonship.objects.create(year=year, country=make_country(), chairperson="A. Chair")
        make_release(source=chair, published_at=on(year))
    with CaptureQueriesContext(connection) as many:
        client.get(chair.get_absolute_url())
    assert len(many) == len(few)
