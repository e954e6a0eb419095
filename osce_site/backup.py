"""Backups of everything the site holds: the trees, releases with their tags, translations
and revisions, the admin history, the editors' accounts, and the media files. A backup is
one .tar.gz with data.json (Django's serialisation, with natural keys for content types
and permissions, so it loads into any migrated database) and media/."""

import datetime
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

MODELS = [
    "auth.group",
    "auth.user",
    "taxonomy",
    "structures",
    "events",
    "taggit",
    "press",
    "reversion",
    "admin.logentry",
]


def _models():
    for label in MODELS:
        if "." in label:
            yield apps.get_model(label)
        else:
            # Tables derived from the others (counts) are rebuilt on restore, not kept.
            for model in apps.get_app_config(label).get_models():
                if not getattr(model, "derived_data", False):
                    yield model


class LosslessEncoder(DjangoJSONEncoder):
    """Keeps the microseconds of times, which Django's encoder cuts to milliseconds: a
    restored site equals the original to the microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def dump_data():
    """The content as JSON, models in dependency order, rows in key order. (Serialised here
    rather than by `dumpdata`, whose server-side cursors came back empty on PostgreSQL after
    the browser tests' live server had run in the same process.)"""
    ordered = serializers.sort_dependencies([(None, list(_models()))])
    rows = (row for model in ordered for row in model._base_manager.order_by("pk"))
    return serializers.serialize("json", rows, use_natural_foreign_keys=True, cls=LosslessEncoder)


def backup(path):
    """Write the backup; returns (number of objects, number of media files)."""
    data = dump_data()
    media = Path(settings.MEDIA_ROOT)
    files = [f for f in media.rglob("*") if f.is_file()] if media.exists() else []
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("data.json")
        encoded = data.encode()
        info.size = len(encoded)
        archive.addfile(info, io.BytesIO(encoded))
        for file in files:
            archive.add(file, arcname=f"media/{file.relative_to(media)}")
    Path(path).chmod(0o600)  # it holds the editors' password hashes
    return len(json.loads(data)), len(files)


def restore(path):
    """Replace the database's content and the media files with the backup's."""
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as folder:
        archive.extractall(folder, filter="data")
        data = Path(folder) / "data.json"
        if not data.exists():
            raise ValueError(f"{path} is not a backup of this site: it has no data.json.")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()  # the flush renumbered them
            call_command("loaddata", str(data), verbosity=0)
        media = Path(settings.MEDIA_ROOT)
        copied = 0
        for file in (Path(folder) / "media").rglob("*"):
            if file.is_file():
                target = media / file.relative_to(Path(folder) / "media")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.read_bytes())
                copied += 1
    return copied
