"""What both trees (terms and structures) share. Tree behaviour lives here and in the two
models, so that the tree library stays replaceable in one place."""

from django.db import models, transaction
from mptt.models import MPTTModel
from mptt.querysets import TreeQuerySet


class TreeNodeQuerySet(TreeQuerySet):
    def delete(self):
        """Node by node through TreeNode.delete(), which keeps the nested sets valid and refuses
        nodes in use; a bulk SQL delete would do neither."""
        with transaction.atomic():
            nodes = list(self.order_by("-level"))  # children before their parents
            for node in nodes:
                node.delete()
        return len(nodes), {self.model._meta.label: len(nodes)}


class TreeNode(MPTTModel):
    class Meta:
        abstract = True

    def releases_using_subtree(self):
        """The press releases that use this node or a node below it."""
        raise NotImplementedError

    def delete(self, *args, **kwargs):
        # Checked before the tree library closes the gap in the nested sets: a refusal
        # half-way through would leave the tree broken.
        count = self.releases_using_subtree().count()
        if count:
            raise models.ProtectedError(
                f"“{self}” is used by {count} press release(s); remove it from them first.",
                set(),
            )
        with transaction.atomic():
            return super().delete(*args, **kwargs)
