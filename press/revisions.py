"""Readable differences between two revisions of a release, for reversion_compare's compare
view (its documented hook: override `compare()` on the admin).

The library diffs a relation only when the related model is itself under reversion: it skips
many-to-many fields to terms, structures and contacts, fails on taggit's manager (a TypeError
in the log), marks every foreign key "changed" whenever anything changed, and flags them all
"not under reversion control". Following those models into each revision is no cure: reverting
a release would then revert the trees and the users with it. A version stores the ids it
pointed to, which is all a diff needs: this module names them as they are now ("(deleted)"
when gone), reads tags from the followed tagged items, and leaves plain fields and the
followed images, attachments and old slugs to the library.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from reversion.revisions import _get_options
from reversion_compare.compare import CompareObjects
from taggit.managers import TaggableManager

NAMES_TEMPLATE = "admin/includes/compare_names.html"


class ReadableCompareMixin:
    """For a CompareVersionAdmin: every changed field, relations included, by name."""

    def compare(self, obj, version1, version2):
        self.reverse_fields = []  # the library's _get_compare() reads it
        diff = []
        for field in obj._meta.fields:
            if field.attname not in version1.field_dict or field.attname not in version2.field_dict:
                continue  # not stored in revisions (the search vector)
            if not field.editable:
                continue  # who saved when: the history's list of versions says it
            if field.is_relation:
                html = self._compare_ids(field, version1, version2)
            else:
                html = self._compare_value(obj, field, version1, version2)
            diff.append((field, html))
        for field in obj._meta.many_to_many:
            if isinstance(field, TaggableManager):
                diff.append((field, self._compare_tags(obj, field, version1, version2)))
            else:
                diff.append((field, self._compare_ids(field, version1, version2)))
        tagged = {_through_link(obj, f).remote_field.related_name for f in _taggit_fields(obj)}
        for name in _get_options(type(obj)).follow:
            if name not in tagged:
                html = self._compare_followed(obj, name, version1, version2)
                diff.append((obj._meta.get_field(name), html))
        entries = [
            {"field": field, "is_related": field.is_relation, "follow": True, "diff": html}
            for field, html in diff
            if html is not None
        ]
        return entries, False  # every relation is diffed from the ids its versions stored

    def _compare_value(self, obj, field, version1, version2):
        compared = CompareObjects(field, field.name, obj, version1, version2, False)
        return self._get_compare(compared) if compared.changed() else None

    def _compare_followed(self, obj, name, version1, version2):
        rel = obj._meta.get_field(name)
        compared = CompareObjects(rel, rel.field_name, obj, version1, version2, True)
        return self.compare_ManyToOneRel(compared) if compared.changed() else None

    def _compare_ids(self, field, version1, version2):
        old, new = _ids(version1.field_dict, field), _ids(version2.field_dict, field)
        if old == new:
            return None
        names = _names(field.related_model, old | new)
        return _render_names(names, old, new)

    def _compare_tags(self, obj, field, version1, version2):
        old, new = _tag_ids(obj, field, version1), _tag_ids(obj, field, version2)
        if old == new:
            return None
        names = _names(field.related_model, old | new)
        return _render_names(names, old, new)


def _taggit_fields(obj):
    return [field for field in obj._meta.many_to_many if isinstance(field, TaggableManager)]


def _through_link(obj, field):
    """The through model's foreign key to the tagged object."""
    through = field.remote_field.through
    return next(
        link
        for link in through._meta.fields
        if link.is_relation and issubclass(type(obj), link.related_model)
    )


def _ids(field_dict, field):
    value = field_dict.get(field.attname)
    if field.many_to_many:
        return {str(pk) for pk in value or ()}
    return set() if value is None else {str(value)}


def _tag_ids(obj, field, version):
    """The tags of the object in this version's revision, from its followed tagged items."""
    through = field.remote_field.through
    link = _through_link(obj, field)
    tagged = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(through)
    )
    return {
        str(item.field_dict["tag_id"])
        for item in tagged
        if str(item.field_dict.get(link.attname)) == str(version.object_id)
    }


def _names(model, ids):
    """Each id's name as the object is called now."""
    found = {str(item.pk): item for item in model._default_manager.filter(pk__in=ids)}
    return {pk: _name(found[pk]) if pk in found else _("(deleted, #%s)") % pk for pk in ids}


def _name(item):
    if isinstance(item, get_user_model()):
        return item.get_full_name() or item.get_username()
    return str(item)


def _render_names(names, old, new):
    def listed(ids):
        return sorted((names[pk] for pk in ids), key=str.casefold)

    return render_to_string(
        NAMES_TEMPLATE,
        {"removed": listed(old - new), "added": listed(new - old), "kept": listed(old & new)},
    )
