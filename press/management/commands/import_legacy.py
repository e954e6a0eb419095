from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from press.importer import import_files

STATUSES = ("imported", "updated", "unchanged", "refused")


class Command(BaseCommand):
    help = (
        "Import press releases saved as text from the old website, one release per file. "
        "A file that cannot be read whole imports nothing; the others still import."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, files, verbosity, **options):
        outcomes = import_files(files)
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
