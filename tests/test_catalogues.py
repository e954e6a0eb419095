"""The interface's message catalogues: every string of the source (templates, Python) is
translated in every site language, and each compiled catalogue (.mo, what Django reads)
says what its .po says. Extracts the strings as `make messages` does, into a temporary
folder, so the catalogues in locale/ are compared, never rewritten."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What `make messages` ignores: not the site's interface.
SKIPPED = {"locale", "tests", ".venv", "node_modules", "test-artifacts", ".git"}


@pytest.fixture(scope="module")
def source_strings(tmp_path_factory, monkeypatch_module):
    """(context, msgid) of every translatable string in the project's source. Extracted from
    a folder of links to the source, without locale/: makemessages writes to any locale
    folder it finds, whatever LOCALE_PATHS says."""
    source, output = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("locale")
    for path in Path(settings.BASE_DIR).iterdir():
        if path.name not in SKIPPED:
            (source / path.name).symlink_to(path)
    monkeypatch_module.chdir(source)
    monkeypatch_module.setattr(settings, "LOCALE_PATHS", [output])
    call_command("makemessages", locale=["en"], symlinks=True, verbosity=0)
    extracted = polib.pofile(str(output / "en" / "LC_MESSAGES" / "django.po"))
    strings = {(entry.msgctxt, entry.msgid) for entry in extracted}
    assert ("Press releases" in {msgid for _context, msgid in strings}) and len(strings) > 300
    return strings


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_interface_is_in_the_six_official_languages():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr", "de", "it", "ru", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_translated(language, source_strings):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in catalogue.translated_entries()
        if not entry.obsolete and all((entry.msgstr_plural or {0: entry.msgstr}).values())
    }
    missing = sorted(source_strings - translated, key=lambda key: key[1])
    assert not missing, f"{len(missing)} strings untranslated in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date(language):
    folder = LOCALE / language / "LC_MESSAGES"
    catalogue = polib.pofile(str(folder / "django.po"))
    with open(folder / "django.mo", "rb") as compiled:
        read = gettext.GNUTranslations(compiled)._catalog
    for entry in catalogue.translated_entries():
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            assert read.get((key, 0)) == entry.msgstr_plural[0], (language, entry.msgid)
        else:
            assert read.get(key) == entry.msgstr, (language, entry.msgid)
