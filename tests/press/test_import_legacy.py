import datetime
import io
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from press.importer import Catalogue, Refused, import_file, import_files, parse, parse_date, read
from press.models import PressRelease
from structures.models import Structure, StructureName
from tests.factories import make_country, make_structure, make_term

LEGACY = Path(__file__).parent / "legacy"
VIENNA = ZoneInfo("Europe/Vienna")


@pytest.fixture
def trees(db):
    odihr = make_structure(
        "Office for Democratic Institutions and Human Rights",
        short_name="ODIHR",
        kind=Structure.Kind.INSTITUTION,
    )
    chair = make_structure(
        "Chairpersonship", slug="chairpersonship", kind=Structure.Kind.CHAIRPERSONSHIP
    )
    astana = make_structure("Programme Office in Astana")
    StructureName.objects.create(structure=astana, name="Programme Office in Nur-Sultan")
    make_structure("About us", kind=Structure.Kind.INFORMATION_PAGE)
    fields = {
        name: make_term(name)
        for name in ("Elections", "Human rights", "Conflict prevention and resolution")
    }
    countries = {
        name: make_country(name, code)
        for name, code in [("Armenia", "AM"), ("Moldova", "MD"), ("Georgia", "GE")]
    }
    countries["Kazakhstan"] = make_country("Kazakhstan", "KZ")
    return SimpleNamespace(
        odihr=odihr, chair=chair, astana=astana, fields=fields, countries=countries
    )


def names(related):
    return sorted(related.values_list("name", flat=True))


def snapshot():
    """Everything an import writes, to show that a second import writes nothing."""
    return [
        (
            release.slug,
            release.title,
            release.published_at,
            release.updated_at,
            release.body,
            names(release.fields_of_work),
            names(release.countries),
            sorted(release.tags.names()),
        )
        for release in PressRelease.objects.order_by("slug")
    ]


# Parsing: text in, fields out; no database needed.


def test_parse_reads_every_field_of_a_page():
    page = read(LEGACY / "full.txt")
    assert page.title == (
        "Observer course in Warsaw prepares experts from Armenia & Moldova for election missions"
    )
    assert page.slug.startswith("observer-course-in-warsaw-prepares-experts-from-armenia-moldova")
    assert page.date == datetime.date(2006, 3, 14)
    assert page.published_at == datetime.datetime(2006, 3, 14, 12, tzinfo=VIENNA)
    assert page.place == "WARSAW"
    assert page.source == "ODIHR"
    assert page.fields == ["Elections", "human rights", "Underwater basket weaving"]
    assert page.countries is None
    assert page.tags == []
    assert len(page.paragraphs) == 3
    assert page.paragraphs[0].startswith("WARSAW, 14 March 2006 – Forty experts")
    # The summary drops the dateline and stops at the last sentence end within 300 characters.
    assert page.summary.startswith("Forty experts")
    assert page.summary.endswith("during recent polls.")
    assert len(page.summary) <= 300
    assert (
        "<p>Participants practised the checklists for &lt;secret voting&gt; &amp; the count.</p>"
        in (page.body)
    )
    assert page.body.count("<p>") == 3


def test_parse_tolerates_crlf_a_bom_and_a_page_without_menu(tmp_path):
    text = (LEGACY / "full.txt").read_text()
    without_menu = text[text.index("Press release") :]
    without_marker = text[text.index("Observer course") :]
    for number, variant in enumerate(
        ["\ufeff" + text.replace("\n", "\r\n"), without_menu, without_marker]
    ):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(variant.encode())
        assert read(path) == read(LEGACY / "full.txt")


def test_date_and_place_come_from_the_dateline_when_the_values_are_missing():
    page = read(LEGACY / "dateline.txt")
    assert page.date == datetime.date(2004, 2, 3)
    assert page.place == "SOFIA"
    assert page.source == "OSCE Chairpersonship"
    assert page.countries == ["Georgia", "Atlantis"]
    assert page.tags == ["ceasefire", "Dialogue"]
    assert page.summary.startswith("The Chairperson-in-Office voiced concern")


def test_the_date_value_wins_over_the_dateline():
    page = read(LEGACY / "former_name.txt")
    assert page.date == datetime.date(2020, 12, 5)  # the dateline says 4 December
    assert page.place == "NUR-SULTAN"  # from the dateline, after an em dash
    assert page.summary.startswith("A centre where neighbours")


@pytest.mark.parametrize(
    "text", ["5 December 2005", "05.12.2005", "2005-12-05", "5 Dec 2005", " 5  december 2005 "]
)
def test_parse_date_reads_the_old_formats(text):
    assert parse_date(text) == datetime.date(2005, 12, 5)


@pytest.mark.parametrize("text", ["31 February 2005", "5 Decembre 2005", "12/05/2005", "soon"])
def test_parse_date_refuses_other_text(text):
    assert parse_date(text) is None


def test_a_date_alone_is_a_dateline_and_unknown_keys_are_noted():
    page = parse(
        "Press release\nTitle\n- Source:\n- ODIHR\n- Reference:\n- SEC.PR/1/05\n"
        "5 December 2005 - The text.\n"
    )
    assert (page.date, page.place, page.lead) == (datetime.date(2005, 12, 5), "", "The text.")
    assert page.notes == ["ignored unknown key 'Reference'"]


def test_an_unreadable_date_value_is_refused():
    with pytest.raises(Refused, match="cannot read the date 'next week'"):
        parse("Title\n- Date:\n- next week\n- Source:\n- ODIHR\nVIENNA, 5 May 2005 - Text.\n")


def test_a_long_first_sentence_is_cut_at_a_word():
    page = parse("Title\n- Source:\n- ODIHR\n5 May 2005 - " + "word " * 100 + "end.\n")
    assert page.summary.endswith("word…")
    assert len(page.summary) <= 300


# Importing: names matched against the database.


def test_import_matches_source_by_short_name_fields_and_countries(trees):
    outcome = import_file(LEGACY / "full.txt")
    assert outcome.status == "imported"
    assert outcome.warnings == [
        "field of work 'Underwater basket weaving' is unknown: kept as a tag"
    ]
    release = PressRelease.objects.get(slug=outcome.slug)
    assert list(release.tags.names()) == ["Underwater basket weaving"]
    assert release.source == trees.odihr
    assert release.status == PressRelease.Status.PUBLISHED
    assert release.published_at == datetime.datetime(2006, 3, 14, 12, tzinfo=VIENNA)
    assert release.place == "WARSAW"
    assert names(release.fields_of_work) == ["Elections", "Human rights"]
    # "Georgian" in the first paragraph does not name Georgia.
    assert names(release.countries) == ["Armenia", "Moldova"]
    assert "&lt;secret voting&gt; &amp; the count" in release.body
    assert release.summary.endswith("during recent polls.")


def test_osce_chairpersonship_is_the_chairpersonship_structure(trees):
    outcome = import_file(LEGACY / "dateline.txt")
    assert outcome.status == "imported"
    assert outcome.warnings == ["country 'Atlantis' is unknown: kept as a tag"]
    release = PressRelease.objects.get(slug=outcome.slug)
    assert release.source == trees.chair
    assert names(release.countries) == ["Georgia"]  # from the Countries key, not the text
    assert sorted(release.tags.names()) == ["Atlantis", "Dialogue", "ceasefire"]
    assert release.published_at == datetime.datetime(2004, 2, 3, 12, tzinfo=VIENNA)


def test_the_chairpersonship_is_found_by_slug_whatever_its_name(trees):
    trees.chair.name = "Chair of the year"
    trees.chair.save()
    catalogue = Catalogue()
    assert catalogue.source("OSCE Chairpersonship") == trees.chair
    assert catalogue.source("OSCE Chairmanship") == trees.chair


def test_source_by_former_name_and_by_name_with_osce_and_closed(trees):
    outcome = import_file(LEGACY / "former_name.txt")
    assert outcome.status == "imported"
    release = PressRelease.objects.get(slug=outcome.slug)
    assert release.source == trees.astana
    assert release.published_at == datetime.datetime(2020, 12, 5, 12, tzinfo=VIENNA)
    assert names(release.countries) == ["Kazakhstan"]
    catalogue = Catalogue()
    assert catalogue.source("osce programme office in astana (closed)") == trees.astana
    assert catalogue.source("Office for Democratic Institutions and Human Rights") == trees.odihr


def test_sources_that_match_nothing_or_too_much_are_refused(trees):
    make_structure("Twin Office", short_name="TWIN")
    make_structure("Other Office", short_name="TWIN")
    catalogue = Catalogue()
    with pytest.raises(Refused, match="several structures"):
        catalogue.source("TWIN")
    with pytest.raises(Refused, match="unknown Source 'About us'"):
        catalogue.source("About us")  # an information page does not issue releases


def test_countries_are_found_as_whole_words_only(trees):
    found = Catalogue().countries_in(
        "Georgian and Armenian experts met Moldovans; Kazakhstan's delegation came too."
    )
    assert [term.name for term in found] == ["Kazakhstan"]
    found = Catalogue().countries_in("Talks in GEORGIA and (Moldova).")
    assert sorted(term.name for term in found) == ["Georgia", "Moldova"]


def test_importing_twice_changes_nothing(trees):
    files = [LEGACY / name for name in ("full.txt", "dateline.txt", "former_name.txt")]
    first = import_files(files)
    assert [outcome.status for outcome in first] == ["imported"] * 3
    before = snapshot()
    second = import_files(files)
    assert [outcome.status for outcome in second] == ["unchanged"] * 3
    assert [outcome.warnings for outcome in second] == [outcome.warnings for outcome in first]
    assert snapshot() == before
    assert PressRelease.objects.count() == 3


def test_a_changed_file_updates_the_release_with_its_slug(trees, tmp_path):
    outcome = import_file(LEGACY / "full.txt")
    changed = tmp_path / "changed.txt"
    text = (LEGACY / "full.txt").read_text()
    changed.write_text(text.replace("two more courses", "three more courses"))
    assert import_file(changed).status == "updated"
    release = PressRelease.objects.get(slug=outcome.slug)
    assert "three more courses" in release.body
    assert PressRelease.objects.count() == 1


def broken_files(tmp_path):
    invalid = tmp_path / "latin1.txt"
    invalid.write_bytes(
        (LEGACY / "full.txt").read_text().replace("–", "-").encode("cp1252") + b"\xe9"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return {
        LEGACY / "no_title.txt": "no title",
        LEGACY / "no_date.txt": "no date",
        LEGACY / "unknown_source.txt": "unknown body 'OSCE Office of Imaginary Affairs'",
        invalid: "not UTF-8 text",
        empty: "empty file",
        tmp_path / "missing.txt": "no such file",
    }


def test_broken_files_import_nothing_and_the_good_ones_still_import(trees, tmp_path):
    broken = broken_files(tmp_path)
    outcomes = import_files([*broken, LEGACY / "full.txt"])
    *refused, good = outcomes
    for outcome, reason in zip(refused, broken.values(), strict=True):
        assert outcome.status == "refused"
        assert reason in outcome.reason
    assert good.status == "imported"
    assert list(PressRelease.objects.values_list("slug", flat=True)) == [good.slug]


def test_the_command_reports_each_file_and_a_summary(trees):
    out = io.StringIO()
    call_command("import_legacy", LEGACY / "full.txt", LEGACY / "dateline.txt", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{LEGACY / 'full.txt'}: imported observer-course-in-warsaw")
    assert "field of work 'Underwater basket weaving' is unknown: kept as a tag" in lines[0]
    assert lines[1].startswith(f"{LEGACY / 'dateline.txt'}: imported chairperson-urges")
    assert lines[-1] == "2 files: 2 imported, 0 updated, 0 unchanged, 0 kept, 0 refused."

    out = io.StringIO()
    call_command("import_legacy", LEGACY / "full.txt", stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        "1 file: 0 imported, 0 updated, 1 unchanged, 0 kept, 0 refused.",
        "Nothing changed in the database.",
    ]


def test_the_command_fails_when_a_file_is_refused(trees, tmp_path):
    out = io.StringIO()
    missing = tmp_path / "missing.txt"
    with pytest.raises(CommandError, match="2 of 3 files refused"):
        call_command(
            "import_legacy", LEGACY / "unknown_source.txt", missing, LEGACY / "full.txt", stdout=out
        )
    text = out.getvalue()
    assert (
        f"{LEGACY / 'unknown_source.txt'}: refused: "
        "unknown body 'OSCE Office of Imaginary Affairs' in Source" in text
    )
    assert f"{missing}: refused: cannot read the file: no such file or directory" in text
    assert "3 files: 1 imported, 0 updated, 0 unchanged, 0 kept, 2 refused." in text
    assert PressRelease.objects.count() == 1


def test_a_changed_file_keeps_an_editors_withdrawal_and_the_import_is_a_revision(trees, tmp_path):
    from reversion.models import Version

    outcome = import_file(LEGACY / "full.txt")
    release = PressRelease.objects.get(slug=outcome.slug)
    release.status, release.withdrawal_reason = PressRelease.Status.WITHDRAWN, "Wrong date."
    release.save()
    changed = tmp_path / "changed.txt"
    changed.write_text((LEGACY / "full.txt").read_text().replace("two more", "three more"))
    assert import_file(changed).status == "updated"
    release.refresh_from_db()
    assert release.status == PressRelease.Status.WITHDRAWN
    comments = [v.revision.comment for v in Version.objects.get_for_object(release)]
    assert comments == ["Imported from changed.txt.", "Imported from full.txt."]


def test_a_new_import_keeps_what_an_editor_changed_unless_told_to_overwrite(trees, tmp_path):
    from django.contrib.auth.models import User
    from reversion.models import Version

    outcome = import_file(LEGACY / "full.txt")
    release = PressRelease.objects.get(slug=outcome.slug)
    release.title = "Observer course in Warsaw, corrected by an editor"
    release.updated_by = User.objects.create_user("editor")
    release.save()
    changed = tmp_path / "changed.txt"
    changed.write_text((LEGACY / "full.txt").read_text().replace("two more", "three more"))

    kept = io.StringIO()
    call_command("import_legacy", changed, stdout=kept)
    assert "kept the changes editor made in the admin" in kept.getvalue()
    assert kept.getvalue().splitlines()[-2] == (
        "1 file: 0 imported, 0 updated, 0 unchanged, 1 kept, 0 refused."
    )
    release.refresh_from_db()
    assert release.title == "Observer course in Warsaw, corrected by an editor"
    assert "three more" not in release.body

    call_command("import_legacy", changed, overwrite=True, stdout=io.StringIO())
    release.refresh_from_db()
    assert "three more" in release.body
    assert release.title != "Observer course in Warsaw, corrected by an editor"
    assert release.updated_by is None  # as imported again
    assert Version.objects.get_for_object(release)[0].revision.comment == (
        "Imported from changed.txt."
    )


def test_the_importer_reports_a_dateline_that_disagrees_with_the_metadata(trees):
    (outcome,) = import_files([LEGACY / "former_name.txt"])
    assert outcome.status == "imported"
    assert (
        "check the dateline: The body's dateline says 4 December 2020, but the publication "
        "date is 5 December 2020." in outcome.warnings
    )
    assert PressRelease.objects.get().dateline_mismatch
