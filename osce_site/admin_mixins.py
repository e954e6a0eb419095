from django.contrib.admin.options import IncorrectLookupParameters
from django.db import DataError
from django.utils.translation import ngettext


class UnreadableFilterMixin:
    """A list filter value the database cannot compare (?source=<5,000 digits> overflows
    SQLite's integers) is a wrong filter, which the admin answers with its "?e=1" page,
    not a server error. Django checks lookups when it builds the query; this shows only
    when the query runs."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, DataError) as error:
            raise IncorrectLookupParameters(error) from error


class RefuseDeleteInUseMixin:
    """Tree admins: refuse to delete nodes that press releases use, and say how many do,
    instead of listing every release (or nothing, for many-to-many links)."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        using = [(obj, obj.releases_using_subtree()) for obj in objs]
        in_use = [(obj, releases.count()) for obj, releases in using]
        refusals = [
            ngettext(
                # Translators: one English form for any number; give your language's plural forms.
                "“%(name)s” is used by %(count)d press release(s), itself or an item below it. "
                "Remove it from those releases, or move it, before deleting.",
                "“%(name)s” is used by %(count)d press release(s), itself or an item below it. "
                "Remove it from those releases, or move it, before deleting.",
                count,
            )
            % {"name": obj, "count": count}
            for obj, count in in_use
            if count
        ]
        # The releases are named by the refusals: leave them out of the protected objects.
        release_models = {releases.model for _, releases in using}
        others = [item for item in protected if type(item) not in release_models]
        return to_delete, model_count, perms_needed, refusals + others
