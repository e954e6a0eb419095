from press.models import PressRelease


class RefuseDeleteInUseMixin:
    """Tree admins: refuse to delete nodes that press releases use, and say how many do,
    instead of listing every release (or nothing, for many-to-many links)."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [(obj, obj.releases_using_subtree().count()) for obj in objs]
        refusals = [
            f"“{obj}” is used by {count} press release(s), itself or an item below it. "
            "Remove it from those releases, or move it, before deleting."
            for obj, count in in_use
            if count
        ]
        others = [item for item in protected if not isinstance(item, PressRelease)]
        return to_delete, model_count, perms_needed, refusals + others
