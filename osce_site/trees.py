"""What both trees (terms and structures) share. Tree behaviour lives here and in the two
models, so that the tree library stays replaceable in one place."""

import zlib

from django.db import connections, models, router, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from modeltranslation.translator import translator
from mptt.managers import TreeManager
from mptt.models import MPTTModel
from mptt.querysets import TreeQuerySet

MPTT_FIELDS = ["lft", "rght", "tree_id", "level", "parent"]


def lock_tree(model):
    """Serialise changes to one tree, until the end of the transaction. Every change rewrites
    the nested-set numbers of many rows from numbers read before; two at once would leave
    the tree broken. SQLite allows one writer at a time anyway."""
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = zlib.crc32(model._meta.db_table.encode())
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


class TreeNodeQuerySet(TreeQuerySet):
    def outline(self, *fields):
        """The top nodes of these, as plain rows (dicts of `fields`, "pk" and "parent_id"),
        each with its "children" among them, in tree order: a third of the cost of model
        instances, for pages that only name and link nodes (the menu). A node whose parent
        is not among these is left out with its subtree."""
        rows = self.order_by("tree_id", "lft").rows("pk", "parent_id", *fields)
        by_pk = {row["pk"]: row for row in rows}
        roots = []
        for row in rows:
            row["children"] = []
            if row["parent_id"] is None:
                roots.append(row)
            elif row["parent_id"] in by_pk:
                by_pk[row["parent_id"]]["children"].append(row)
        return roots

    def rows(self, *fields):
        """These nodes as dicts of `fields`, translated fields (the names) in the active
        language, or in English where that is empty: chosen in SQL, since the translation
        library's own values() picks the language row by row in Python and its model
        instances cost twice a plain one's. For pages that only name and link nodes."""
        translated = translator.get_options_for_model(self.model).all_fields
        language = translation.get_language()
        in_language = {
            f"{field}_in_language": Coalesce(
                NullIf(F(f"{field}_{language}"), Value("")),
                F(f"{field}_en"),
                output_field=models.TextField(),
            )
            for field in fields
            if field in translated
        }
        plain = [field for field in fields if field not in translated]
        rows = list(self.raw_values(*plain, **in_language))
        for row in rows:
            for alias in in_language:
                row[alias.removesuffix("_in_language")] = row.pop(alias)
        return rows

    def delete(self):
        """Node by node through TreeNode.delete(), which keeps the nested sets valid and refuses
        nodes in use; a bulk SQL delete would do neither."""
        with transaction.atomic():
            nodes = list(self.order_by("-level"))  # children before their parents
            for node in nodes:
                node.delete()
        return len(nodes), {self.model._meta.label: len(nodes)}


class TreeNodeManager(TreeManager):
    def move_node(self, node, target, position="last-child"):
        """Every tree move (drag and drop included) goes through here: under the tree's
        lock, with the numbers read afresh once the lock is held."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            lock_tree(self.model)
            node.refresh_from_db(fields=MPTT_FIELDS)
            target.refresh_from_db(fields=MPTT_FIELDS)
            super().move_node(node, target, position)


class TreeNode(MPTTModel):
    class Meta:
        abstract = True

    def releases_using_subtree(self):
        """The press releases that use this node or a node below it."""
        raise NotImplementedError

    def tree_children(self):
        """The children of a node fetched with its tree (`get_cached_trees()`), as a list:
        no query, and none of the queryset that get_children() builds for every node."""
        return getattr(self, "_cached_children", None) or []

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
            lock_tree(type(self))
            return super().delete(*args, **kwargs)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            lock_tree(type(self))
            # Inserting or re-parenting rewrites numbers: start from the current ones, which
            # another editor may have changed since these instances were read.
            if self.pk:
                self.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
            if self.parent_id:
                self.parent.refresh_from_db(fields=MPTT_FIELDS)
            return super().save(*args, **kwargs)
