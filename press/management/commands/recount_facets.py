from django.core.management.base import BaseCommand

from press import facets


class Command(BaseCommand):
    help = (
        "Count the facet values of every release again from scratch (after changing the "
        "database by hand or restoring it; everyday changes keep the counts exact)."
    )

    def handle(self, **options):
        facets.recount()
        self.stdout.write(self.style.SUCCESS("Facet counts rebuilt."))
