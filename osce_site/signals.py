"""What the trees' models do on save: their text is cleaned, and since every page shows
the trees (the menu, names in lists), every page is purged."""

from django.db.models.signals import post_delete, post_save, pre_save
from mptt.signals import node_moved

from .cache import TREES, purge
from .text import strip_control_characters


def purge_trees(sender, **kwargs):
    purge(TREES)


def connect_tree_models(*models):
    """Text cleaned before each save; any save, deletion or move makes every page stale
    (softly)."""
    for model in models:
        uid = f"purge-trees-{model._meta.label}"
        pre_save.connect(strip_control_characters, sender=model, dispatch_uid=f"{uid}-text")
        post_save.connect(purge_trees, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(purge_trees, sender=model, dispatch_uid=f"{uid}-delete")
        node_moved.connect(purge_trees, sender=model, dispatch_uid=f"{uid}-move")
