"""Path converters for Unicode slugs. Slugs are readable in the reader's language (a Russian
tag is /tags/медиа/, as taggit makes it with allow_unicode), not transliterated: the
transliteration tables differ by standard. Registered here, once, on import; every URL
module that uses them imports this module."""

from django.urls import register_converter


class UnicodeSlugConverter:
    """Letters and digits of any script, hyphens and underscores."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class UnicodeSlugPathConverter(UnicodeSlugConverter):
    """Unicode slugs joined by "/": a node's path in a tree."""

    regex = r"[-\w]+(?:/[-\w]+)*"


register_converter(UnicodeSlugConverter, "uslug")
register_converter(UnicodeSlugPathConverter, "uslugpath")
