"""The importer on pages in the shapes the old site used over the years (issue 10), and on
hostile files (issue 9). The pages are in tests/press/legacy/; test_import_legacy.py covers
the seed's shape."""

import csv
import datetime
import io
import os
import shutil
import signal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from press.importer import (
    MAX_FILE_BYTES,
    Catalogue,
    Options,
    Refused,
    collect_paths,
    import_file,
    import_files,
    parse,
    read,
    split_dateline,
    unmatched_names,
)
from press.models import PressRelease
from structures.models import Structure
from taxonomy.models import Term
from tests.factories import make_release, make_structure, make_term

LEGACY = Path(__file__).parent / "legacy"
IMPORTABLE = sorted(
    path
    for path in LEGACY.glob("*.txt")
    if path.stem not in {"no_date", "no_title", "impossible_date", "long_place", "unknown_source"}
)


@pytest.fixture
def trees(db):
    chair = make_structure(
        "Chairpersonship", slug="chairpersonship", kind=Structure.Kind.CHAIRPERSONSHIP
    )
    secretariat = make_structure("Secretariat", kind=Structure.Kind.SECRETARIAT)
    bodies = {
        "chair": chair,
        "secretary_general": make_structure(
            "Secretary General", parent=secretariat, kind=Structure.Kind.UNIT
        ),
        "odihr": make_structure(
            "Office for Democratic Institutions and Human Rights",
            short_name="ODIHR",
            kind=Structure.Kind.INSTITUTION,
        ),
        "rfom": make_structure(
            "Representative on Freedom of the Media", kind=Structure.Kind.INSTITUTION
        ),
        "hcnm": make_structure(
            "High Commissioner on National Minorities", kind=Structure.Kind.INSTITUTION
        ),
        "albania": make_structure("Presence in Albania"),
        "kosovo": make_structure("Mission in Kosovo"),
        "croatia": make_structure("Mission to Croatia", closed=datetime.date(2007, 12, 31)),
        "closed": make_structure(
            "Closed field activities",
            slug="closed-field-activities",
            kind=Structure.Kind.INFORMATION_PAGE,
        ),
    }
    fields = {
        name: make_term(name)
        for name in (
            "Policing",
            "Rule of law",
            "Democratization",
            "Human rights",
            "Media freedom and development",
            "Elections",
        )
    }
    return SimpleNamespace(fields=fields, **bodies)


def names(related):
    return sorted(related.values_list("name", flat=True))


def page(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal(date="2 June 2010", title="A statement", source="ODIHR", extra=""):
    return (
        f"Press release\n{title}\n- Date:\n- {date}\n- Source:\n- {source}\n{extra}"
        "WARSAW - The text of the statement.\n"
    )


# Datelines: place and date out, never into the summary.


@pytest.mark.parametrize(
    "paragraph, place, day, rest",
    [
        ("COPENHAGEN, 19 October 2001 (OSCE)--The text.", "COPENHAGEN", (2001, 10, 19), "The"),
        ("ZAGREB, 17 October, 2000--The text.", "ZAGREB", (2000, 10, 17), "The"),
        (
            "TIRANA / BRUSSELS / GENEVA – 6 October 2020. The text.",
            "TIRANA / BRUSSELS / GENEVA",
            (2020, 10, 6),
            "The",
        ),
        ("LJUBLJANA, 5 December 2005 - The text.", "LJUBLJANA", (2005, 12, 5), "The"),
        ("ALMATY, 3 Oct 2003 -- The text.", "ALMATY", (2003, 10, 3), "The"),
        ("ZAGREB, 3 Sept. 2001 — The text.", "ZAGREB", (2001, 9, 3), "The"),
        ("VIENNA, October 19, 2001 - The text.", "VIENNA", (2001, 10, 19), "The"),
        ("ST. PETERSBURG, 1st July 2004 - The text.", "ST. PETERSBURG", (2004, 7, 1), "The"),
        ("KYIV/VIENNA, 2 March 2022: The text.", "KYIV/VIENNA", (2022, 3, 2), "The"),
        ("VIENNA -- 7 May 2010 -- The text.", "VIENNA", (2010, 5, 7), "The"),
        ("ЛЮБЛЯНА, 5 декабря 2005 г. – Текст.", "ЛЮБЛЯНА", (2005, 12, 5), "Текст."),
        ("5 December 2005 - The text.", "", (2005, 12, 5), "The"),
    ],
)
def test_datelines_in_the_old_sites_shapes(paragraph, place, day, rest):
    found_place, found_day, found_rest = split_dateline(paragraph)
    assert (found_place, found_day) == (place, datetime.date(*day))
    assert found_rest.startswith(rest)


@pytest.mark.parametrize(
    "paragraph, place",
    [("WARSAW - The text.", "WARSAW"), ("THE HAGUE -- The text.", "THE HAGUE")],
)
def test_a_dateline_without_a_date(paragraph, place):
    assert split_dateline(paragraph) == (place, None, "The text.")


def test_a_dateline_with_an_unreadable_date_still_leaves_the_text():
    assert split_dateline("BISHKEK, 12 Juli 2005 - The text.") == ("BISHKEK", None, "The text.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Vienna - a city of conferences - hosts the meeting.",
        "The Mission said on 5 May 2005 - a Tuesday - that it would stay.",
        "Today the OSCE, with 57 states and 2010 partners -- said so.",
    ],
)
def test_a_sentence_is_not_a_dateline(paragraph):
    assert split_dateline(paragraph) == ("", None, paragraph)


@pytest.mark.parametrize("path", IMPORTABLE, ids=lambda path: path.stem)
def test_no_summary_starts_with_a_dash_or_the_dateline(path):
    parsed = read(path)
    assert parsed.summary[:1].isalpha(), parsed.summary
    city = split_dateline(parsed.paragraphs[0])[0]
    assert not city or not parsed.summary.upper().startswith(city.upper())


def test_several_places_and_a_full_stop_after_the_date():
    parsed = read(LEGACY / "several_places.txt")
    assert (parsed.place, parsed.date) == ("TIRANA / BRUSSELS / GENEVA", datetime.date(2020, 10, 6))
    assert parsed.summary.startswith("The three offices")


def test_a_dateline_on_its_own_line_and_a_paragraph_starting_with_a_dash():
    parsed = read(LEGACY / "dateline_own_line.txt")
    assert (parsed.place, parsed.date) == ("THE HAGUE", datetime.date(2004, 3, 2))
    assert parsed.summary.startswith("The High Commissioner will travel")


def test_a_page_without_a_dateline_takes_date_and_place_from_its_metadata():
    parsed = read(LEGACY / "no_dateline.txt")
    assert (parsed.place, parsed.date) == ("VIENNA", datetime.date(2003, 11, 27))
    assert parsed.summary.startswith("The Representative presented")


def test_a_russian_page_with_russian_labels():
    parsed = read(LEGACY / "russian.txt")
    assert parsed.title == "Заявление Председателя ОБСЕ о выборах в Казахстане"
    assert (parsed.place, parsed.date) == ("ЛЮБЛЯНА", datetime.date(2005, 12, 5))
    assert parsed.source == "OSCE Chairmanship"
    assert parsed.slug == "заявление-председателя-обсе-о-выборах-в-казахстане"
    assert parsed.summary.startswith("Действующий председатель")


def test_control_characters_are_dropped():
    parsed = parse(minimal(title="A\x0bstatement\x01 on\x7f media"))
    assert parsed.title == "Astatement on media"


def test_the_old_address_is_read_from_the_page():
    parsed = read(LEGACY / "with_address.txt")
    assert parsed.address == "https://www.osce.org/chairmanship/51234"
    assert parsed.title == "Chairmanship opens the annual human dimension meeting"


# Impossible values: that file is refused clearly.


@pytest.mark.parametrize("date", ["1 January 0001", "31 December 9999", "31 December 1974"])
def test_impossible_dates_are_refused(date):
    with pytest.raises(Refused, match="impossible date"):
        parse(minimal(date=date))


def test_the_first_and_last_possible_years_are_accepted():
    next_year = timezone.localdate().year + 1
    assert parse(minimal(date="1 January 1975")).date == datetime.date(1975, 1, 1)
    assert parse(minimal(date=f"31 December {next_year}")).date.year == next_year
    with pytest.raises(Refused, match="impossible date"):
        parse(minimal(date=f"1 January {next_year + 1}"))


def test_a_place_longer_than_its_field_is_refused():
    with pytest.raises(Refused, match="place .* is 114 characters long; at most 100 fit"):
        read(LEGACY / "long_place.txt")


def test_a_tag_longer_than_its_field_is_refused_on_every_database():
    with pytest.raises(Refused, match="tag .* is 150 characters long; at most 100 fit"):
        parse(minimal(extra=f"- Tags:\n- {'x' * 150}\n"))


def test_a_file_of_several_megabytes_is_refused(tmp_path):
    path = page(tmp_path, minimal() + "A long paragraph. " * (MAX_FILE_BYTES // 10))
    with pytest.raises(Refused, match="bytes; a page has at most"):
        read(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    signal.alarm(10)  # a hang fails the test instead of stopping the suite
    try:
        with pytest.raises(Refused, match="not a regular file"):
            read(fifo)
    finally:
        signal.alarm(0)


def test_a_device_is_refused():
    with pytest.raises(Refused, match="not a regular file"):
        read("/dev/null")


def test_a_refused_file_leaves_the_batch_going(trees, tmp_path):
    outcomes = import_files([LEGACY / "impossible_date.txt", LEGACY / "no_dateline.txt"])
    assert [outcome.status for outcome in outcomes] == ["refused", "imported"]
    assert "impossible date 0001-01-01" in outcomes[0].reason


# Several bodies in Source.


def test_the_first_body_is_the_source_and_the_others_further_structures(trees):
    outcome = import_file(LEGACY / "several_bodies.txt")
    assert outcome.status == "imported"
    release = PressRelease.objects.get(slug=outcome.slug)
    assert release.source == trees.chair
    assert list(release.structures.all()) == [trees.albania]
    assert names(release.fields_of_work) == ["Policing", "Rule of law"]
    assert (release.place, release.published_at.date()) == (
        "COPENHAGEN",
        datetime.date(2001, 10, 19),
    )


def test_three_bodies(trees):
    outcome = import_file(LEGACY / "three_bodies.txt")
    release = PressRelease.objects.get(slug=outcome.slug)
    assert release.source == trees.secretary_general
    assert set(release.structures.all()) == {trees.kosovo, trees.odihr}
    assert release.place == "PRISTINA"


def test_a_name_holding_a_comma_or_an_and_stays_whole(trees):
    osh = make_structure("Centre in Bishkek, Field Office in Osh")
    bosnia = make_structure("Mission to Bosnia and Herzegovina")
    found = Catalogue().bodies(
        "OSCE Centre in Bishkek, Field Office in Osh, OSCE Mission to Bosnia and Herzegovina"
    )
    assert [structure for _, structure in found] == [osh, bosnia]


def test_bodies_joined_by_and(trees):
    found = Catalogue().bodies("ODIHR and OSCE Presence in Albania")
    assert [structure for _, structure in found] == [trees.odihr, trees.albania]


# Bodies the tree does not have.


def test_an_unknown_body_refuses_its_files_and_is_reported_once(trees):
    files = [LEGACY / "unknown_body.txt", LEGACY / "unknown_body_again.txt"]
    outcomes = import_files(files)
    assert [outcome.status for outcome in outcomes] == ["refused", "refused"]
    assert "unknown body 'OSCE Assistance Group to Chechnya'" in outcomes[0].reason
    assert unmatched_names(outcomes) == {
        ("body", "OSCE Assistance Group to Chechnya", "unknown"): [str(path) for path in files]
    }
    assert not PressRelease.objects.exists()


def test_the_command_lists_each_unknown_body_once_with_its_files(trees):
    out = io.StringIO()
    files = [LEGACY / "unknown_body.txt", LEGACY / "unknown_body_again.txt"]
    with pytest.raises(CommandError):
        call_command("import_legacy", *files, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines.count(f"  OSCE Assistance Group to Chechnya: {files[0]}, {files[1]}") == 1


def test_create_missing_makes_one_closed_body_under_closed_field_activities(trees):
    files = [LEGACY / "unknown_body.txt", LEGACY / "unknown_body_again.txt"]
    outcomes = import_files(files, options=Options(create_missing=True))
    assert [outcome.status for outcome in outcomes] == ["imported", "imported"]
    created = Structure.objects.get(name="Assistance Group to Chechnya")
    assert created.parent == trees.closed
    assert created.kind == Structure.Kind.FIELD_OPERATION
    assert created.is_closed
    assert created.closed == datetime.date(1999, 3, 13)  # after the later of its releases
    second = PressRelease.objects.get(slug=outcomes[1].slug)
    assert (second.source, list(second.structures.all())) == (created, [trees.croatia])
    assert list(unmatched_names(outcomes)) == [
        ("body", "OSCE Assistance Group to Chechnya", "created under Closed field activities")
    ]


def test_create_missing_twice_creates_nothing_more(trees):
    files = [LEGACY / "unknown_body.txt", LEGACY / "unknown_body_again.txt"]
    import_files(files, options=Options(create_missing=True))
    count = Structure.objects.count()
    again = import_files(files, options=Options(create_missing=True))
    assert [outcome.status for outcome in again] == ["unchanged", "unchanged"]
    assert Structure.objects.count() == count


def test_a_names_file_maps_an_old_name_to_a_structure(trees, tmp_path):
    mapping = page(
        tmp_path,
        "old name,name in the database\nOSCE Assistance Group to Chechnya,Mission to Croatia\n",
        "names.csv",
    )
    out = io.StringIO()
    call_command("import_legacy", LEGACY / "unknown_body.txt", names=mapping, stdout=out)
    release = PressRelease.objects.get()
    assert release.source == trees.croatia


def test_a_names_file_naming_nothing_stops_the_command(trees, tmp_path):
    mapping = page(tmp_path, "Old Office,Office of Nothing\n", "names.csv")
    with pytest.raises(CommandError, match="'Office of Nothing' .* is no structure"):
        call_command("import_legacy", LEGACY / "full.txt", names=mapping, stdout=io.StringIO())


# Fields of work the vocabulary does not have: nothing silently lost.


def test_an_unknown_field_of_work_is_kept_as_a_tag_and_reported(trees):
    outcome = import_file(LEGACY / "unknown_field.txt")
    release = PressRelease.objects.get(slug=outcome.slug)
    assert names(release.fields_of_work) == ["Media freedom and development"]
    assert list(release.tags.names()) == ["Safety of journalists"]
    assert [str(item) for item in outcome.unmatched] == [
        "field of work 'Safety of journalists' (kept as a tag)"
    ]


def test_the_command_summary_lists_fields_kept_as_tags(trees):
    out = io.StringIO()
    call_command("import_legacy", LEGACY / "unknown_field.txt", stdout=out)
    text = out.getvalue()
    assert "Fields of work kept as tags" in text
    assert f"  Safety of journalists: {LEGACY / 'unknown_field.txt'}" in text


def test_create_missing_creates_the_field_of_work_out_of_the_menu(trees):
    outcome = import_file(LEGACY / "unknown_field.txt", Catalogue(Options(create_missing=True)))
    release = PressRelease.objects.get(slug=outcome.slug)
    created = Term.objects.get(name="Safety of journalists")
    assert created.vocabulary == "fields-of-work"
    assert not created.in_menu
    assert set(release.fields_of_work.all()) == {
        trees.fields["Media freedom and development"],
        created,
    }
    assert not release.tags.exists()


def test_a_names_file_maps_a_field_of_work(trees, tmp_path):
    mapping = page(tmp_path, "Safety of journalists,Media freedom and development\n", "n.csv")
    call_command("import_legacy", LEGACY / "unknown_field.txt", names=mapping, stdout=io.StringIO())
    release = PressRelease.objects.get()
    assert names(release.fields_of_work) == ["Media freedom and development"]
    assert not release.tags.exists()


# Titles without an ASCII slug.


def test_a_russian_title_gives_a_readable_unicode_slug(trees):
    outcome = import_file(LEGACY / "russian.txt")
    assert outcome.status == "imported"
    release = PressRelease.objects.get(slug="заявление-председателя-обсе-о-выборах-в-казахстане")
    assert release.source == trees.chair
    assert names(release.fields_of_work) == ["Elections"]


def test_a_title_without_any_slug_falls_back_to_the_date(trees, tmp_path):
    outcome = import_file(page(tmp_path, minimal(title="!!! ???")))
    assert outcome.status == "imported"
    assert outcome.slug == "release-2010-06-02"


# Identity: never the title alone.


def test_two_pages_with_one_title_are_two_releases(trees):
    first, second = import_files([LEGACY / "annual_2004.txt", LEGACY / "annual_2005.txt"])
    assert (first.status, second.status) == ("imported", "imported")
    assert first.slug == "chairmanship-opens-the-annual-human-dimension-meeting"
    assert second.slug == "chairmanship-opens-the-annual-human-dimension-meeting-2005-09-19"
    bodies = [release.body for release in PressRelease.objects.order_by("published_at")]
    assert "two-week meeting" in bodies[0]
    assert "freedom of assembly" in bodies[1]


def test_re_importing_pages_that_share_a_title_changes_nothing(trees):
    files = [LEGACY / "annual_2004.txt", LEGACY / "annual_2005.txt"]
    import_files(files)
    again = import_files(list(reversed(files)))
    assert [outcome.status for outcome in again] == ["unchanged", "unchanged"]
    assert PressRelease.objects.count() == 2


def test_the_same_old_address_is_the_same_release_even_with_a_new_title(trees, tmp_path):
    text = (LEGACY / "with_address.txt").read_text()
    first = import_file(page(tmp_path, text, "before.txt"))
    retitled = page(tmp_path, text.replace("opens the annual", "opens the yearly"), "after.txt")
    second = import_file(retitled)
    assert (first.status, second.status) == ("imported", "updated")
    release = PressRelease.objects.get()
    assert release.title == "Chairmanship opens the yearly human dimension meeting"
    assert release.slug == first.slug  # the address stays


def test_a_second_page_of_one_release_in_a_batch_is_refused(trees):
    # Same date, Source and title as annual_2004, other text: one of them is wrong.
    first, second = import_files([LEGACY / "annual_2004.txt", LEGACY / "with_address.txt"])
    assert first.status == "imported"
    assert second.status == "refused"
    assert "the same release as annual_2004.txt" in second.reason
    assert "two-week meeting" in PressRelease.objects.get().body


def test_a_release_made_before_by_hand_is_recognised_by_date_source_and_title(trees):
    made = make_release(
        "Chairmanship opens the annual human dimension meeting",
        source=trees.chair,
        slug="made-by-hand",
        published_at=datetime.datetime(2004, 10, 4, 9, tzinfo=datetime.UTC),
    )
    outcome = import_file(LEGACY / "annual_2004.txt")
    assert (outcome.status, outcome.slug) == ("updated", "made-by-hand")
    made.refresh_from_db()
    assert made.legacy_id.startswith("2004-10-04 chairmanship")
    assert import_file(LEGACY / "annual_2004.txt").status == "unchanged"


def test_an_editors_title_change_does_not_make_the_page_a_new_release(trees):
    outcome = import_file(LEGACY / "annual_2004.txt")
    release = PressRelease.objects.get(slug=outcome.slug)
    release.title = "Chairmanship opens the Human Dimension Implementation Meeting"
    release.save()
    assert import_file(LEGACY / "annual_2004.txt").status == "updated"
    assert PressRelease.objects.count() == 1


# Folders, dry runs, reports, re-runs.


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "pages"
    (root / "2001").mkdir(parents=True)
    (root / "2004" / "october").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(LEGACY / "several_bodies.txt", root / "2001")
    shutil.copy(LEGACY / "em_dash_abbreviated.txt", root / "2001")
    shutil.copy(LEGACY / "annual_2004.txt", root / "2004" / "october")
    shutil.copy(LEGACY / "unknown_field.txt", root)
    (root / ".hidden.txt").write_text("not a page")
    (root / ".git" / "HEAD").write_text("not a page")
    return root


def test_a_folder_is_read_recursively_in_order_without_hidden_files(folder):
    assert [str(path.relative_to(folder)) for path in collect_paths([folder])] == [
        "unknown_field.txt",
        "2001/em_dash_abbreviated.txt",
        "2001/several_bodies.txt",
        "2004/october/annual_2004.txt",
    ]


def test_the_command_imports_a_folder_and_a_second_run_says_nothing_changed(trees, folder):
    out = io.StringIO()
    call_command("import_legacy", folder, stdout=out)
    assert "4 files: 4 imported, 0 updated, 0 unchanged, 0 kept, 0 refused." in out.getvalue()
    assert PressRelease.objects.count() == 4

    out = io.StringIO()
    call_command("import_legacy", folder, stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        "4 files: 0 imported, 0 updated, 4 unchanged, 0 kept, 0 refused.",
        "Nothing changed in the database.",
    ]


def test_a_dry_run_reports_everything_and_writes_nothing(trees, folder):
    shutil.copy(LEGACY / "unknown_body.txt", folder)
    counts = (PressRelease.objects.count(), Structure.objects.count(), Term.objects.count())
    out = io.StringIO()
    call_command("import_legacy", folder, dry_run=True, create_missing=True, stdout=out)
    text = out.getvalue()
    assert "5 files: 5 imported, 0 updated, 0 unchanged, 0 kept, 0 refused." in text
    assert "Dry run: nothing was written to the database." in text
    assert "  OSCE Assistance Group to Chechnya: " in text
    assert "  Safety of journalists: " in text
    after = (PressRelease.objects.count(), Structure.objects.count(), Term.objects.count())
    assert after == counts


def test_the_report_has_a_row_a_file(trees, folder, tmp_path):
    shutil.copy(LEGACY / "unknown_source.txt", folder)
    report = tmp_path / "report.csv"
    with pytest.raises(CommandError, match="1 of 5 files refused"):
        call_command("import_legacy", folder, report=report, stdout=io.StringIO())
    with open(report, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["file", "outcome", "release slug", "unmatched names", "warnings"]
    by_file = {Path(row["file"]).name: row for row in rows}
    assert len(by_file) == 5
    assert by_file["several_bodies.txt"]["outcome"] == "imported"
    assert by_file["several_bodies.txt"]["release slug"].startswith("chairman-in-office-and")
    assert by_file["unknown_field.txt"]["unmatched names"] == (
        "field of work 'Safety of journalists' (kept as a tag)"
    )
    refused = by_file["unknown_source.txt"]
    assert refused["outcome"] == "refused"
    assert refused["unmatched names"] == "body 'OSCE Office of Imaginary Affairs' (unknown)"
    assert "unknown body" in refused["warnings"]


def test_a_russian_release_has_a_readable_page(trees, client):
    outcome = import_file(LEGACY / "russian.txt")
    response = client.get(f"/press-releases/{outcome.slug}/")
    assert response.status_code == 200
    assert "Заявление Председателя ОБСЕ о выборах в Казахстане" in response.text


def test_a_body_with_its_acronym_in_brackets(trees):
    found = Catalogue().bodies(
        "OSCE Office for Democratic Institutions and Human Rights (ODIHR), OSCE Mission in Kosovo"
    )
    assert [structure for _, structure in found] == [trees.odihr, trees.kosovo]


def test_a_date_value_with_a_weekday_and_a_time():
    parsed = parse(minimal(date="Monday, 5 December 2005, 14:30 CET"))
    assert parsed.date == datetime.date(2005, 12, 5)


def test_the_imported_revision_holds_the_relations(trees):
    from reversion.models import Version

    outcome = import_file(LEGACY / "several_bodies.txt")
    release = PressRelease.objects.get(slug=outcome.slug)
    fields = Version.objects.get_for_object(release)[0].field_dict
    assert set(fields["fields_of_work"]) == {
        trees.fields["Policing"].pk,
        trees.fields["Rule of law"].pk,
    }
    assert list(fields["structures"]) == [trees.albania.pk]
    assert fields["source_id"] == trees.chair.pk
    assert list(fields["meetings"]) == []


def test_a_nul_byte_is_dropped_and_the_page_imports(trees, tmp_path):
    outcome = import_file(page(tmp_path, minimal().replace("The text", "The\x00 text")))
    assert outcome.status == "imported"
    assert "\x00" not in PressRelease.objects.get().body


def test_a_database_error_refuses_that_file_and_the_batch_goes_on(trees, monkeypatch):
    from django.db import DataError

    import press.importer

    real = press.importer.find_release

    def failing(parsed, *args):
        if parsed.title.startswith("Representative presents"):
            raise DataError("value too long for type character varying(100)")
        return real(parsed, *args)

    monkeypatch.setattr(press.importer, "find_release", failing)
    first, second = import_files([LEGACY / "no_dateline.txt", LEGACY / "several_bodies.txt"])
    assert (first.status, second.status) == ("refused", "imported")
    assert first.reason == (
        "the database refused it: value too long for type character varying(100)"
    )


def test_a_body_signed_by_the_person_is_found_by_the_office(trees):
    office = make_structure(
        "Office of the Co-ordinator of OSCE Economic and Environmental Activities",
        kind=Structure.Kind.UNIT,
    )
    catalogue = Catalogue()
    assert catalogue.source("OSCE Co-ordinator of OSCE Economic and Environmental Activities") == (
        office
    )
    assert catalogue.source("Secretary General") == trees.secretary_general


def test_joined_parts_of_a_source_are_not_guessed_at(trees):
    found = Catalogue().bodies(
        "Secretary General, OSCE Mission in Kosovo, "
        "OSCE Office for Democratic Institutions and Human Rights (ODIHR)"
    )
    assert [structure for _, structure in found] == [
        trees.secretary_general,
        trees.kosovo,
        trees.odihr,
    ]


def test_a_report_that_cannot_be_written_stops_before_importing(trees, tmp_path):
    with pytest.raises(CommandError, match="cannot write the report"):
        call_command(
            "import_legacy",
            LEGACY / "full.txt",
            report=tmp_path / "missing" / "report.csv",
            stdout=io.StringIO(),
        )
    assert not PressRelease.objects.exists()


def test_a_dateline_of_an_unforeseen_shape_leaves_the_summary_when_the_place_is_known():
    text = minimal().replace("WARSAW - The text", "Warsaw, le 2 juin 2010 - The text")
    text = text.replace("- Source:", "- Place:\n- WARSAW\n- Source:")
    assert parse(text).summary == "The text of the statement."


@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["- Date:", "- Source:", "- Place:", "- Fields of work:", "- Tags:", "-", ""]
            ),
            st.text(max_size=80).map(lambda text: f"- {text}"),
            st.text(max_size=200),
        ),
        max_size=20,
    )
)
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_or_refused_never_an_error(lines):
    try:
        parsed = parse("\n".join(lines))
    except Refused:
        return
    assert parsed.title and parsed.source and parsed.paragraphs


def test_bodies_on_lines_of_their_own_are_several_bodies(trees):
    parsed = parse(minimal(source="OSCE Chairmanship\n- OSCE Presence in Albania"))
    assert parsed.source == "OSCE Chairmanship, OSCE Presence in Albania"
    found = Catalogue().bodies(parsed.source)
    assert [structure for _, structure in found] == [trees.chair, trees.albania]
