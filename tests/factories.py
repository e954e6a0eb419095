"""Small builders for test objects; each takes only what a test needs to say."""

import datetime
import itertools

from django.utils import timezone

from press.models import PressRelease
from structures.models import Structure
from taxonomy.models import Term, Vocabulary

_numbers = itertools.count(1)


def vocabulary(code):
    """The vocabulary roots are created by a data migration and exist in every database."""
    return Term.objects.get(vocabulary=code, parent=None)


def make_term(name=None, parent=None, kind=Term.Kind.TOPIC, **fields):
    name = name or f"Term {next(_numbers)}"
    parent = parent or vocabulary(Vocabulary.FIELDS_OF_WORK)
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{next(_numbers)}")
    return Term.objects.create(name=name, parent=parent, kind=kind, **fields)


def make_country(name=None, iso_code=None, parent=None):
    number = next(_numbers)
    name = name or f"Country {number}"
    iso_code = iso_code or f"{chr(65 + number // 26 % 26)}{chr(65 + number % 26)}"
    return make_term(
        name,
        parent=parent or vocabulary(Vocabulary.COUNTRIES),
        kind=Term.Kind.COUNTRY,
        iso_code=iso_code,
    )


def make_structure(name=None, parent=None, kind=Structure.Kind.FIELD_OPERATION, **fields):
    number = next(_numbers)
    name = name or f"Structure {number}"
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{number}")
    return Structure.objects.create(name=name, parent=parent, kind=kind, **fields)


def make_release(title=None, source=None, status=PressRelease.Status.PUBLISHED, **fields):
    number = next(_numbers)
    title = title or f"Release {number}"
    fields.setdefault("slug", f"release-{number}")
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=number))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("body", f"<p>Body of {title}.</p>")
    return PressRelease.objects.create(
        title=title, source=source or make_structure(), status=status, **fields
    )
