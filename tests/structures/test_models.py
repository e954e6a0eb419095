import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from structures.models import Chairpersonship, Structure
from tests.factories import make_country, make_release, make_structure, make_term
from tests.trees import assert_tree_valid

pytestmark = pytest.mark.django_db


def test_closing_date_must_follow_opening_date():
    office = Structure(
        name="Office",
        slug="office",
        kind=Structure.Kind.FIELD_OPERATION,
        established=datetime.date(2005, 1, 1),
        closed=datetime.date(2004, 1, 1),
    )
    with pytest.raises(ValidationError, match="closing date must come after"):
        office.full_clean()


def test_a_body_cannot_succeed_itself():
    office = make_structure("Office")
    office.succeeded_by = office
    with pytest.raises(ValidationError, match="cannot succeed itself"):
        office.full_clean()


def test_host_country_must_be_a_country():
    office = make_structure("Office")
    office.host_country = make_term("Youth")
    with pytest.raises(ValidationError, match="Choose a country"):
        office.full_clean()


def test_closed_structure_is_labelled_and_filtered():
    almaty = make_structure(
        "Centre in Almaty",
        established=datetime.date(1998, 1, 1),
        closed=datetime.date(2007, 6, 30),
    )
    astana = make_structure("Programme Office in Astana", established=datetime.date(2015, 1, 1))
    assert str(almaty) == "Centre in Almaty (closed)"
    assert str(astana) == "Programme Office in Astana"
    assert list(Structure.objects.closed()) == [almaty]
    assert list(Structure.objects.active()) == [astana]
    assert list(Structure.objects.open_on(datetime.date(2000, 1, 1))) == [almaty]


def test_lineage_follows_successors_both_ways():
    almaty = make_structure("Centre in Almaty")
    astana = make_structure("Centre in Astana")
    almaty.succeeded_by = astana
    almaty.save()
    assert list(astana.predecessors.all()) == [almaty]


def test_url_is_the_path_in_the_tree():
    operations = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)
    kosovo = make_structure("Mission in Kosovo", parent=operations, slug="mission-in-kosovo")
    assert kosovo.get_absolute_url() == f"/structures/{operations.slug}/mission-in-kosovo/"


def test_moves_keep_the_tree_valid():
    secretariat = make_structure("Secretariat", kind=Structure.Kind.SECRETARIAT)
    units = [make_structure(f"Unit {n}", parent=secretariat, kind="unit") for n in range(3)]
    operations = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)

    Structure.objects.move_node(units[2], units[0], "left")
    Structure.objects.move_node(units[1], operations, "last-child")
    Structure.objects.move_node(operations, secretariat, "left")

    assert_tree_valid(Structure)
    secretariat.refresh_from_db()
    assert [u.name for u in secretariat.get_children()] == ["Unit 2", "Unit 0"]


def test_deleting_a_source_in_use_is_refused_and_the_tree_stays_valid():
    operations = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)
    mission = make_structure("Mission", parent=operations)
    make_structure("Sibling", parent=operations)
    make_release(source=mission)
    with pytest.raises(ProtectedError, match="used by 1 press release"):
        operations.delete()
    with pytest.raises(ProtectedError):
        mission.delete()
    assert Structure.objects.count() == 3
    assert_tree_valid(Structure)


def test_deleting_a_structure_a_release_concerns_is_refused():
    concerned = make_structure("Concerned")
    make_release().structures.add(concerned)
    with pytest.raises(ProtectedError):
        concerned.delete()


def test_queryset_delete_also_refuses_and_keeps_the_tree_valid():
    used = make_structure("Used")
    make_structure("Unused")
    make_release(source=used)
    with pytest.raises(ProtectedError):
        Structure.objects.filter(name__in=["Used", "Unused"]).delete()
    assert Structure.objects.filter(name__in=["Used", "Unused"]).count() == 2
    assert_tree_valid(Structure)


def test_queryset_delete_of_unused_nodes_keeps_the_tree_valid():
    parent = make_structure("Parent")
    make_structure("Child", parent=parent)
    keep = make_structure("Keep")
    Structure.objects.exclude(pk=keep.pk).delete()
    assert list(Structure.objects.all()) == [keep]
    assert_tree_valid(Structure)


def test_chairpersonship_label_names_the_year():
    finland = make_country("Finland", "FI")
    chair = Chairpersonship.objects.create(year=2025, country=finland, chairperson="E. Valtonen")
    assert chair.label == "Finland – OSCE Chairpersonship 2025"
    assert Chairpersonship.objects.for_year(2025) == chair
    assert Chairpersonship.objects.for_year(2024) is None


def test_paths_follow_moves_and_renames():
    secretariat = make_structure("Secretariat", slug="secretariat")
    unit = make_structure("Unit", parent=secretariat, slug="unit")
    office = make_structure("Office", parent=unit, slug="office")
    operations = make_structure("Field operations", slug="field-operations")

    Structure.objects.move_node(unit, operations, "last-child")
    office.refresh_from_db()
    assert office.get_absolute_url() == "/structures/field-operations/unit/office/"

    operations.slug = "operations"
    operations.save()
    office.refresh_from_db()
    assert office.path == "operations/unit/office"

    office.parent = secretariat
    office.save()
    assert Structure.objects.get(pk=office.pk).path == "secretariat/office"


def test_the_menu_leaves_out_a_closed_body_and_its_units_from_the_day_it_closed():
    root = make_structure("Field operations", kind=Structure.Kind.INFORMATION_PAGE)
    closed = make_structure("Mission", parent=root, closed=datetime.date(2020, 1, 1))
    make_structure("Unit of the mission", parent=closed)
    make_structure("Open mission", parent=root)

    def menu_on(day):
        (top,) = Structure.objects.in_menu_on(day).outline("name")
        return [top["name"], *(row["name"] for row in top["children"])]

    assert menu_on(datetime.date(2019, 12, 31)) == ["Field operations", "Mission", "Open mission"]
    assert menu_on(datetime.date(2020, 1, 1)) == ["Field operations", "Open mission"]
