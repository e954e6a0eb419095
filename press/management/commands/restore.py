import tarfile

from django.core.management.base import BaseCommand, CommandError

from osce_site.backup import restore


class Command(BaseCommand):
    help = "Replace the site's content and media files with those of a backup FILE."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: everything in the database goes."
        )

    def handle(self, file, yes, **options):
        if not yes and input("This replaces everything in the database. Type yes: ") != "yes":
            raise CommandError("Nothing restored.")
        try:
            copied = restore(file)
        except (OSError, ValueError, tarfile.TarError) as error:
            raise CommandError(f"Cannot restore {file}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file}: content and {copied} media files."))
