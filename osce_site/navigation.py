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
    key: str  # "work", "countries", "structures": the same in every language
    label: str
    url: str  # the section's overview page, the menu's link where scripts do not run
    items: list[MenuItem]


def _term_item(row, labels):
    children = [_term_item(child, labels) for child in row["children"]]
    url = Term.page_url(row["vocabulary"], row["kind"], row["slug"])
    return MenuItem(labels.get(row["pk"], row["name"]), url, children)


def _structure_item(row):
    children = [_structure_item(child) for child in row["children"]]
    return MenuItem(row["name"], Structure.page_url(row["path"]), children)


def build_menu(day=None):
    """The menu as of `day` (today by default): three queries, whatever the size of the trees."""
    day = day or timezone.localdate()
    chair = Chairpersonship.objects.for_year(day.year)
    labels = {chair.country_id: chair.label} if chair else {}
    terms = Term.objects.filter(in_menu=True).outline("name", "slug", "kind", "vocabulary")
    vocabularies = {row["vocabulary"]: row for row in terms}
    structures = Structure.objects.in_menu_on(day).outline("name", "path")

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
        MenuSection("work", _("Our work"), our_work[0].url if our_work else "", our_work),
        MenuSection("countries", _("Countries"), countries[0].url if countries else "", countries),
        MenuSection(
            "structures",
            _("Structures and institutions"),
            reverse("structures:index"),
            [_structure_item(root) for root in structures],
        ),
    ]
