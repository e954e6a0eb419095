import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEMO_FIXTURES = ["taxonomy", "structures", "press_demo"]
DEMO_MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "demo_media"
DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = (
        "Load the demo site: both trees, chairpersonships and press releases with their "
        "images. Safe to run again: fixtures use natural keys, so nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also ensure a demo superuser (only with DEBUG on).",
        )

    def handle(self, admin, **options):
        call_command("loaddata", *DEMO_FIXTURES, verbosity=options["verbosity"])
        copied = self._copy_media()
        self.stdout.write(f"Demo media: {copied} file(s) copied to {settings.MEDIA_ROOT}.")
        call_command("make_renditions", verbosity=options["verbosity"], stdout=self.stdout)
        if admin:
            self._ensure_admin()

    def _copy_media(self):
        copied = 0
        for source in DEMO_MEDIA.rglob("*"):
            target = Path(settings.MEDIA_ROOT) / source.relative_to(DEMO_MEDIA)
            if source.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                copied += 1
        return copied

    def _ensure_admin(self):
        if not settings.DEBUG:
            raise CommandError("The demo admin account is for the local demo only (DEBUG on).")
        username, password = DEMO_ADMIN
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: /admin/ on the demo server — user “{username}”, password “{password}”."
            )
        )
