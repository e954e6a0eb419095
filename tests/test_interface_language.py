"""No interface string is left untranslated on a public page: every text of a page in a
language other than English that it shares with the English page is content (marked with
its own `lang`) or a name the same in both languages. Compares each page type of the demo
in each language with the same page in English, text node by text node (and the texts of
the attributes people read: alt, title, aria-label, placeholder)."""

import re
from html.parser import HTMLParser

import pytest
from taggit.models import Tag

from events.models import Event
from press.models import Contact, PressRelease
from structures.models import Chairpersonship, Structure
from taxonomy.models import Term
from tests.test_html_standards import public_pages

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "de", "it", "ru", "es")
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# The same in every language: names, formats and the organisation's acronym where it is;
# and words that are the same in English and in one of the languages.
SAME_EVERYWHERE = {"RSS", "Atom", "OSCE"}
SAME_IN = {"fr": {"Site", "Source", "Contact"}, "de": {"Sitemap"}, "it": {"Home", "Tag"}}


class InterfaceText(HTMLParser):
    """The page's texts, leaving out what a `lang` attribute marks as another language."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language):
        super().__init__()
        self.language, self.stack, self.texts = language, [], set()

    def _foreign(self):
        return any(lang not in (None, self.language) for _, lang in self.stack) or any(
            tag in ("script", "style") for tag, _ in self.stack
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang")))
        if not self._foreign() and attrs.get("lang") in (None, self.language):
            for name in READ_ATTRIBUTES:
                if attrs.get(name):
                    self.texts.add(attrs[name].strip())

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._foreign():
            self.texts.add(" ".join(data.split()))


def same_names(language):
    """The trees' names (and the Chairs') that are the same in English and in `language`:
    Andorra, Alexander Stubb; and the content that has no language of its own (tags,
    meetings, contacts, ISO codes). Content, not interface."""
    same = {
        *Tag.objects.values_list("name", flat=True),
        *SAME_EVERYWHERE,
        *SAME_IN.get(language, ()),
    }
    same.update(Term.objects.exclude(iso_code="").values_list("iso_code", flat=True))
    for row in Event.objects.values_list("title", "city", "venue", "description"):
        same.update(row)
    for row in Contact.objects.values_list("name", "role", "organisation", "email"):
        same.update(row)
    same.update(place.title() for place in PressRelease.objects.values_list("place", flat=True))
    for model, fields in ((Term, ["name"]), (Structure, ["name", "short_name"]),
                          (Chairpersonship, ["chairperson"])):  # fmt: skip
        for field in fields:
            rows = model.objects.values_list(f"{field}_en", f"{field}_{language}")
            same.update(english for english, other in rows if english and english == other)
    return same


def interface_texts(response, language):
    parser = InterfaceText(language)
    parser.feed(response.content.decode())
    return {text for text in parser.texts if re.search(r"[^\W\d_]{2}", text)}


def untranslated(texts, names):
    """The texts that still have words once the names in them are taken out."""
    longest_first = sorted(names, key=len, reverse=True)
    left = []
    for text in texts:
        rest = text
        for name in longest_first:
            rest = rest.replace(name, " ")
        if re.search(r"[^\W\d_]{2}", rest):
            left.append(text)
    return sorted(left)


def test_no_interface_string_is_left_in_english(client, demo):
    pages = public_pages()
    names = {language: same_names(language) for language in LANGUAGES}
    left = {}
    for name, url in pages.items():
        english = interface_texts(client.get(url), "en")
        for language in LANGUAGES:
            if name.startswith("release"):  # a release's page is in its own language
                release = PressRelease.objects.published().filter(language=language).first()
                translated = release.get_absolute_url()
            else:
                translated = f"/{language}{url}"
            texts = interface_texts(client.get(translated), language)
            shared = untranslated(english & texts, names[language])
            if shared:
                left[name, language] = shared
    assert left == {}
