"""The site's languages (settings.LANGUAGES): each page has an address per language, English
at the root and the others under their code (/ru/...). What a page offers in each language
is its own address there, unless the page says otherwise (a release offers its translations:
press.views)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class Version:
    code: str
    name: str  # in its own language: Русский
    url: str  # with the page's query: the same filters in the other language
    current: bool = False
    missing: bool = False  # no such version: the url leads to something near (a list)
    canonical: str = ""  # the page's canonical address there (hreflang); the url by default

    @property
    def is_default(self):
        """The version for visitors whose language the site does not have (x-default)."""
        return self.code == settings.LANGUAGE_CODE


def site_language(code):
    """The site language a page in `code` is served in: itself, or the default."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def native_name(code):
    return translation.get_language_info(code)["name_local"]


def path_in(code, path):
    """The same address in another site language. The language is the address's prefix
    alone (i18n_patterns, the default language unprefixed) and no pattern is translated,
    so this is Django's translate_url() without its resolving and reversing, which cost a
    third of a millisecond per language on every page."""
    current = translation.get_language()
    if current != settings.LANGUAGE_CODE and path.startswith(f"/{current}/"):
        path = path[len(current) + 1 :]
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def versions_of_page(request):
    """The same page in every site language, as the current address translated."""
    current = translation.get_language()
    full_path = request.get_full_path()
    return [
        Version(
            code,
            native_name(code),
            path_in(code, full_path),
            code == current,
            canonical=path_in(code, request.path),
        )
        for code, _name in settings.LANGUAGES
    ]


def in_every_language(*fields):
    """The columns of translated `fields` in every language (name_en, name_fr, ...): for
    searches that should find a name whatever the editor's language."""
    return tuple(
        f"{field}_{code}" for field in fields for code in settings.MODELTRANSLATION_LANGUAGES
    )
