"""Purges for the trees, which every page shows (the menu, names in lists)."""

from django.db.models.signals import post_delete, post_save
from mptt.signals import node_moved

from .cache import TREES, purge


def purge_trees(sender, **kwargs):
    purge(TREES)


def purge_trees_on_change(*models):
    """Any save, deletion or move of these models makes every page stale (softly)."""
    for model in models:
        uid = f"purge-trees-{model._meta.label}"
        post_save.connect(purge_trees, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(purge_trees, sender=model, dispatch_uid=f"{uid}-delete")
        node_moved.connect(purge_trees, sender=model, dispatch_uid=f"{uid}-move")
