from django.core.management.base import BaseCommand

from press.models import ReleaseImage
from press.renditions import make_renditions


class Command(BaseCommand):
    help = "Make the missing renditions of every release image (after a restore or an import)."

    def handle(self, **options):
        images = ReleaseImage.objects.all()
        written = sum(make_renditions(image) for image in images.iterator())
        self.stdout.write(f"{written} rendition(s) written for {images.count()} image(s).")
