import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from mptt.exceptions import InvalidMove

from taxonomy.models import Term, Vocabulary
from tests.factories import make_country, make_release, make_term, vocabulary
from tests.trees import assert_tree_valid

pytestmark = pytest.mark.django_db


def test_term_takes_the_vocabulary_of_its_root():
    parent = make_term("Elections")
    child = make_term("Election observation", parent=parent)
    assert child.vocabulary == Vocabulary.FIELDS_OF_WORK


def test_slug_is_unique_within_a_vocabulary():
    make_term("Youth", slug="youth")
    duplicate = Term(name="Youth", slug="youth", parent=vocabulary(Vocabulary.FIELDS_OF_WORK))
    with pytest.raises(ValidationError, match="already exists in the vocabulary"):
        duplicate.full_clean()


def test_same_slug_is_allowed_in_another_vocabulary():
    make_term("Youth", slug="youth")
    other = Term(
        name="Youth",
        slug="youth",
        kind=Term.Kind.MEETING_SERIES,
        parent=vocabulary(Vocabulary.MEETINGS),
    )
    other.full_clean()


def test_country_needs_an_iso_code():
    country = Term(
        name="Austria", slug="austria", kind=Term.Kind.COUNTRY, parent=vocabulary("countries")
    )
    with pytest.raises(ValidationError, match="ISO 3166-1"):
        country.full_clean()


def test_only_countries_carry_an_iso_code():
    term = Term(
        name="Youth", slug="youth", iso_code="AT", parent=vocabulary(Vocabulary.FIELDS_OF_WORK)
    )
    with pytest.raises(ValidationError, match="Only countries"):
        term.full_clean()


def test_country_outside_the_countries_vocabulary_is_refused():
    term = Term(
        name="Austria",
        slug="austria",
        kind=Term.Kind.COUNTRY,
        iso_code="AT",
        parent=vocabulary(Vocabulary.FIELDS_OF_WORK),
    )
    with pytest.raises(ValidationError, match="Countries vocabulary"):
        term.full_clean()


def test_iso_code_is_unique():
    make_country("Austria", "AT")
    twin = Term(
        name="Other",
        slug="other",
        kind=Term.Kind.COUNTRY,
        iso_code="AT",
        parent=vocabulary("countries"),
    )
    with pytest.raises(ValidationError, match="already has this ISO code"):
        twin.full_clean()


def test_changing_parent_to_another_vocabulary_is_refused():
    term = make_term("Youth")
    term.parent = vocabulary(Vocabulary.MEETINGS)
    with pytest.raises(ValidationError, match="stays in its vocabulary"):
        term.full_clean()


def test_move_within_a_vocabulary_keeps_the_tree_valid():
    first, second, third = make_term("A"), make_term("B"), make_term("C")
    child = make_term("A1", parent=first)

    Term.objects.move_node(third, first, "left")
    Term.objects.move_node(child, second, "last-child")
    Term.objects.move_node(second, third, "first-child")

    assert_tree_valid(Term)
    root = vocabulary(Vocabulary.FIELDS_OF_WORK)
    assert [t.name for t in root.get_children()] == ["C", "A"]
    assert [t.name for t in Term.objects.get(pk=third.pk).get_descendants()] == ["B", "A1"]


def test_move_into_another_vocabulary_is_refused():
    term = make_term("Youth")
    with pytest.raises(InvalidMove, match="within Fields of work"):
        Term.objects.move_node(term, vocabulary(Vocabulary.MEETINGS), "last-child")
    assert_tree_valid(Term)


def test_move_to_the_top_is_refused():
    term = make_term("Youth")
    with pytest.raises(InvalidMove):
        Term.objects.move_node(term, vocabulary(Vocabulary.MEETINGS), "right")


def test_deleting_a_term_in_use_is_refused_with_the_count():
    field = make_term("Elections")
    make_release().fields_of_work.add(field)
    make_release().fields_of_work.add(field)
    with pytest.raises(ProtectedError, match="used by 2 press release"):
        field.delete()
    assert Term.objects.filter(pk=field.pk).exists()


def test_deleting_a_parent_whose_child_is_in_use_is_refused():
    group = make_term("Group", parent=vocabulary("countries"), kind=Term.Kind.COUNTRY_GROUP)
    country = make_country("Austria", "AT", parent=group)
    make_release().countries.add(country)
    with pytest.raises(ProtectedError):
        group.delete()
    assert Term.objects.filter(pk=country.pk).exists()


def test_deleting_an_unused_term_works():
    term = make_term("Unused")
    term.delete()
    assert not Term.objects.filter(pk=term.pk).exists()
    assert_tree_valid(Term)


@pytest.mark.django_db
def test_outline_nests_rows_in_tree_order_and_leaves_out_orphans(django_assert_num_queries):
    root = vocabulary(Vocabulary.FIELDS_OF_WORK)
    first = make_term("First", parent=root)
    hidden = make_term("Hidden", parent=root, in_menu=False)
    make_term("Below hidden", parent=hidden)
    make_term("Child", parent=first)
    with django_assert_num_queries(1):
        roots = Term.objects.filter(in_menu=True, vocabulary=root.vocabulary).outline("name")
    assert [row["name"] for row in roots] == [root.name]
    assert [row["name"] for row in roots[0]["children"]] == ["First"]
    assert [row["name"] for row in roots[0]["children"][0]["children"]] == ["Child"]


@pytest.mark.django_db
def test_a_term_row_links_where_its_instance_does():
    term = make_term("Elections", slug="выборы")
    row = Term.objects.filter(pk=term.pk).values("vocabulary", "kind", "slug").get()
    assert (
        Term.page_url(**row)
        == term.get_absolute_url()
        == "/fields-of-work/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/"
    )
