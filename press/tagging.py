"""Tag slugs: Unicode, as taggit makes them (a Russian tag reads /tags/медиа/), and never
empty. taggit slugifies "!!!" or "?" to "", which no address can hold; its models offer
the `slugify` method as the place to change this, and a custom tag model would move every
tag into a new table for the sake of one fallback."""

from django.utils.text import slugify
from taggit.models import Tag

# A name with no letter or digit in any script gets this slug, then tag_1, tag_2, ...
# through taggit's own handling of taken slugs.
FALLBACK_SLUG = "tag"
SLUG_LENGTH = Tag._meta.get_field("slug").max_length


def slugify_tag(tag, name, i=None):
    slug = slugify(name, allow_unicode=True) or FALLBACK_SLUG
    suffix = "" if i is None else f"_{i}"
    # Lower-casing can lengthen a name ("İ" becomes two characters): keep within the column.
    return slug[: SLUG_LENGTH - len(suffix)].rstrip("-_") + suffix


def install():
    Tag.slugify = slugify_tag
