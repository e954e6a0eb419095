import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from press.importer import (
    Options,
    Refused,
    collect_paths,
    import_each,
    load_names,
    unmatched_names,
    write_report,
)

STATUSES = ("imported", "updated", "unchanged", "kept", "refused")
# How the summary heads each kind of name that matched nothing.
UNMATCHED_HEADINGS = {
    ("body", "unknown"): "Unknown bodies (their files were refused; map them with --names "
    "or create them with --create-missing)",
    ("body", "created under Closed field activities"): "Bodies created under Closed field "
    "activities (closed the day after their last release; check their dates)",
    ("field of work", "created"): "Fields of work created (out of the menu until placed)",
    ("field of work", "kept as a tag"): "Fields of work kept as tags (map them with --names "
    "or create them with --create-missing)",
    ("country", "kept as a tag"): "Countries kept as tags (map them with --names)",
}


class Command(BaseCommand):
    help = (
        "Import press releases saved as text from the old website, one release per file; a "
        "folder is imported with everything under it. A file that cannot be read whole "
        "imports nothing; the others still import. A release an editor has changed in the "
        "admin is kept as it is, unless --overwrite is given. Every name that matches "
        "nothing in the database is reported with the files that use it."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace what editors changed in the admin (their version stays in the history).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything and report it, then write nothing to the database.",
        )
        parser.add_argument(
            "--names",
            metavar="CSV",
            help="Map old names to the database's: rows of 'old name,name in the database' "
            "(a structure by name, slug or path; a field of work or a country by name).",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create unknown bodies as closed structures under Closed field activities, "
            "and unknown fields of work (out of the menu). Without it, an unknown body "
            "refuses its file and an unknown field of work is kept as a tag.",
        )
        parser.add_argument(
            "--report", metavar="CSV", help="Write one row a file to this CSV file."
        )

    def handle(self, files, verbosity, **options):
        try:
            names = load_names(options["names"]) if options["names"] else {}
        except Refused as error:
            raise CommandError(str(error)) from None
        settings = Options(
            overwrite=options["overwrite"],
            dry_run=options["dry_run"],
            create_missing=options["create_missing"],
            names=names,
        )
        paths = collect_paths(files)
        try:
            each = import_each(paths, settings)
        except Refused as error:  # the names file names nothing in the database
            raise CommandError(str(error)) from None
        report = None
        if options["report"]:  # before the import, so that a wrong path stops it at once
            try:
                report = open(options["report"], "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            except OSError as error:
                raise CommandError(f"cannot write the report: {error}") from None
        outcomes = []
        # On stderr, and only on a terminal: the lines on stdout stay a clean record.
        bar = tqdm(each, total=len(paths), unit="file", disable=None if verbosity else True)
        for outcome in bar:
            outcomes.append(outcome)
            with tqdm.external_write_mode(file=sys.stderr):
                self._write_outcome(outcome, verbosity)
        if report:
            with report:
                write_report(outcomes, report)
        self._write_summary(outcomes, settings, verbosity)

    def _write_outcome(self, outcome, verbosity):
        if outcome.status == "refused":
            self.stdout.write(self.style.ERROR(f"{outcome.path}: refused: {outcome.reason}"))
        elif verbosity:
            line = f"{outcome.path}: {outcome.status} {outcome.slug}"
            if outcome.warnings:
                line += f" ({'; '.join(outcome.warnings)})"
            self.stdout.write(self.style.WARNING(line) if outcome.warnings else line)

    def _write_summary(self, outcomes, settings, verbosity):
        counts = Counter(outcome.status for outcome in outcomes)
        if verbosity:
            grouped = {}
            for (what, name, action), paths in unmatched_names(outcomes).items():
                grouped.setdefault((what, action), []).append((name, paths))
            for key, items in grouped.items():
                heading = UNMATCHED_HEADINGS.get(key, f"{key[0]}: {key[1]}")
                self.stdout.write(self.style.WARNING(f"{heading}:"))
                for name, paths in items:
                    self.stdout.write(f"  {name}: {', '.join(paths)}")
            summary = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
            files = "1 file" if len(outcomes) == 1 else f"{len(outcomes)} files"
            self.stdout.write(f"{files}: {summary}.")
            if settings.dry_run:
                self.stdout.write("Dry run: nothing was written to the database.")
            elif not counts["imported"] and not counts["updated"]:
                self.stdout.write("Nothing changed in the database.")
        if counts["refused"]:
            raise CommandError(f"{counts['refused']} of {len(outcomes)} files refused.")
