from django.core.management.base import BaseCommand

from osce_site.backup import backup


class Command(BaseCommand):
    help = "Write a backup of the whole site (database content and media files) to FILE."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .tar.gz file to write.")

    def handle(self, file, **options):
        objects, files = backup(file)
        self.stdout.write(
            self.style.SUCCESS(f"{objects} objects and {files} media files in {file}.")
        )
