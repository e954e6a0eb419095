"""Backup and restore. (This folder sorts before e2e/ on purpose: on PostgreSQL the round
trip must run before the live-server tests, after whose flushes the in-process serialiser
produced empty content types; see the session note.)"""

import datetime
import hashlib
import io
import shutil
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Version

from osce_site.backup import dump_data
from press.models import PressRelease, ReleaseImage, SlugRedirect
from structures.models import Structure
from taxonomy.models import Term
from tests.press.test_editorial import image_file
from tests.trees import assert_tree_valid


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


# PostgreSQL cannot TRUNCATE (flush) inside a transaction that has deferred foreign-key
# checks pending, so there the test commits; on SQLite it runs inside the test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip_on_postgresql(tmp_path, admin_user):
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite variant below runs instead")
    round_trip(tmp_path, admin_user)


@pytest.mark.django_db
def test_backup_and_restore_round_trip_on_sqlite(tmp_path, admin_user):
    if connection.vendor == "postgresql":
        pytest.skip("the PostgreSQL variant above runs instead")
    round_trip(tmp_path, admin_user)


def round_trip(tmp_path, admin_user):
    """Everything goes into a backup and comes back from it the same."""
    ContentType.objects.clear_cache()  # an earlier live-server test's flush renumbered them
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    original = PressRelease.objects.get(slug__startswith="chairman-in-office")
    with reversion.create_revision():
        reversion.set_user(admin_user)
        original.title = "Revised title"
        original.save()
    translation = PressRelease.objects.create(
        title="Перевод", slug="perevod", language="ru", translation_of=original,
        source=original.source, summary="Кратко.", body="<p>Текст</p>",
    )  # fmt: skip
    ReleaseImage.objects.create(release=translation, image=image_file(), alt_text="A picture")
    original.slug = "renamed"
    original.save()
    # A time whose microseconds round to .000 in Django's JSON: it must come back exact.
    exact = datetime.datetime(2005, 12, 5, 13, 0, 0, 123, tzinfo=datetime.UTC)
    PressRelease.objects.filter(pk=original.pk).update(created_at=exact)
    before_data, before_media = dump_data(), media_files()
    assert Version.objects.exists() and SlugRedirect.objects.exists() and before_media

    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not PressRelease.objects.exists()

    call_command("restore", str(archive), yes=True, stdout=io.StringIO())
    assert dump_data() == before_data
    assert PressRelease.objects.get(pk=original.pk).created_at == exact
    assert media_files() == before_media
    assert_tree_valid(Term)
    assert_tree_valid(Structure)
    restored = PressRelease.objects.get(slug="renamed")
    assert [t.slug for t in restored.translations.all()] == ["perevod"]
    assert Version.objects.get_for_object(restored).first().revision.user.username == "admin"


def test_restore_refuses_what_is_not_a_backup(tmp_path, db):
    not_a_backup = tmp_path / "other.tar.gz"
    not_a_backup.write_bytes(b"plain text")
    with pytest.raises(CommandError, match="Cannot restore"):
        call_command("restore", str(not_a_backup), yes=True)
    assert Term.objects.filter(parent=None).count() == 3  # nothing was flushed
