import datetime
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from press import services
from press.models import Journalist, PressRelease
from structures.models import Structure

DEMO_FIXTURES = ["taxonomy", "structures", "press_demo", "press_demo_translations", "events_demo"]
DEMO_MEDIA = Path(__file__).resolve().parents[2] / "fixtures" / "demo_media"
# Demo accounts (local demo only): user name = password, group, structures they write for.
DEMO_USERS = [
    ("admin", None, []),
    ("kosovo-officer", "Press officer", ["mission-in-kosovo"]),
    ("publisher", "Publisher", None),  # None: every structure at the top of the tree
]


DEMO_JOURNALIST = {"name": "Jana Novak", "outlet": "Demo News Agency", "email": "press@example.org"}


class Command(BaseCommand):
    help = (
        "Load the demo site: both trees, chairpersonships and press releases with their "
        "images. Safe to run again: fixtures use natural keys, so nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help="Also ensure the demo accounts: a superuser, a press officer, a publisher "
            "(only with DEBUG on).",
        )

    def handle(self, admin, **options):
        call_command("loaddata", *DEMO_FIXTURES, verbosity=options["verbosity"])
        services.record_first_revisions(PressRelease.objects.all(), "Loaded with the demo data.")
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
            raise CommandError("The demo accounts are for the local demo only (DEBUG on).")
        for username, group, structures in DEMO_USERS:
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff = True
            user.is_superuser = group is None
            user.set_password(username)
            user.save()
            if group:
                user.groups.set([Group.objects.get(name=group)])
                bodies = (
                    Structure.objects.root_nodes()
                    if structures is None
                    else Structure.objects.filter(slug__in=structures)
                )
                user.editorial_structures.set(bodies)
            role = group or "superuser"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin /admin/: user “{username}”, password “{username}” ({role})."
                )
            )
        journalist = Journalist.objects.filter(email=DEMO_JOURNALIST["email"]).first()
        journalist = journalist or Journalist(email=DEMO_JOURNALIST["email"])
        journalist.name, journalist.outlet = DEMO_JOURNALIST["name"], DEMO_JOURNALIST["outlet"]
        journalist.accredited_until = timezone.localdate() + datetime.timedelta(days=365)
        journalist.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Press room /press-room/: accredited journalist “{journalist.email}” (the "
                "sign-in link is printed here, where the server runs)."
            )
        )
