"""The demo data: the seed page's whole menu, in order, and fixtures that load twice safely."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.html import escape
from reversion.models import Version

from osce_site.navigation import build_menu
from press.models import PressRelease
from structures.models import Chairpersonship, Structure
from taxonomy.models import Term
from tests.trees import assert_tree_valid

pytestmark = pytest.mark.django_db

# The old site's menu (../shared/seed/), heading by heading. The seed was saved in 2025.
SEED_MENU = {
    "Fields of work": [
        "Arms control",
        "Border management",
        "Combating trafficking in human beings",
        "Conflict prevention and resolution",
        "Countering terrorism",
        "Cyber/ICT Security",
        "Democratization",
        "Economic activities",
        "Education",
        "Elections",
        "Environmental activities",
        "Gender equality",
        "Good governance",
        "Human rights",
        "Media freedom and development",
        "Migration",
        "National minority issues",
        "Policing",
        "Reform and co-operation in the security sector",
        "Roma and Sinti",
        "Rule of law",
        "Tolerance and non-discrimination",
        "Youth",
        "Field operations",
        "Projects",
    ],
    "Meetings and conferences": [
        "Summit meetings",
        "Review Conferences",
        "Ministerial Council meetings",
        "Plenary meetings of the Permanent Council",
        "Plenary Meetings of the Forum for Security Co-operation",
        "Security Review Conferences",
        "Annual Implementation Assessment Meetings",
        "Economic and Environmental Forum",
        "Economic and Environmental Dimension Implementation Meetings",
        "Human rights meetings",
        "Media conferences",
        "Cyber/ICT security conferences",
        "Conference of the Alliance against Trafficking in Persons",
        "Gender equality conferences",
        "Annual OSCE Mediterranean conferences",
        "Annual OSCE Asian conferences",
        "Partnerships",
    ],
    "Countries": [
        "All",
        "Participating States",
        "Asian Partners for Co-operation",
        "Mediterranean Partners for Co-operation",
    ],
    "Participating States": [
        "Albania",
        "Andorra",
        "Armenia",
        "Austria",
        "Azerbaijan",
        "Belgium",
        "Belarus",
        "Bosnia and Herzegovina",
        "Bulgaria",
        "Canada",
        "Croatia",
        "Cyprus",
        "Czechia",
        "Denmark",
        "Estonia",
        "Finland – OSCE Chairpersonship 2025",
        "France",
        "Georgia",
        "Germany",
        "Greece",
        "Holy See",
        "Hungary",
        "Iceland",
        "Ireland",
        "Italy",
        "Kazakhstan",
        "Kyrgyzstan",
        "Latvia",
        "Liechtenstein",
        "Lithuania",
        "Luxembourg",
        "Malta",
        "Moldova",
        "Monaco",
        "Mongolia",
        "Montenegro",
        "The Netherlands",
        "North Macedonia",
        "Norway",
        "Poland",
        "Portugal",
        "Romania",
        "Russian Federation",
        "San Marino",
        "Serbia",
        "Slovakia",
        "Slovenia",
        "Spain",
        "Sweden",
        "Switzerland",
        "Tajikistan",
        "Türkiye",
        "Turkmenistan",
        "Ukraine",
        "United Kingdom",
        "United States of America",
        "Uzbekistan",
    ],
    "Structures and institutions": [
        "Chairpersonship",
        "Secretariat",
        "Institutions",
        "Field operations",
        "Closed field activities",
        "Parliamentary Assembly",
        "Court of Conciliation and Arbitration",
        "Organizational structure",
        "About us",
    ],
    "Secretariat": [
        "Secretary General",
        "Office of the Secretary General",
        "Conflict Prevention Centre",
        "Transnational Threats Department",
        "Office of the Special Representative and Co-ordinator for Combating Trafficking "
        "in Human Beings",
        "Office of the Co-ordinator of OSCE Economic and Environmental Activities",
        "Gender Issues Programme",
        "Opportunities for Youth",
        "Department of Human Resources",
        "Department of Management and Finance",
        "Office of Internal Oversight",
        "Documentation Centre in Prague",
    ],
    "Field operations": [
        "Presence in Albania",
        "Centre in Ashgabat",
        "Programme Office in Astana",
        "Programme Office in Bishkek",
        "Mission to Bosnia and Herzegovina",
        "Programme Office in Dushanbe",
        "Mission in Kosovo",
        "Mission to Moldova",
        "Mission to Montenegro",
        "Mission to Serbia",
        "Mission to Skopje",
        "Project Co-ordinator in Uzbekistan",
    ],
}


def menu_by_heading(menu):
    """Heading → labels, for every section and every item that opens a list of its own."""
    headings = {}
    for section in menu:
        headings[section.label] = [item.label for item in section.items]
        for item in section.items:
            if item.children:
                headings[item.label] = [child.label for child in item.children]
    return headings


def test_every_seed_menu_item_is_in_the_demo_menu_in_order(demo):
    headings = menu_by_heading(build_menu(datetime.date(2025, 6, 1)))
    for heading, items in SEED_MENU.items():
        assert headings[heading] == items, heading
    assert headings["Our work"] == ["Fields of work", "Meetings and conferences"]


def russian_name(english):
    """The Russian name the demo gives a menu item named `english` in English."""
    if english in ("All", "Our work", "Countries", "Structures and institutions"):
        with translation.override("ru"):  # the menu's own words, not nodes
            return translation.gettext(english)
    if " – OSCE Chairpersonship " in english:  # the year's Chair
        with translation.override("ru"):
            return Chairpersonship.objects.for_year(int(english[-4:])).label
    with translation.override("en"):
        node = (
            Term.objects.filter(name=english).first()
            or Structure.objects.filter(name=english).first()
        )
    assert node is not None, english
    return node.name_ru


def test_every_seed_menu_item_is_in_the_russian_menu_in_order(demo, client):
    with translation.override("ru"):
        headings = menu_by_heading(build_menu(datetime.date(2025, 6, 1)))  # the seed's year
        today = menu_by_heading(build_menu())
    html = client.get("/ru/").content.decode()
    menu = html.split('<nav class="menu"', 1)[1].split("</nav>", 1)[0]
    for heading, items in SEED_MENU.items():
        russian = [russian_name(item) for item in items]
        assert all(name and re.search("[а-яА-Я]", name) for name in russian), heading
        with translation.override("ru"):
            assert headings[russian_name(heading)] == russian, heading
        shown = today[russian_name(heading)]  # this year's Chair named in it
        position = menu.find(f">{escape(russian_name(heading))}<")
        for name in shown:  # each after the one before
            position = menu.find(f">{escape(name)}</a>", position + 1)
            assert position != -1, (heading, name)


def test_a_name_missing_in_a_language_falls_back_to_english(demo, client):
    Term.objects.filter(slug="arms-control").update(name_ru=None)
    html = client.get("/ru/fields-of-work/").content.decode()
    assert ">Arms control</a>" in html
    assert ">Управление границами</a>" in html


def test_breadcrumbs_titles_and_facets_use_the_pages_language(demo, client):
    html = client.get("/ru/fields-of-work/elections/").content.decode()
    assert "<title>Выборы | ОБСЕ</title>" in html
    assert ">Направления деятельности</a>" in html.split('class="breadcrumbs', 1)[1]
    listing = client.get("/ru/press-releases/?language=all").content.decode()
    facets = listing.split('class="facets"', 1)[1]
    assert ">Выборы <span" in facets and ">Elections <span" not in facets


def test_the_chairpersonship_label_follows_the_year(demo):
    headings = menu_by_heading(build_menu(datetime.date(2026, 1, 1)))
    assert "Finland" in headings["Participating States"]
    assert "Switzerland – OSCE Chairpersonship 2026" in headings["Participating States"]


def test_the_menu_takes_three_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(3):
        build_menu(datetime.date(2025, 6, 1))


def test_demo_holds_all_states_partners_and_chairpersonships(demo):
    participating = Term.objects.get(slug="participating-states").get_children()
    assert participating.count() == 57
    assert all(len(state.iso_code) == 2 for state in participating)
    partners = Term.objects.filter(parent__slug__endswith="partners-for-co-operation")
    assert sorted(partners.values_list("iso_code", flat=True)) == sorted(
        ["AF", "AU", "JP", "KR", "TH", "DZ", "EG", "IL", "JO", "MA", "TN"]
    )
    assert list(Chairpersonship.objects.order_by("year").values_list("year", flat=True)) == list(
        range(1991, 2027)
    )
    assert Chairpersonship.objects.get(year=2005).chairperson == "Dimitrij Rupel"


def test_demo_structures_keep_their_lineage(demo):
    almaty = Structure.objects.get(slug="centre-in-almaty")
    assert almaty.is_closed
    assert almaty.succeeded_by.slug == "centre-in-astana"
    assert almaty.succeeded_by.succeeded_by.slug == "programme-office-in-astana"
    office = Structure.objects.get(slug="programme-office-in-astana")
    assert [name.name for name in office.former_names.all()] == ["Programme Office in Nur-Sultan"]
    assert Structure.objects.closed().count() >= 18


def test_demo_releases_spread_over_years_structures_fields_and_countries(demo):
    releases = PressRelease.objects.published()
    assert releases.count() >= 40
    years = {r.published_at.year for r in releases}
    assert min(years) <= 1995 and max(years) == 2026
    assert releases.values("source").distinct().count() >= 15
    assert releases.values("fields_of_work").distinct().count() >= 15
    assert releases.values("countries").distinct().count() >= 20


def test_demo_has_the_seed_release(demo):
    release = PressRelease.objects.get(
        title="Chairman-in-Office says Kazakhstan election points to need to open up political life"
    )
    assert release.published_at.date() == datetime.date(2005, 12, 5)
    assert release.place == "LJUBLJANA"
    assert release.source.name == "Chairpersonship"
    assert sorted(t.name for t in release.fields_of_work.all()) == ["Democratization", "Elections"]
    assert [c.name for c in release.countries.all()] == ["Kazakhstan"]


def dump():
    out = io.StringIO()
    derived = ["press.FacetKey", "press.FacetCount", "press.FacetWatermark"]  # counts, not content
    call_command(
        "dumpdata", "taxonomy", "structures", "press", "taggit", exclude=derived,
        natural_foreign=True, natural_primary=True, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_every_demo_release_has_a_first_revision_to_compare_with(demo):
    for release in PressRelease.objects.all():
        (first,) = Version.objects.get_for_object(release)
        assert first.revision.comment == "Loaded with the demo data."
        assert first.field_dict["title"] == release.title
    call_command("load_demo", verbosity=0)
    assert Version.objects.get_for_model(PressRelease).count() == PressRelease.objects.count()


def test_loading_the_demo_twice_changes_nothing(demo):
    before = dump()
    call_command("load_demo", verbosity=0)
    assert dump() == before
    assert_tree_valid(Term)
    assert_tree_valid(Structure)


def test_demo_accounts_have_their_roles(db, settings, client):
    settings.DEBUG = True
    call_command("load_demo", admin=True, verbosity=0, stdout=io.StringIO())
    login = {"username": "kosovo-officer", "password": "kosovo-officer"}
    assert client.post("/admin/login/", login).status_code == 302
    listing = client.get("/admin/press/pressrelease/")
    sources = {release.source.slug for release in listing.context["cl"].result_list}
    assert sources == {"mission-in-kosovo"}
    client.post("/admin/login/", {"username": "publisher", "password": "publisher"})
    everything = PressRelease.objects.count()
    assert client.get("/admin/press/pressrelease/").context["cl"].result_count == everything


def test_demo_accounts_are_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local demo only"):
        call_command("load_demo", admin=True, verbosity=0, stdout=io.StringIO())


def test_demo_holds_past_and_upcoming_meetings(demo):
    from events.models import Event

    assert Event.objects.past().count() >= 4 and Event.objects.upcoming().count() >= 4
    series = set(Event.objects.values_list("series__slug", flat=True))
    assert {"ministerial-council-meetings", "plenary-meetings-of-the-permanent-council"} <= series
