from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from press.importer import import_files

STATUSES = ("imported", "updated", "unchanged", "kept", "refused")


class Command(BaseCommand):
    help = (
        "Import press releases saved as text from the old website, one release per file. "
        "A file that cannot be read whole imports nothing; the others still import. A release "
        "an editor has changed in the admin is kept as it is, unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace what editors changed in the admin (their version stays in the history).",
        )

    def handle(self, files, verbosity, overwrite, **options):
        outcomes = import_files(files, overwrite)
        for outcome in outcomes:
            if outcome.status == "refused":
                self.stdout.write(self.style.ERROR(f"{outcome.path}: refused: {outcome.reason}"))
            elif verbosity:
                line = f"{outcome.path}: {outcome.status} {outcome.slug}"
                if outcome.warnings:
                    line += f" ({'; '.join(outcome.warnings)})"
                self.stdout.write(self.style.WARNING(line) if outcome.warnings else line)

        counts = Counter(outcome.status for outcome in outcomes)
        summary = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
        if verbosity:
            files = "1 file" if len(outcomes) == 1 else f"{len(outcomes)} files"
            self.stdout.write(f"{files}: {summary}.")
        if counts["refused"]:
            raise CommandError(f"{counts['refused']} of {len(outcomes)} files refused.")
