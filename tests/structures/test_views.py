import datetime

import pytest

from structures.models import Chairpersonship, Structure, StructureName
from tests.factories import make_country, make_release, make_structure
from tests.html import main_content, release_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def operations():
    root = make_structure("Field operations", slug="field-operations", kind="information-page")
    astana = make_structure(
        "Programme Office in Astana",
        parent=root,
        slug="astana",
        established=datetime.date(2015, 1, 1),
    )
    almaty = make_structure(
        "Centre in Almaty",
        parent=root,
        slug="almaty",
        succeeded_by=astana,
        established=datetime.date(1998, 1, 1),
        closed=datetime.date(2007, 6, 30),
    )
    StructureName.objects.create(
        structure=astana,
        name="Programme Office in Nur-Sultan",
        used_from=datetime.date(2019, 1, 1),
        used_until=datetime.date(2022, 12, 31),
    )
    return root, astana, almaty


def test_structure_page_by_tree_path_with_lineage(client, operations):
    root, astana, almaty = operations
    html = main_content(client.get("/structures/field-operations/astana/"))
    assert "Opened</dt><dd>2015" in html
    assert "Programme Office in Nur-Sultan (2019–2022)" in html
    assert "Preceded by" in html and 'href="/structures/field-operations/almaty/"' in html


def test_closed_structure_page_says_so_and_names_its_successor(client, operations):
    html = main_content(client.get("/structures/field-operations/almaty/"))
    assert "closed in 2007" in html
    assert "Succeeded by" in html and 'href="/structures/field-operations/astana/"' in html


def test_a_closed_body_points_to_the_open_one_that_carries_its_work_on(client, operations):
    root, astana, almaty = operations
    Structure.objects.filter(pk=astana.pk).update(closed=datetime.date(2015, 6, 1))
    office = make_structure("Programme Office in Dushanbe", parent=root, slug="office")
    Structure.objects.filter(pk=astana.pk).update(succeeded_by=office)
    notice = main_content(client.get("/structures/field-operations/almaty/")).split("</p>")[0]
    assert (
        "its work continues at the" in notice
        and 'href="/structures/field-operations/office/"' in notice
    )
    release = make_release("From Almaty", source=almaty)
    page = main_content(client.get(release.get_absolute_url()))
    assert 'its work continues at the <a href="/structures/field-operations/office/">' in page


def test_closed_body_notices_are_translated(client, operations):
    html = main_content(client.get("/ru/structures/field-operations/almaty/"))
    assert "Закрыт в 2007 году" in html
    assert 'его работу продолжает <a href="/ru/structures/field-operations/astana/">' in html


def test_a_closed_body_whose_line_ended_names_its_closed_successor(client, operations):
    root, astana, almaty = operations
    Structure.objects.filter(pk=astana.pk).update(closed=datetime.date(2016, 12, 31))
    notice = main_content(client.get("/structures/field-operations/almaty/")).split("</p>")[0]
    assert "continues" not in notice
    assert "was succeeded by the" in notice and "which closed in 2016" in notice


def test_parent_page_lists_active_and_closed_units_and_subtree_releases(client, operations):
    root, astana, almaty = operations
    make_release("From Almaty", source=almaty)
    make_release("From Astana", source=astana)
    make_release("Elsewhere")
    response = client.get("/structures/field-operations/")
    html = main_content(response)
    active = html.split('id="units-title"')[1].split("</section>")[0]
    closed = html.split('id="closed-title"')[1].split("</section>")[0]
    assert "Programme Office in Astana" in active and "Centre in Almaty" not in active
    assert "Centre in Almaty" in closed and "1998–2007" in closed
    assert sorted(release_titles(response)) == ["From Almaty", "From Astana"]


def test_closed_field_activities_lists_closed_operations_with_years(client, operations):
    make_structure(
        "Closed field activities", slug="closed-field-activities", kind="information-page"
    )
    html = main_content(client.get("/structures/closed-field-activities/"))
    assert "Centre in Almaty" in html and "1998–2007" in html
    assert "Programme Office in Astana" not in html


def test_chairpersonship_page_lists_the_chairs(client):
    make_structure("Chairpersonship", slug="chairpersonship", kind="chairpersonship")
    Chairpersonship.objects.create(
        year=2005, country=make_country("Slovenia", "SI"), chairperson="Dimitrij Rupel"
    )
    html = main_content(client.get("/structures/chairpersonship/"))
    assert "Dimitrij Rupel" in html and "Slovenia" in html


def test_moved_structure_redirects_permanently(client, operations):
    response = client.get("/structures/secretariat/astana/")
    assert response.status_code == 301
    assert response["Location"] == "/structures/field-operations/astana/"


@pytest.mark.parametrize(
    "url", ["/structures/nothing/", "/structures/a/b/c/", "/structures/x/?page=2"]
)
def test_unknown_structure_is_404(client, url):
    assert client.get(url).status_code == 404


def test_index_lists_the_tree(client, operations):
    html = main_content(client.get("/structures/"))
    assert "Field operations" in html and "Centre in Almaty (closed)" in html
    assert Structure.objects.count() == 3


def test_structure_page_fragments_follow_edits(client, operations):
    root, astana, almaty = operations
    assert "Programme Office in Astana" in main_content(client.get("/structures/field-operations/"))
    astana.name = "Programme Office in Nur-Sultan"
    astana.save()
    html = main_content(client.get("/structures/field-operations/"))
    assert "Programme Office in Nur-Sultan" in html and "Programme Office in Astana" not in html
