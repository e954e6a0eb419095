import datetime

import pytest

from structures.models import Chairpersonship, Structure
from taxonomy.models import Term
from tests.factories import make_country, make_release, make_structure, make_term, vocabulary
from tests.html import main_content, release_titles

pytestmark = pytest.mark.django_db


def test_field_page_shows_description_children_and_subtree_releases(client):
    parent = make_term("Elections", slug="elections", description="Free and fair elections.")
    child = make_term("Observation", parent=parent, slug="observation")
    make_release("Child release").fields_of_work.add(child)
    make_release("Parent release").fields_of_work.add(parent)
    make_release("Unrelated")
    response = client.get("/fields-of-work/elections/")
    assert response.status_code == 200
    html = main_content(response)
    assert "Free and fair elections." in html
    assert 'href="/fields-of-work/observation/"' in html
    assert sorted(release_titles(response)) == ["Child release", "Parent release"]
    assert 'href="/feeds/rss/fields-of-work/elections/"' in html


def test_meeting_page_lists_its_releases(client):
    meeting = make_term(
        "Ministerial Council meetings", parent=vocabulary("meetings"), kind=Term.Kind.MEETING_SERIES
    )
    make_release("At the Council").meetings.add(meeting)
    response = client.get(f"/meetings/{meeting.slug}/")
    assert release_titles(response) == ["At the Council"]


def test_country_page_lists_hosted_field_operations_and_chairpersonships(client):
    kazakhstan = make_country("Kazakhstan", "KZ")
    make_structure(
        "Centre in Almaty",
        host_country=kazakhstan,
        established=datetime.date(1998, 1, 1),
        closed=datetime.date(2007, 12, 31),
    )
    make_structure("Programme Office in Astana", host_country=kazakhstan)
    make_structure("Elsewhere")
    Chairpersonship.objects.create(year=2010, country=kazakhstan, chairperson="K. Saudabayev")
    make_release("About Kazakhstan").countries.add(kazakhstan)
    response = client.get(f"/countries/{kazakhstan.slug}/")
    html = main_content(response)
    assert "Programme Office in Astana" in html
    assert "Centre in Almaty (closed)" in html and "1998–2007" in html
    assert "Elsewhere" not in html
    assert "OSCE Chairpersonship: 2010" in html
    assert release_titles(response) == ["About Kazakhstan"]


def test_vocabulary_page_shows_the_tree(client):
    group = make_term("Participating States", parent=vocabulary("countries"), kind="country-group")
    make_country("Austria", "AT", parent=group)
    html = main_content(client.get("/countries/"))
    assert "Participating States" in html and "Austria" in html


def test_breadcrumbs_follow_the_tree(client):
    group = make_term("Participating States", parent=vocabulary("countries"), kind="country-group")
    austria = make_country("Austria", "AT", parent=group)
    html = client.get(f"/countries/{austria.slug}/").content.decode()
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert (
        crumbs.index("Countries") < crumbs.index("Participating States") < crumbs.index("Austria")
    )


@pytest.mark.parametrize(
    "url",
    [
        "/fields-of-work/no-such/",
        "/countries/elections/",
        "/planets/earth/",
        "/countries/x/?page=9",
    ],
)
def test_unknown_terms_are_404(client, url):
    make_term("Elections", slug="elections")
    assert client.get(url).status_code == 404


def test_a_vocabulary_slug_is_not_a_term_page(client, db):
    assert client.get("/countries/countries/").status_code == 404
    assert Structure.objects.count() == 0


def test_term_page_fragments_follow_edits(client):
    term = make_term("Elections", slug="elections", description="Old words.")
    assert "Old words." in main_content(client.get("/fields-of-work/elections/"))
    term.description = "New words."
    term.save()
    assert "New words." in main_content(client.get("/fields-of-work/elections/"))
