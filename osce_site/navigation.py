"""The site menu, derived from the two trees; nothing here is maintained by hand but the
grouping of the vocabularies into the three top-level sections."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from structures.models import Chairpersonship, Structure
from taxonomy.models import Term, Vocabulary


@dataclass
class MenuItem:
    label: str
    url: str
    children: list["MenuItem"] = field(default_factory=list)


@dataclass
class MenuSection:
    label: str
    url: str  # the section's overview page, the menu's link where scripts do not run
    items: list[MenuItem]


def _menu_terms():
    """All menu terms, one query, with children cached on each node."""
    roots = Term.objects.filter(in_menu=True).get_cached_trees()
    return {root.vocabulary: root for root in roots if root.parent_id is None}


def _term_item(term, labels):
    children = [_term_item(child, labels) for child in term.tree_children() if child.in_menu]
    return MenuItem(labels.get(term.pk, term.name), term.get_absolute_url(), children)


def _structure_item(structure, day):
    children = [
        _structure_item(child, day)
        for child in structure.tree_children()
        if child.in_menu and not child.is_closed_on(day)
    ]
    return MenuItem(structure.name, structure.get_absolute_url(), children)


def build_menu(day=None):
    """The menu as of `day` (today by default): three queries, whatever the size of the trees."""
    day = day or timezone.localdate()
    chair = Chairpersonship.objects.for_year(day.year)
    labels = {chair.country_id: chair.label} if chair else {}
    vocabularies = _menu_terms()
    structures = Structure.objects.filter(in_menu=True).get_cached_trees()

    our_work = [
        _term_item(vocabularies[code], labels)
        for code in (Vocabulary.FIELDS_OF_WORK, Vocabulary.MEETINGS)
        if code in vocabularies
    ]
    countries = []
    if Vocabulary.COUNTRIES in vocabularies:
        root = _term_item(vocabularies[Vocabulary.COUNTRIES], labels)
        countries = [MenuItem(_("All"), root.url), *root.children]
    return [
        MenuSection(_("Our work"), our_work[0].url if our_work else "", our_work),
        MenuSection(_("Countries"), countries[0].url if countries else "", countries),
        MenuSection(
            _("Structures and institutions"),
            reverse("structures:index"),
            [_structure_item(root, day) for root in structures if root.parent_id is None],
        ),
    ]
